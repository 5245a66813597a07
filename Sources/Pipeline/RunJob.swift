import EventData
import Foundation
import Frames
import Shards
import Support
import Transforms

#if canImport(Glibc)
  import Glibc
#endif

/// `icews run`: a pipeline file applied end to end — raw ICEWS (or frames-csv) → frames → fitted
/// transforms → shards, plus `rejects.tsv`. Memory holds one group's series at a time: one pass
/// fits the statistics on the train range, a second writes the windows.
public struct RunJob {
  public var config: PipelineConfig
  public var inputs: [String]
  public var outputDirectory: URL
  /// A shard directory (or its manifest.json) whose vocabularies and statistics are reused as is.
  public var reuseManifest: URL?

  public init(config: PipelineConfig, inputs: [String], outputDirectory: URL, reuseManifest: URL? = nil) {
    self.config = config
    self.inputs = inputs
    self.outputDirectory = outputDirectory
    self.reuseManifest = reuseManifest
  }

  public var transformSettings: TransformSettings {
    TransformSettings(normalize: config.normalize, difference: config.difference, window: config.window, split: config.split)
  }

  /// Runs the job and returns the manifest written (the last file of the result). On failure the
  /// staging folder is removed and an earlier result in the output folder stays as it was.
  @discardableResult
  public func run(progress: (PipelineProgress) -> Void = { _ in }) throws -> RunSummary {
    // taken before the staging folder is touched: a refused second run must not disturb the first
    let lock = try OutputFolderLock(directory: outputDirectory, job: "icews run")
    defer { lock.release() }
    let clock = StageClock.fromEnvironment()
    defer { clock?.finish() }
    do {
      return try runStaged(progress: { clock?.observe($0.stage); progress($0) })
    } catch {
      try? FileManager.default.removeItem(at: outputDirectory.appendingPathComponent(".staging"))
      throw error
    }
  }

  private func runStaged(progress: (PipelineProgress) -> Void) throws -> RunSummary {
    let frozen = try reuseManifest.map(RunJob.loadFrozen)
    if let frozen, frozen.normalization.method != config.normalize {
      throw PipelineError(
        .invalidConfig, file: config.name, keyPath: "normalize",
        "is \(config.normalize.rawValue) but the reused manifest was normalized with \(frozen.normalization.method.rawValue)")
    }
    if let frozen, frozen.period != config.period {
      throw PipelineError(
        .invalidConfig, file: config.name, keyPath: "frames.period",
        "is \(config.period.rawValue) but the reused manifest has \(frozen.period.rawValue) frames")
    }
    let staging = try ShardDatasetWriter.prepareStaging(in: outputDirectory)
    let rejectsURL = staging.appendingPathComponent("rejects.tsv")
    let source = try frameSource(rejectsURL: rejectsURL, frozen: frozen, progress: progress)
    let series = source.series
    RunJob.returnFreedMemory()
    if let frozen, frozen.featureNames != series.featureNames {
      throw PipelineError(
        .invalidConfig, file: reuseManifest?.path ?? "", keyPath: "feature_names",
        "the reused manifest has \(frozen.featureNames.count) features, this input \(series.featureNames.count) "
          + "(or the names differ); reuse a manifest made with the same pipeline")
    }
    let f = series.featureNames.count
    guard series.dayCount > 0, !series.groups.isEmpty else {
      throw PipelineError(.invalidConfig, file: inputs.joined(separator: " "), "the input holds no frames (no events or rows)")
    }

    let settings = transformSettings
    let groups = series.groups.count
    let dayCount = series.dayCount
    let statistics: NormalizationStatistics
    if let frozen {
      statistics = frozen.normalization
    } else {
      // Pass 1: statistics of the train frames, groups on worker threads, merged in group order.
      try settings.validate()
      let stage = "fitting"
      progress(PipelineProgress(stage: stage, done: 0, total: groups, unit: "groups"))
      let trainDays = FittedTransforms.trainDayCount(series, settings: settings)
      var accumulator = StatisticsAccumulator(featureCount: f)
      let pool = FloatBufferPool()
      let sparsePool = SparseFramesPool()
      let sparse = series as? any SparseFrameSeries
      let emptyFrame = sparse?.emptyDayFrame ?? []
      try forEachGroupInOrder(count: trainDays > 0 ? groups : 0, threads: RunJob.workerThreads, inFlight: 8) { g in
        if let sparse {
          var frames = sparsePool.take()
          defer { sparsePool.give(frames) }
          return Result {
            try FittedTransforms.accumulateGroup(
              sparse, group: g, trainDays: trainDays, emptyFrame: emptyFrame, frames: &frames)
          }
        }
        var buffer = pool.take(count: dayCount * f)
        defer { pool.give(buffer) }
        return .success(
          buffer.withUnsafeMutableBufferPointer {
            FittedTransforms.accumulateGroup(series, group: g, trainDays: trainDays, buffer: $0)
          })
      } consume: { g, result in
        let partial = try result.get()
        accumulator.merge(partial)
        progress(PipelineProgress(stage: stage, done: g + 1, total: groups, unit: "groups"))
      }
      statistics = try FittedTransforms.finishFit(accumulator, settings: settings, calendarStart: series.calendarStart)
    }
    let transforms = try FittedTransforms(
      settings: settings, statistics: statistics, calendarStart: series.calendarStart, period: series.period,
      dayCount: dayCount)

    // Pass 2: each group's windows prepared on worker threads, written in group order here.
    let writer = try ShardDatasetWriter(
      directory: outputDirectory, windowLength: config.window.length, featureCount: f, settings: config.shards)
    var counts = WindowCounts()
    let n = transforms.windowValueCount
    let stage = "writing shards"
    progress(PipelineProgress(stage: stage, done: 0, total: groups, unit: "groups"))
    let pool = FloatBufferPool()
    let sparse = transforms.cutsSparseWindows ? series as? any SparseFrameSeries : nil
    let sparsePool = SparseFramesPool()
    let empty = transforms.emptyWindow(emptyFrame: sparse?.emptyDayFrame ?? [Float](repeating: 0, count: f))
    let inputLabel = inputs.joined(separator: " ")
    try forEachGroupInOrder(count: groups, threads: RunJob.workerThreads, inFlight: 3) { g in
      if let sparse {
        return Result {
          try GroupWindows(sparse, group: g, transforms: transforms, empty: empty, pool: pool, sparsePool: sparsePool)
            .checkedFinite(series, valuesPerWindow: n, input: inputLabel)
        }
      }
      return Result {
        try GroupWindows(series, group: g, transforms: transforms, pool: pool).checkedFinite(series, valuesPerWindow: n, input: inputLabel)
      }
    } consume: { g, result in
      let windows = try result.get()
      defer { pool.give(windows.values) }
      try windows.values.withUnsafeBufferPointer { values in
        try empty.window.withUnsafeBufferPointer { emptyValues in
          var next = 0
          for (w, key) in windows.keys.enumerated() {
            if windows.allDaysEmpty[w] {
              try writer.append(emptyValues, key: key, split: windows.splits[w])
            } else {
              try writer.append(UnsafeBufferPointer(rebasing: values[next..<next + n]), key: key, split: windows.splits[w])
              next += n
            }
          }
        }
      }
      counts += windows.counts
      progress(PipelineProgress(stage: stage, done: g + 1, total: groups, unit: "groups"))
    }

    var manifest = ShardManifest(
      pipeline: EmbeddedPipeline(
        name: config.name, inputFormat: config.inputFormat.rawValue, source: config.sourceText ?? "",
        canonical: config.canonicalJSON),
      featureNames: series.featureNames, vocabularies: source.vocabularies, normalization: statistics,
      transforms: settings, shardSettings: config.shards, groups: series.groups, calendarStart: series.calendarStart,
      period: series.period, dayCount: series.dayCount, rows: source.rows, frozen: frozen != nil)
    manifest.windows = counts
    let written = try writer.commit(manifest)
    return RunSummary(manifest: written)
  }

  /// The frames of the input: aggregated ICEWS events, or a frames-csv series.
  private func frameSource(
    rejectsURL: URL, frozen: ShardManifest?, progress: (PipelineProgress) -> Void
  ) throws -> (series: any FrameSeries, vocabularies: FrameVocabularies, rows: RowCounts) {
    switch config.inputFormat {
    case .icews, .polecat, .gdelt:
      let (frames, summary) = try buildFrames(
        config: config, inputs: inputs, rejectsURL: rejectsURL, frozen: frozen?.vocabularies, progress: progress)
      let rows = RowCounts(read: summary.rowsRead, rejected: summary.rowsRejected, duplicates: summary.duplicates)
      return (frames, frames.vocabularies, rows)
    case .framesCSV:
      guard inputs.count == 1, let path = inputs.first, path != "-" else {
        throw PipelineError(
          .invalidConfig, file: config.name, keyPath: "input.format",
          "frames-csv reads exactly one file (not standard input); got \(inputs.count) inputs")
      }
      try RejectsFile(url: rejectsURL).close()
      progress(PipelineProgress(stage: "reading frames", done: 0, total: nil, unit: "rows"))
      let series = try CSVFrameSeries(url: URL(fileURLWithPath: path), label: path)
      return (series, FrameVocabularies(), RowCounts(read: series.rowCount))
    }
  }

  /// The manifest of an earlier run, from its directory or its manifest.json.
  static func loadFrozen(_ url: URL) throws -> ShardManifest {
    let directory = url.lastPathComponent == "manifest.json" ? url.deletingLastPathComponent() : url
    return try ShardDataset.open(directory).manifest
  }
}

extension RunJob {
  /// Hands the heap memory ingestion freed (duplicate keys, parse buffers) back to the system, so
  /// the passes below do not stack their buffers on top of it in the peak.
  static func returnFreedMemory() {
    #if canImport(Glibc)
      // glibc's malloc_trim(3) is not in the Glibc module map; looked up by name, absent elsewhere.
      guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return }
      _ = unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)(0)
    #endif
  }

  /// Threads preparing groups while the calling thread compresses and writes (the machine's cores).
  static let workerThreads = max(1, min(4, ProcessInfo.processInfo.activeProcessorCount))
}

/// One group's kept windows after every transform, in start order (the unit handed to the writer).
/// Windows whose days are all empty are not stored: they all equal `EmptyWindow.window`.
struct GroupWindows: Sendable {
  /// The values of the windows with data, one after another (room for every window of a group).
  var values: [Float]
  var keys: [WindowKey]
  var splits: [SplitName]
  var allDaysEmpty: [Bool]
  var counts: WindowCounts

  /// From the dense series. `values` comes from `pool`; the consumer gives it back once written.
  init(_ series: some FrameSeries, group: Int, transforms: FittedTransforms, pool: FloatBufferPool) {
    let n = transforms.windowValueCount
    var buffer = pool.take(count: series.dayCount * transforms.featureCount)
    defer { pool.give(buffer) }
    var scratch = [Float](repeating: 0, count: n)
    var values = pool.take(count: 0)
    var keys: [WindowKey] = []
    var splits: [SplitName] = []
    values.reserveCapacity(transforms.layout.windowCount * n)
    counts = buffer.withUnsafeMutableBufferPointer { b in
      series.fillSeries(group: group, into: b)
      transforms.prepareSeries(b)
      return scratch.withUnsafeMutableBufferPointer { s in
        transforms.forEachWindow(group: group, preparedSeries: UnsafeBufferPointer(b), scratch: s) { window in
          values.append(contentsOf: window.values)
          keys.append(WindowKey(group: window.group, startDay: window.startDay))
          splits.append(window.split)
        }
      }
    }
    self.values = values
    self.keys = keys
    self.splits = splits
    allDaysEmpty = [Bool](repeating: false, count: keys.count)
  }

  /// From the days with data only; an error when the series cannot be read back.
  init(
    _ series: some SparseFrameSeries, group: Int, transforms: FittedTransforms, empty: EmptyWindow,
    pool: FloatBufferPool, sparsePool: SparseFramesPool
  ) throws {
    var frames = sparsePool.take()
    defer { sparsePool.give(frames) }
    try series.loadSparse(group: group, into: &frames)
    transforms.prepareSparse(&frames)
    var values = pool.take(count: transforms.layout.windowCount * transforms.windowValueCount)
    var keys: [WindowKey] = []
    var splits: [SplitName] = []
    var allDaysEmpty: [Bool] = []
    keys.reserveCapacity(transforms.layout.windowCount)
    counts = values.withUnsafeMutableBufferPointer { output in
      transforms.forEachWindow(group: group, sparse: frames, empty: empty, output: output) { window, isEmpty in
        keys.append(WindowKey(group: window.group, startDay: window.startDay))
        splits.append(window.split)
        allDaysEmpty.append(isEmpty)
      }
    }
    self.values = values
    self.keys = keys
    self.splits = splits
    self.allDaysEmpty = allDaysEmpty
  }
}

extension GroupWindows {
  /// Stored windows are finite: a value that the transforms pushed past float32's range (inputs near
  /// ±3.4e38, differenced or scaled) is an error naming the group, the window's first day and the feature.
  func checkedFinite(_ series: some FrameSeries, valuesPerWindow n: Int, input: String) throws -> GroupWindows {
    // values holds the stored windows (those with data) one after another
    let storedCount = allDaysEmpty.reduce(0) { $0 + ($1 ? 0 : 1) }
    let end = min(values.count, storedCount * n)
    // one branch-free pass (an infinity or NaN has every exponent bit set), then the slow search
    let anyNonFinite = values.withUnsafeBufferPointer { v in
      var worst: UInt32 = 0
      for i in 0..<end { worst = Swift.max(worst, v[i].bitPattern & 0x7F80_0000) }
      return worst == 0x7F80_0000
    }
    guard anyNonFinite, let at = values[0..<end].firstIndex(where: { !$0.isFinite }) else { return self }
    let stored = keys.indices.filter { !allDaysEmpty[$0] }
    let key = keys[stored[at / n]]
    let feature = at % series.featureNames.count
    let day = series.calendar.firstDay(key.startDay).iso
    throw PipelineError(
      .badInput, file: input,
      "group '\(series.groups[key.group].prefix(80))', window from \(day), feature '\(series.featureNames[feature])': "
        + "the transforms give \(values[at]) (input values near the float32 limit ±3.4e38 overflow when "
        + "normalized or differenced); check the input's values")
  }
}

/// What `icews run` reports at the end.
public struct RunSummary: Sendable {
  public var manifest: ShardManifest

  /// Bytes of all shard files on disk.
  public var shardBytes: Int {
    SplitName.allCases.reduce(0) { total, split in total + manifest.splits[split].shards.reduce(0) { $0 + $1.bytes } }
  }

  /// Stored window bytes before compression.
  public var uncompressedBytes: Int {
    SplitName.allCases.reduce(0) { $0 + manifest.splits[$1].uncompressedBytes }
  }

  public var shardCount: Int { SplitName.allCases.reduce(0) { $0 + manifest.splits[$1].shards.count } }
}
