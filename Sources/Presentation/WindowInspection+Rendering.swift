import Foundation
import Shards
import Support
import Transforms

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
    text +=
      "feature".padding(toLength: nameWidth, withPad: " ", startingAt: 0) + "  "
      + "trend".padding(toLength: t, withPad: " ", startingAt: 0) + "       min       max" + (f <= 12 ? numbers : "")
      + "\n"
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
    return String(
      series.map { v in
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
      split: split.rawValue, index: index, group: group, start: start, dates: dates, space: space.rawValue,
      features: featureNames,
      values: rows)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return String(decoding: (try? encoder.encode(payload)) ?? Data(), as: UTF8.self) + "\n"
  }
}
