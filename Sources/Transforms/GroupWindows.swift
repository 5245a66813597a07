import Frames
import Support

/// One group's kept windows after every transform, in start order: the unit a sink stores.
/// Windows whose days are all empty carry no values; they all equal `EmptyWindow.window`.
public struct GroupWindows: Sendable {
  public var group: Int
  /// The values of the windows with data, one after another (`windowValueCount` each).
  public var values: [Float]
  /// Each kept window's first day (offset from the calendar start), split and emptiness.
  public var startDays: [Int]
  public var splits: [SplitName]
  public var allDaysEmpty: [Bool]
  public var counts: WindowCounts

  /// From the dense series; `values` comes from `buffers`.
  init(_ series: some FrameSeries, group: Int, transforms: FittedTransforms, buffers: ReusePool<[Float]>) {
    let n = transforms.windowValueCount
    var buffer = buffers.take(count: series.dayCount * transforms.featureCount)
    defer { buffers.give(buffer) }
    var scratch = [Float](repeating: 0, count: n)
    var values = buffers.take(count: 0)
    var startDays: [Int] = []
    var splits: [SplitName] = []
    values.reserveCapacity(transforms.layout.windowCount * n)
    counts = buffer.withUnsafeMutableBufferPointer { b in
      series.fillSeries(group: group, into: b)
      transforms.prepareSeries(b)
      return scratch.withUnsafeMutableBufferPointer { s in
        transforms.forEachWindow(group: group, preparedSeries: UnsafeBufferPointer(b), scratch: s) { window in
          values.append(contentsOf: window.values)
          startDays.append(window.startDay)
          splits.append(window.split)
        }
      }
    }
    self.group = group
    self.values = values
    self.startDays = startDays
    self.splits = splits
    allDaysEmpty = [Bool](repeating: false, count: startDays.count)
  }

  /// From the days with data only (`transforms.cutsSparseWindows`); an error when the series
  /// cannot be read back.
  init(
    _ series: some SparseFrameSeries, group: Int, transforms: FittedTransforms, empty: EmptyWindow,
    buffers: ReusePool<[Float]>, scratch: ReusePool<CompressedGroupFrames>
  ) throws {
    var frames = scratch.take(orMake: { CompressedGroupFrames() })
    defer { scratch.give(frames) }
    try series.loadEntries(group: group, into: &frames, before: .max)
    var values = buffers.take(count: transforms.layout.windowCount * transforms.windowValueCount)
    var startDays: [Int] = []
    var splits: [SplitName] = []
    var allDaysEmpty: [Bool] = []
    startDays.reserveCapacity(transforms.layout.windowCount)
    counts = values.withUnsafeMutableBufferPointer { output in
      transforms.forEachWindow(group: group, entries: frames, empty: empty, output: output) { window, isEmpty in
        startDays.append(window.startDay)
        splits.append(window.split)
        allDaysEmpty.append(isEmpty)
      }
    }
    self.group = group
    self.values = values
    self.startDays = startDays
    self.splits = splits
    self.allDaysEmpty = allDaysEmpty
  }

  /// Stored windows are finite: a value that the transforms pushed past float32's range (inputs near
  /// ±3.4e38, differenced or scaled) is an error naming the group, the window's first day and the feature.
  func checkedFinite(_ series: some FrameSeries, valuesPerWindow n: Int) throws(TransformError) -> GroupWindows {
    let storedCount = allDaysEmpty.reduce(0) { $0 + ($1 ? 0 : 1) }
    let end = min(values.count, storedCount * n)
    // one branch-free pass (an infinity or NaN has every exponent bit set), then the slow search
    let anyNonFinite = values.withUnsafeBufferPointer { v in
      var worst: UInt32 = 0
      for i in 0..<end { worst = Swift.max(worst, v[i].bitPattern & 0x7F80_0000) }
      return worst == 0x7F80_0000
    }
    guard anyNonFinite, let at = values[0..<end].firstIndex(where: { !$0.isFinite }) else { return self }
    let stored = startDays.indices.filter { !allDaysEmpty[$0] }
    let startDay = startDays[stored[at / n]]
    let feature = at % series.featureNames.count
    let day = series.calendar.firstDay(startDay).iso
    throw TransformError(
      .nonFinite,
      "group '\(series.groups[group].prefix(80))', window from \(day), feature '\(series.featureNames[feature])': "
        + "the transforms give \(values[at]) (input values near the float32 limit ±3.4e38 overflow when "
        + "normalized or differenced); check the input's values")
  }
}

extension FittedTransforms {
  /// Every group's windows, prepared on `threads` worker threads and handed to `consume` on the
  /// calling thread in group order (so what a sink stores does not depend on thread timing). A
  /// non-finite stored value is a `.nonFinite` error. Sparse series are cut from their days with
  /// data when the settings allow it (`cutsSparseWindows`); `empty` is then the all-empty window.
  public func forEachGroupWindows(
    _ series: some FrameSeries, threads: Int, consume: (GroupWindows, _ empty: EmptyWindow) throws -> Void
  ) throws {
    let sparse = cutsSparseWindows ? series as? any SparseFrameSeries : nil
    let empty = emptyWindow(emptyFrame: sparse?.emptyDayFrame ?? [Float](repeating: 0, count: featureCount))
    let buffers = ReusePool<[Float]>()
    let scratch = ReusePool<CompressedGroupFrames>()
    let n = windowValueCount
    let transforms = self
    try forEachInOrder(count: series.groups.count, threads: threads, inFlight: 3) { g in
      Result {
        if let sparse {
          return try GroupWindows(
            sparse, group: g, transforms: transforms, empty: empty, buffers: buffers, scratch: scratch
          )
          .checkedFinite(series, valuesPerWindow: n)
        }
        return try GroupWindows(series, group: g, transforms: transforms, buffers: buffers)
          .checkedFinite(series, valuesPerWindow: n)
      }
    } consume: { _, result in
      let windows = try result.get()
      defer { buffers.give(windows.values) }
      try consume(windows, empty)
    }
  }
}
