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
    TransformSettings(
      normalize: config.normalize, difference: config.difference, window: config.window, split: config.split)
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
      return try runStaged(progress: {
        clock?.observe($0.stage); progress($0)
      })
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
        "is \(config.normalize.rawValue) but the reused manifest was normalized with "
          + "\(frozen.normalization.method.rawValue)"
      )
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
      throw PipelineError(
        .invalidConfig, file: inputs.joined(separator: " "), "the input holds no frames (no events or rows)")
    }

    let settings = transformSettings
    let groups = series.groups.count
    let statistics: NormalizationStatistics
    if let frozen {
      statistics = frozen.normalization
    } else {
      // Pass 1: statistics of the train frames.
      progress(PipelineProgress(stage: "fitting", done: 0, total: groups, unit: "groups"))
      statistics = try FittedTransforms.fit(series, settings: settings, threads: RunJob.workerThreads) {
        progress(PipelineProgress(stage: "fitting", done: $0, total: groups, unit: "groups"))
      }
    }
    let transforms = try FittedTransforms(
      settings: settings, statistics: statistics, calendarStart: series.calendarStart, period: series.period,
      dayCount: series.dayCount)

    // Pass 2: each group's windows, prepared on worker threads, stored in group order.
    let writer = try ShardDatasetWriter(
      directory: outputDirectory, windowLength: config.window.length, featureCount: f, settings: config.shards,
      reference: transforms.referenceWindow(for: series))
    var counts = WindowCounts()
    progress(PipelineProgress(stage: "writing shards", done: 0, total: groups, unit: "groups"))
    do {
      try transforms.forEachGroupWindows(series, threads: RunJob.workerThreads) { windows in
        try writer.append(windows)
        counts += windows.counts
        progress(PipelineProgress(stage: "writing shards", done: windows.group + 1, total: groups, unit: "groups"))
      }
    } catch let error as TransformError where error.code == .nonFinite {
      throw PipelineError(.badInput, file: inputs.joined(separator: " "), error.message)
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
      let (frames, rows) = try buildFrames(
        config: config, inputs: inputs, rejectsURL: rejectsURL, frozen: frozen?.vocabularies, progress: progress)
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

/// What `icews run` reports at the end.
public struct RunSummary: Sendable {
  public var manifest: ShardManifest

  /// Bytes of all shard files on disk.
  public var shardBytes: Int {
    SplitName.allCases.reduce(0) { total, split in total + manifest.splits[split].shards.reduce(0) { $0 + $1.bytes } }
  }

  /// The windows' dense size over every split (the manifest's `uncompressed_bytes`).
  public var uncompressedBytes: Int {
    SplitName.allCases.reduce(0) { $0 + manifest.splits[$1].uncompressedBytes }
  }

  public var shardCount: Int { SplitName.allCases.reduce(0) { $0 + manifest.splits[$1].shards.count } }
}
