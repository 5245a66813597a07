import Support
import Transforms

/// Where transformed windows go, one at a time in export order (group, then start day).
/// `ShardDatasetWriter` is the sink `icews run` uses.
public protocol WindowSink: AnyObject {
  func append(_ window: UnsafeBufferPointer<Float>, key: WindowKey, split: SplitName) throws
}

extension WindowSink {
  /// Appends each of `windows` rebuilt as plain values.
  public func appendRebuilt(_ windows: GroupWindows) throws {
    var window = [Float](repeating: 0, count: windows.reference.count)
    try window.withUnsafeMutableBufferPointer { w in
      for i in 0..<windows.windowCount {
        windows.decode(i, into: w)
        try append(
          UnsafeBufferPointer(w), key: WindowKey(group: windows.group, startDay: windows.startDays[i]),
          split: windows.splits[i])
      }
    }
  }
}
