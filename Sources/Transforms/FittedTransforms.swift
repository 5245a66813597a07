import EventData
import Frames
import Support

/// The spaces a window can be shown in: as stored, with window-scope differencing undone, or back
/// in frame units.
public enum WindowSpace: String, Sendable, CaseIterable {
  /// Exactly as stored in the shards (what the model sees).
  case model
  /// Window-scope differencing undone; still normalized (and series-differenced, if so configured).
  case normalized
  /// Back in the frames' own units.
  case raw
}

/// One window handed out by `FittedTransforms.forEachWindow`.
public struct TransformedWindow {
  public var group: Int
  /// First day as an offset from the calendar start.
  public var startDay: Int
  public var split: SplitName
  /// `length × featureCount` values, row-major; valid only during the callback.
  public var values: UnsafeBufferPointer<Float>
}

/// The transform stages with their fitted statistics, in the order of docs/TRANSFORMS.md: normalize → difference
/// (series) → window → split → difference (window). Works one group's series at a time.
public struct FittedTransforms: Sendable {
  public let settings: TransformSettings
  public let statistics: NormalizationStatistics
  public let calendarStart: Day
  public let period: CalendarPeriod
  public let dayCount: Int
  public let layout: WindowLayout
  public let assigner: SplitAssigner
  let normalizer: Normalizer

  public var featureCount: Int { statistics.featureCount }
  /// Values in one window.
  public var windowValueCount: Int { settings.window.length * featureCount }

  public init(
    settings: TransformSettings, statistics: NormalizationStatistics, calendarStart: Day,
    period: CalendarPeriod = .day, dayCount: Int
  ) throws(TransformError) {
    try settings.validate()
    self.settings = settings
    self.statistics = statistics
    self.calendarStart = calendarStart
    self.period = period
    self.dayCount = dayCount
    layout = WindowLayout(settings.window, dayCount: dayCount)
    assigner = SplitAssigner(split: settings.split, calendarStart: calendarStart, period: period)
    normalizer = Normalizer(statistics)
  }

  /// Fits the statistics on the train frames of `series` (every group, empty days included), one
  /// group per worker thread at a time. Groups of a sparse series are read from their days with
  /// data only. Per-group accumulators are merged in group order, so the result has the same bits
  /// for any `threads`. `progress` gets the number of groups merged so far.
  public static func fit(
    _ series: some FrameSeries, settings: TransformSettings, threads: Int = 1, progress: (Int) -> Void = { _ in }
  ) throws -> NormalizationStatistics {
    try settings.validate()
    let trainDays = trainDayCount(series, settings: settings)
    var accumulator = StatisticsAccumulator(featureCount: series.featureNames.count)
    let work = groupAccumulation(series, trainDays: trainDays)
    try forEachInOrder(count: trainDays > 0 ? series.groups.count : 0, threads: threads, inFlight: 8, work: work) {
      g, partial in
      accumulator.merge(try partial.get())
      progress(g + 1)
    }
    return try finishFit(accumulator, settings: settings, calendarStart: series.calendarStart)
  }

  /// What one worker of `fit` does for group g: its train moments, from the sparse days when the
  /// series has them, else from the dense series (buffers reused across groups).
  private static func groupAccumulation(
    _ series: some FrameSeries, trainDays: Int
  ) -> @Sendable (Int) -> Result<StatisticsAccumulator, any Error> {
    if let sparse = series as? any SparseFrameSeries {
      let scratch = ReusePool<CompressedGroupFrames>()
      let emptyFrame = sparse.emptyDayFrame
      return { g in
        var frames = scratch.take(orMake: { CompressedGroupFrames() })
        defer { scratch.give(frames) }
        return Result {
          try accumulateGroup(sparse, group: g, trainDays: trainDays, emptyFrame: emptyFrame, frames: &frames)
        }
      }
    }
    let buffers = ReusePool<[Float]>()
    let count = series.dayCount * series.featureNames.count
    return { g in
      var buffer = buffers.take(count: count)
      defer { buffers.give(buffer) }
      return .success(
        buffer.withUnsafeMutableBufferPointer { accumulateGroup(series, group: g, trainDays: trainDays, buffer: $0) })
    }
  }

  /// Days of the calendar that are train days (statistics are fitted on these).
  public static func trainDayCount(_ series: some FrameSeries, settings: TransformSettings) -> Int {
    SplitAssigner(split: settings.split, calendarStart: series.calendarStart, period: series.period).trainDayCount(
      dayCount: series.dayCount)
  }

  /// Moments of group `group`'s first `trainDays` frames; `buffer` holds `dayCount × featureCount` floats.
  public static func accumulateGroup(
    _ series: some FrameSeries, group: Int, trainDays: Int, buffer: UnsafeMutableBufferPointer<Float>
  ) -> StatisticsAccumulator {
    var accumulator = StatisticsAccumulator(featureCount: series.featureNames.count)
    guard trainDays > 0 else { return accumulator }
    series.fillSeries(group: group, into: buffer)
    accumulator.add(UnsafeBufferPointer(buffer), rows: trainDays)
    return accumulator
  }

  /// `accumulateGroup` from the entries of the days that have data: the same bits, without a dense
  /// series or even dense frames. `frames` is scratch, reused across calls.
  public static func accumulateGroup(
    _ series: some SparseFrameSeries, group: Int, trainDays: Int, emptyFrame: [Float],
    frames: inout CompressedGroupFrames
  ) throws -> StatisticsAccumulator {
    var accumulator = StatisticsAccumulator(featureCount: series.featureNames.count)
    guard trainDays > 0 else { return accumulator }
    try series.loadEntries(group: group, into: &frames, before: trainDays)
    accumulator.add(entries: frames, emptyFrame: emptyFrame, rows: trainDays)
    return accumulator
  }

  /// The statistics of a merged accumulator; an error when the train range held no frame.
  public static func finishFit(
    _ accumulator: StatisticsAccumulator, settings: TransformSettings, calendarStart: Day
  ) throws(TransformError) -> NormalizationStatistics {
    guard let statistics = accumulator.statistics(method: settings.normalize) else {
      let end = settings.split.map { "split.train_end \($0.trainEnd)" } ?? "the input"
      throw TransformError(
        .emptyTrainRange,
        "no train frames to fit on: \(end) ends before the calendar starts (\(calendarStart)); "
          + "move split.train_end later or use --reuse-manifest")
    }
    return statistics
  }

  /// Normalizes a group's whole series in place and, for scope `series`, differences it.
  public func prepareSeries(_ series: UnsafeMutableBufferPointer<Float>) {
    normalizer.apply(series, rows: dayCount)
    if settings.difference.order == 1 && settings.difference.scope == .series {
      Differencing.apply(series, rows: dayCount, featureCount: featureCount)
    }
  }

  /// Undoes `prepareSeries` in place.
  public func invertSeries(_ series: UnsafeMutableBufferPointer<Float>) {
    if settings.difference.order == 1 && settings.difference.scope == .series {
      Differencing.invert(series, rows: dayCount, featureCount: featureCount)
    }
    normalizer.invert(series, rows: dayCount)
  }

  /// Cuts a prepared series into windows, assigns each a split, applies window-scope differencing
  /// into `scratch` (≥ `windowValueCount` floats) and hands each kept window to `body` in start order.
  @discardableResult
  public func forEachWindow<E: Error>(
    group: Int, preparedSeries series: UnsafeBufferPointer<Float>, scratch: UnsafeMutableBufferPointer<Float>,
    _ body: (TransformedWindow) throws(E) -> Void
  ) throws(E) -> WindowCounts {
    var counts = WindowCounts()
    counts.droppedPartial = layout.partialCount
    let length = layout.length
    let n = windowValueCount
    let windowDiff = settings.difference.order == 1 && settings.difference.scope == .window
    for k in 0..<layout.windowCount {
      let start = layout.start(ofWindow: k)
      guard let split = assigner.split(first: start, last: start + length - 1) else {
        counts.droppedStraddling += 1
        continue
      }
      let source = start * featureCount
      scratch.baseAddress!.update(from: series.baseAddress! + source, count: n)
      if windowDiff { Differencing.apply(scratch, rows: length, featureCount: featureCount) }
      counts[split] += 1
      try body(
        TransformedWindow(
          group: group, startDay: start, split: split, values: UnsafeBufferPointer(rebasing: scratch[0..<n])))
    }
    return counts
  }

  /// Whether `forEachMaskedWindow` applies: series-scope differencing needs the whole series.
  public var cutsSparseWindows: Bool { !(settings.difference.order == 1 && settings.difference.scope == .series) }

  /// The normalized empty day and the window of a group whose days are all empty, as stored.
  public func emptyWindow(emptyFrame: [Float]) -> EmptyWindow {
    var frame = emptyFrame
    frame.withUnsafeMutableBufferPointer { normalizer.apply($0, rows: 1) }
    var window: [Float] = []
    for _ in 0..<layout.length { window += frame }
    if settings.difference.order == 1 {
      window.withUnsafeMutableBufferPointer { Differencing.apply($0, rows: layout.length, featureCount: featureCount) }
    }
    return EmptyWindow(frame: frame, window: window)
  }

  /// Moves one window (`length × featureCount`, in place) from the space it is in to a later one
  /// (model → normalized → raw). Series-scope differencing cannot be undone from one window.
  public func invert(
    _ window: UnsafeMutableBufferPointer<Float>, from: WindowSpace = .model, to: WindowSpace
  ) throws(TransformError) {
    let order: [WindowSpace] = [.model, .normalized, .raw]
    let fromIndex = order.firstIndex(of: from)!
    let toIndex = order.firstIndex(of: to)!
    guard fromIndex <= toIndex else {
      throw TransformError(.notInvertible, "cannot go from \(from) space back to \(to) space")
    }
    let rows = layout.length
    if fromIndex < 1 && toIndex >= 1, settings.difference.order == 1, settings.difference.scope == .window {
      Differencing.invert(window, rows: rows, featureCount: featureCount)
    }
    if fromIndex < 2 && toIndex >= 2 {
      if settings.difference.order == 1 && settings.difference.scope == .series {
        throw TransformError(
          .notInvertible,
          "difference.scope series: a window alone cannot be undifferenced (it needs the frames before it); "
            + "use --space model or normalized")
      }
      normalizer.invert(window, rows: rows)
    }
  }
}

/// A normalized empty day and the stored window of days that are all empty (see `emptyWindow`).
public struct EmptyWindow: Sendable {
  public let frame: [Float]
  public let window: [Float]
}
