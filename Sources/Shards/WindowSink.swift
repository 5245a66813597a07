import Support
import Transforms

/// Where transformed windows go, one at a time in export order (group, then start day).
/// `ShardDatasetWriter` is the sink `icews run` uses.
public protocol WindowSink: AnyObject {
  func append(_ window: UnsafeBufferPointer<Float>, key: WindowKey, split: SplitName) throws
}

extension WindowSink {
  /// Appends one group's windows in start order; windows whose days are all empty are `empty.window`.
  public func append(_ windows: GroupWindows, empty: EmptyWindow) throws {
    let n = empty.window.count
    try windows.values.withUnsafeBufferPointer { values in
      try empty.window.withUnsafeBufferPointer { emptyValues in
        var next = 0
        for w in windows.startDays.indices {
          let key = WindowKey(group: windows.group, startDay: windows.startDays[w])
          if windows.allDaysEmpty[w] {
            try append(emptyValues, key: key, split: windows.splits[w])
          } else {
            try append(UnsafeBufferPointer(rebasing: values[next..<next + n]), key: key, split: windows.splits[w])
            next += n
          }
        }
      }
    }
  }
}
