import EventData
import Foundation
import Support
import Transforms

/// One window read back for people: its key, its values in a chosen space and the feature names.
public struct WindowInspection: Sendable {
  public var split: SplitName
  /// Position in the split (export order).
  public var index: Int
  public var group: String
  public var start: String
  /// First day of each step's period, YYYY-MM-DD (the day itself for daily frames).
  public var dates: [String]
  public var space: WindowSpace
  public var featureNames: [String]
  /// `length × featureCount`, row-major.
  public var values: [Float]
  public var length: Int { values.count / max(1, featureNames.count) }

  /// Each feature's variance over the window's steps (what `--top` ranks by).
  public var featureVariances: [Double] {
    let f = featureNames.count
    let t = length
    return (0..<f).map { j in
      let column = (0..<t).map { Double(values[$0 * f + j]) }.filter(\.isFinite)
      guard !column.isEmpty else { return 0 }
      let mean = column.reduce(0, +) / Double(column.count)
      return column.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(column.count)
    }
  }

  /// The same window with only the features `indices` names, in that order.
  public func keeping(_ indices: [Int]) -> WindowInspection {
    var kept = self
    let f = featureNames.count
    kept.featureNames = indices.map { featureNames[$0] }
    kept.values = (0..<length).flatMap { t in indices.map { values[t * f + $0] } }
    return kept
  }
}

/// Output formats of `icews inspect`.
public enum InspectFormat: String, Sendable, CaseIterable {
  case table, csv, json
}

extension ShardDataset {
  /// Window `index` of `split` (export order) in `space`: as stored, window-differencing undone,
  /// or back in frame units (inverse transforms built from the manifest).
  public func inspect(_ split: SplitName, index: Int, space: WindowSpace) throws -> WindowInspection {
    let (shard, window) = try locate(split, window: index)
    let reader = try reader(split, shard: shard)
    var values = try reader.readWindow(window)
    let key = reader.keys[window]
    let transforms = try FittedTransforms(
      settings: manifest.transforms, statistics: manifest.normalization, calendarStart: manifest.calendarStart,
      period: manifest.period, dayCount: manifest.dayCount)
    try values.withUnsafeMutableBufferPointer { try transforms.invert($0, from: .model, to: space) }
    return WindowInspection(
      split: split, index: index, group: manifest.groups[key.group], start: manifest.calendar.firstDay(key.startDay).iso,
      dates: (0..<manifest.windowLength).map { manifest.calendar.firstDay(key.startDay + $0).iso }, space: space, featureNames: manifest.featureNames, values: values)
  }

  /// The position of `name` among the manifest's groups: exact, else ignoring case; an unknown name
  /// is an error suggesting the closest groups.
  public func groupIndex(_ name: String) throws -> Int {
    if let g = manifest.groups.firstIndex(of: name) { return g }
    let lower = name.lowercased()
    if let g = manifest.groups.firstIndex(where: { $0.lowercased() == lower }) { return g }
    throw ShardError(
      .outOfRange,
      "no group \(name.messageQuote)\(NameMatching.didYouMean(name, among: manifest.groups)) "
        + "(all \(manifest.groups.count) are listed by `icews stats \(directory.path) --groups`)")
  }

  /// The export-order index of `group`'s window starting on `day`, or else the first of its windows
  /// that contains `day`. The group is matched as `groupIndex` does.
  public func windowIndex(_ split: SplitName, group: String, day: Int) throws -> Int {
    let g = try groupIndex(group)
    let group = manifest.groups[g]
    let length = manifest.windowLength
    var base = 0
    var containing: Int?
    for s in manifest.splits[split].shards.indices {
      let reader = try reader(split, shard: s)
      for (w, key) in reader.keys.enumerated() where key.group == g {
        if key.startDay == day { return base + w }
        if containing == nil && key.startDay <= day && day < key.startDay + length { containing = base + w }
      }
      base += reader.windowCount
    }
    if let containing { return containing }
    throw ShardError(
      .outOfRange,
      "group \(group.messageQuote) has no \(split) window containing \(manifest.calendar.firstDay(day).iso)")
  }
}

extension WindowInspection {
  /// Renders the window: `table` (one row per feature with a sparkline over time, all-zero features
  /// skipped and counted), `csv` (one row per step, dated) or `json`. Outside model space |v| < 1e-6,
  /// the float round-off of inverting the transforms, is written as 0 in all three.
  public func render(_ format: InspectFormat) -> String {
    switch format {
    case .table: return table()
    case .csv: return csv()
    case .json: return json()
    }
  }

  private func value(_ t: Int, _ j: Int) -> Float { values[t * featureNames.count + j] }

  /// The value as people should read it: outside model space, |v| < 1e-6 is the float round-off of
  /// inverting the transforms (a zero fraction comes back as -1.86e-09) and shows as 0.
  private func shown(_ t: Int, _ j: Int) -> Float {
    let v = value(t, j)
    return space != .model && abs(v) < 1e-6 ? 0 : v
  }

  private func table() -> String {
    let f = featureNames.count
    let t = length
    var text = "\(split) window \(index): group \(group), \(start), \(t) days × \(f) features, \(space) space\n"
    let nameWidth = max(7, featureNames.map(\.count).max() ?? 7)
    let numbers = (0..<t).map { String(format: "%8d", $0) }.joined()
    text += "feature".padding(toLength: nameWidth, withPad: " ", startingAt: 0) + "  "
      + "trend".padding(toLength: t, withPad: " ", startingAt: 0) + "       min       max" + (f <= 12 ? numbers : "") + "\n"
    var skipped = 0
    for j in 0..<f {
      let series = (0..<t).map { v in shown(v, j) }
      if series.allSatisfy({ $0 == 0 }) {
        skipped += 1
        continue
      }
      let name = featureNames[j].padding(toLength: nameWidth, withPad: " ", startingAt: 0)
      let lo = series.min()!
      let hi = series.max()!
      var row = name + "  " + sparkline(series) + String(format: " %9.4g %9.4g", lo, hi)
      if f <= 12 { row += series.map { String(format: " %7.4g", $0) }.joined() }
      text += row + "\n"
    }
    if skipped > 0 { text += "(\(skipped) of \(f) features are zero on every day and not shown)\n" }
    return text
  }

  /// One bar per value, scaled between the series' finite extremes in double precision (float values near
  /// ±3.4e38 overflow a float difference); a non-finite value shows as "?".
  private func sparkline(_ series: [Float]) -> String {
    let bars = Array("▁▂▃▄▅▆▇█")
    let finite = series.filter(\.isFinite).map(Double.init)
    let lo = finite.min() ?? 0
    let hi = finite.max() ?? 0
    return String(series.map { v in
      guard v.isFinite else { return "?" }
      return hi > lo ? bars[min(7, max(0, Int((Double(v) - lo) / (hi - lo) * 7.999)))] : bars[0]
    })
  }

  private func csv() -> String {
    var text = "date," + featureNames.map(csvField).joined(separator: ",") + "\n"
    for t in 0..<length {
      text += "\(dates[t])," + (0..<featureNames.count).map { "\(shown(t, $0))" }.joined(separator: ",") + "\n"
    }
    return text
  }

  private func json() -> String {
    struct Payload: Encodable {
      var split: String
      var index: Int
      var group: String
      var start: String
      var dates: [String]
      var space: String
      var features: [String]
      var values: [[Float]]
    }
    let rows = (0..<length).map { t in (0..<featureNames.count).map { shown(t, $0) } }
    let payload = Payload(
      split: split.rawValue, index: index, group: group, start: start, dates: dates, space: space.rawValue, features: featureNames,
      values: rows)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return String(decoding: (try? encoder.encode(payload)) ?? Data(), as: UTF8.self) + "\n"
  }
}
