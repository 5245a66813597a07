import Foundation
import Support
import Transforms

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
      split: split, index: index, group: manifest.groups[key.group],
      start: manifest.calendar.firstDay(key.startDay).iso,
      dates: (0..<manifest.windowLength).map { manifest.calendar.firstDay(key.startDay + $0).iso }, space: space,
      featureNames: manifest.featureNames, values: values)
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
