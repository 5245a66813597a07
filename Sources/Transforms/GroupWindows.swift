import Frames
import Support

/// One group's kept windows after every transform, in start order: the unit a sink stores. Windows
/// are held as what differs from `reference` (`MaskedLayout`), masked one at a time (straight from the
/// days' entries when windows are cut from days with data, else from a dense scratch window), so a
/// group's windows never pile up dense; windows whose days are all empty are then `reference` itself.
public struct GroupWindows: Sendable {
  public var group: Int
  /// What every window is stored against (`FittedTransforms.referenceWindow(for:)`).
  public let reference: [Float]
  /// Float32 values: `elementSize` 4.
  public let layout: MaskedLayout
  /// Each kept window's masks, `layout.maskBytesPerWindow` bytes per window.
  public private(set) var masks: [UInt8] = []
  /// The values that differ from `reference`; window w's are `stored[valueStarts[w]..<valueStarts[w + 1]]`.
  public private(set) var stored: [Float] = []
  public private(set) var valueStarts: [Int] = [0]
  /// Each kept window's first day (offset from the calendar start), split and emptiness.
  public var startDays: [Int] = []
  public var splits: [SplitName] = []
  public var allDaysEmpty: [Bool] = []
  public var counts = WindowCounts()

  init(group: Int, reference: [Float], featureCount: Int, windowCapacity: Int) {
    self.group = group
    self.reference = reference
    layout = MaskedLayout(rows: reference.count / featureCount, features: featureCount, elementSize: 4)
    masks.reserveCapacity(windowCapacity * layout.maskBytesPerWindow)
    valueStarts.reserveCapacity(windowCapacity + 1)
    startDays.reserveCapacity(windowCapacity)
    splits.reserveCapacity(windowCapacity)
    allDaysEmpty.reserveCapacity(windowCapacity)
  }

  /// From the dense series; `buffers` lends the series buffer.
  init(
    _ series: some FrameSeries, group: Int, transforms: FittedTransforms, reference: [Float],
    buffers: ReusePool<[Float]>
  ) {
    self.init(
      group: group, reference: reference, featureCount: transforms.featureCount,
      windowCapacity: transforms.layout.windowCount)
    var buffer = buffers.take(count: series.dayCount * transforms.featureCount)
    defer { buffers.give(buffer) }
    var scratch = [Float](repeating: 0, count: transforms.windowValueCount)
    var encoded = [UInt32](repeating: 0, count: transforms.windowValueCount)
    counts = buffer.withUnsafeMutableBufferPointer { b in
      series.fillSeries(group: group, into: b)
      transforms.prepareSeries(b)
      return scratch.withUnsafeMutableBufferPointer { s in
        encoded.withUnsafeMutableBufferPointer { e in
          transforms.forEachWindow(group: group, preparedSeries: UnsafeBufferPointer(b), scratch: s) { window in
            store(window.values, encoded: e)
            kept(startDay: window.startDay, split: window.split, allDaysEmpty: false)
          }
        }
      }
    }
  }

  /// From the days with data only (`transforms.cutsSparseWindows`; `reference` is `empty.window`); an
  /// error when the series cannot be read back.
  init(
    _ series: some SparseFrameSeries, group: Int, transforms: FittedTransforms, empty: EmptyWindow,
    scratch: ReusePool<CompressedGroupFrames>
  ) throws {
    self.init(
      group: group, reference: empty.window, featureCount: transforms.featureCount,
      windowCapacity: transforms.layout.windowCount)
    var frames = scratch.take(orMake: { CompressedGroupFrames() })
    defer { scratch.give(frames) }
    try series.loadEntries(group: group, into: &frames, before: .max)
    var maskScratch = [UInt8](repeating: 0, count: layout.maskBytesPerWindow)
    var valueScratch = [Float](repeating: 0, count: transforms.windowValueCount)
    counts = maskScratch.withUnsafeMutableBufferPointer { maskScratch in
      valueScratch.withUnsafeMutableBufferPointer { valueScratch in
        transforms.forEachMaskedWindow(
          entries: frames, empty: empty, masks: maskScratch, values: valueScratch
        ) { window in
          masks.append(contentsOf: window.masks)
          stored.append(contentsOf: window.values)
          valueStarts.append(stored.count)
          kept(startDay: window.startDay, split: window.split, allDaysEmpty: window.allDaysEmpty)
        }
      }
    }
  }

  /// Notes a kept window's first day, split and emptiness (its values are stored apart).
  private mutating func kept(startDay: Int, split: SplitName, allDaysEmpty isEmpty: Bool) {
    startDays.append(startDay)
    splits.append(split)
    allDaysEmpty.append(isEmpty)
  }

  /// Appends one window's masks and differing values; `encoded` is scratch for a whole window.
  private mutating func store(_ window: UnsafeBufferPointer<Float>, encoded: UnsafeMutableBufferPointer<UInt32>) {
    let m = layout.maskBytesPerWindow
    let at = masks.count
    masks.append(contentsOf: repeatElement(0, count: m))
    let k = masks.withUnsafeMutableBufferPointer { out in
      reference.withUnsafeBufferPointer { ref in
        layout.encode(
          UnsafeRawPointer(window.baseAddress!).assumingMemoryBound(to: UInt32.self),
          reference: UnsafeRawPointer(ref.baseAddress!).assumingMemoryBound(to: UInt32.self),
          masks: out.baseAddress! + at, values: encoded.baseAddress!)
      }
    }
    encoded.withMemoryRebound(to: Float.self) { stored.append(contentsOf: $0[0..<k]) }
    valueStarts.append(stored.count)
  }

  public var windowCount: Int { startDays.count }

  /// Window `w` rebuilt into `output` (room for `layout.rows × layout.features` floats).
  public func decode(_ w: Int, into output: UnsafeMutableBufferPointer<Float>) {
    precondition(output.count >= reference.count, "output must hold one window")
    let out = UnsafeMutableRawPointer(output.baseAddress!).assumingMemoryBound(to: UInt32.self)
    reference.withUnsafeBytes { ref in
      masks.withUnsafeBytes { m in
        stored.withUnsafeBytes { v in
          _ = layout.decode(
            reference: ref.baseAddress!, masks: m.baseAddress! + w * layout.maskBytesPerWindow,
            values: v.baseAddress! + valueStarts[w] * 4, into: out)
        }
      }
    }
  }

  /// Window `w` as a new array.
  public func window(_ w: Int) -> [Float] {
    var out = [Float](repeating: 0, count: reference.count)
    out.withUnsafeMutableBufferPointer { decode(w, into: $0) }
    return out
  }

  /// Stored windows are finite: a value that the transforms pushed past float32's range (inputs near
  /// ±3.4e38, differenced or scaled) is an error naming the group, the window's first day and the feature.
  /// Only the differing values need looking at; the reference is checked once by `forEachGroupWindows`.
  func checkedFinite(_ series: some FrameSeries) throws(TransformError) -> GroupWindows {
    // one branch-free pass (an infinity or NaN has every exponent bit set), then the slow search
    let anyNonFinite = stored.withUnsafeBufferPointer { v in
      var worst: UInt32 = 0
      for x in v { worst = Swift.max(worst, x.bitPattern & 0x7F80_0000) }
      return worst == 0x7F80_0000
    }
    guard anyNonFinite, let at = stored.firstIndex(where: { !$0.isFinite }) else { return self }
    let w = valueStarts.lastIndex { $0 <= at }!
    // the reference is finite, so the decoded window's first non-finite value is that stored value
    let position = window(w).firstIndex { !$0.isFinite }!
    throw TransformError.nonFiniteValue(
      stored[at], series: series, group: group, startDay: startDays[w], feature: position % layout.features)
  }
}

extension TransformError {
  static func nonFiniteValue(
    _ value: Float, series: some FrameSeries, group: Int, startDay: Int?, feature: Int
  ) -> TransformError {
    let place = startDay.map { "window from \(series.calendar.firstDay($0).iso)" } ?? "the window of empty days"
    return TransformError(
      .nonFinite,
      "group '\(series.groups[group].prefix(80))', \(place), feature '\(series.featureNames[feature])': "
        + "the transforms give \(value) (input values near the float32 limit ±3.4e38 overflow when "
        + "normalized or differenced); check the input's values")
  }
}

extension FittedTransforms {
  /// The stored window of days that are all empty, for `series`.
  public func emptyWindow(for series: some FrameSeries) -> EmptyWindow {
    let sparse = cutsSparseWindows ? series as? any SparseFrameSeries : nil
    return emptyWindow(emptyFrame: sparse?.emptyDayFrame ?? [Float](repeating: 0, count: featureCount))
  }

  /// The window that a shard writer should encode `series`'s windows against (`ShardWriter`'s
  /// `reference`): the all-empty window when windows are cut from days with data, zeros otherwise
  /// (series-scope differencing leaves most values 0).
  public func referenceWindow(for series: some FrameSeries) -> [Float] {
    cutsSparseWindows ? emptyWindow(for: series).window : [Float](repeating: 0, count: windowValueCount)
  }

  /// Every group's windows, prepared on `threads` worker threads and handed to `consume` on the
  /// calling thread in group order (so what a sink stores does not depend on thread timing). A
  /// non-finite stored value is a `.nonFinite` error. Sparse series are cut from their days with
  /// data when the settings allow it (`cutsSparseWindows`).
  public func forEachGroupWindows(
    _ series: some FrameSeries, threads: Int, consume: (GroupWindows) throws -> Void
  ) throws {
    let sparse = cutsSparseWindows ? series as? any SparseFrameSeries : nil
    let empty = emptyWindow(for: series)
    let reference = referenceWindow(for: series)
    if let at = reference.firstIndex(where: { !$0.isFinite }), !series.groups.isEmpty {
      throw TransformError.nonFiniteValue(
        reference[at], series: series, group: 0, startDay: nil, feature: at % featureCount)
    }
    let buffers = ReusePool<[Float]>()
    let scratch = ReusePool<CompressedGroupFrames>()
    let transforms = self
    try forEachInOrder(count: series.groups.count, threads: threads, inFlight: 3) { g in
      Result {
        if let sparse {
          return try GroupWindows(sparse, group: g, transforms: transforms, empty: empty, scratch: scratch)
            .checkedFinite(series)
        }
        return try GroupWindows(series, group: g, transforms: transforms, reference: reference, buffers: buffers)
          .checkedFinite(series)
      }
    } consume: { _, result in
      try consume(try result.get())
    }
  }
}
