import Autoencoder
import Foundation
import Loader
import Shards
import Support
import Transforms

/// Everything `icews train` can be asked for; defaults are the CLI's, the recommended training for
/// Pipelines/icews-anomaly.yaml (measured in docs/ANOMALY.md).
public struct TrainOptions: Sendable {
  public var hidden: Int
  public var layers = 1
  public var bidirectional = false
  /// Epochs to run; with `maxSteps` also nil, `defaultEpochs`.
  public var epochs: Int?
  public var maxSteps: Int?
  public var batchSize = 64
  public var learningRate: Float = TrainOptions.recommendedLearningRate
  /// Seeds the initial weights and the per-epoch shuffle.
  public var seed: UInt64 = 0
  /// false = every epoch in export order.
  public var shuffle = true
  public var reduction: LossReduction = .mean
  public var reverseTarget = false
  public var clipNorm: Float?
  public var targetLoss: Float?
  /// A checkpoint of the same shape to start from instead of the seeded initialization.
  public var initFrom: URL?
  /// Threads of the matrix products; nil = `defaultThreads`.
  public var threads: Int?
  /// Windows held by the loader's shuffle buffer.
  public var shuffleBufferWindows = 2048

  public static let defaultEpochs = 20
  /// Every core; `DataParallelModel` decides how a batch uses them (and keeps small products on one).
  public var defaultThreads: Int { ProcessInfo.processInfo.activeProcessorCount }
  public static let recommendedHidden = 32
  public static let recommendedLearningRate: Float = 2e-3

  public init(hidden: Int) { self.hidden = hidden }
}

/// What a training run produced.
public struct TrainResult: Sendable {
  public var report: TrainingReport
  public var config: AutoencoderConfig
  /// The baseline the diagnostic used (per feature, or step 0 apart for window-differenced shards).
  public var meanBaseline: MeanBaseline
  public var trainWindows: Int
  public var validWindows: Int
  /// Steps the run was planned for (max steps, or epochs × batches per epoch).
  public var plannedSteps: Int
  public var batchesPerEpoch: Int
  /// Row blocks each batch was split into across cores (1 = not split).
  public var blocks = 1
}

/// `icews train`: an LSTM autoencoder trained on a shard directory's train split, streamed by the loader,
/// validated on the valid split each epoch, saved as safetensors with the shards' description.
public struct TrainJob {
  public var directory: URL
  public var options: TrainOptions
  public var modelURL: URL
  public var reportURL: URL?

  public init(directory: URL, options: TrainOptions, modelURL: URL, reportURL: URL? = nil) {
    self.directory = directory
    self.options = options
    self.modelURL = modelURL
    self.reportURL = reportURL
  }

  /// The loader options of the training split (the epoch is set by each reset).
  var loaderOptions: LoaderOptions {
    LoaderOptions(
      batchSize: options.batchSize, shuffle: options.shuffle, seed: options.seed,
      shuffleBufferWindows: options.shuffleBufferWindows)
  }

  /// Trains, then writes the checkpoint and (if asked) the report. `onEvent` sees every step and epoch.
  public func run(onEvent: @escaping (TrainingEvent, TrainResult) -> Void = { _, _ in }) throws -> TrainResult {
    let dataset = try ShardDataset.open(directory)
    let manifest = dataset.manifest
    let trainWindows = dataset.windowCount(.train)
    guard trainWindows > 0 else {
      throw PipelineError(
        .invalidConfig, file: directory.path,
        "the train split has no windows; check split.train_end and window.length in the pipeline and rerun icews run")
    }
    let config = AutoencoderConfig(
      features: manifest.featureCount, hidden: options.hidden, layers: options.layers,
      bidirectional: options.bidirectional, reduction: options.reduction, reverseTarget: options.reverseTarget)
    let model = try LSTMAutoencoder(config: config, seed: options.seed)
    if let initFrom = options.initFrom { try Checkpoint.load(from: initFrom, into: model) }

    let train = try ShardWindowSource(directory: directory, split: .train, options: loaderOptions)
    let validWindows = dataset.windowCount(.valid)
    let valid =
      validWindows > 0
      ? try ShardWindowSource(directory: directory, split: .valid, options: LoaderOptions(batchSize: options.batchSize))
      : nil
    let baseline = TrainedModel.meanBaseline(for: manifest)
    let epochs = options.epochs ?? (options.maxSteps == nil ? TrainOptions.defaultEpochs : nil)
    let batchesPerEpoch = (trainWindows + options.batchSize - 1) / options.batchSize
    let planned =
      options.maxSteps.map { min($0, epochs.map { $0 * batchesPerEpoch } ?? $0) } ?? (epochs ?? 1) * batchesPerEpoch
    var result = TrainResult(
      report: TrainingReport(
        steps: 0, lossTrace: [], reachedTargetAt: nil, finalTrainMSE: 0, validMSE: nil, meanBaselineMSE: 0, r2: nil,
        msPerStep: 0, windowsPerSecond: 0, warnings: []),
      config: config, meanBaseline: baseline, trainWindows: trainWindows, validWindows: validWindows,
      plannedSteps: planned, batchesPerEpoch: batchesPerEpoch)

    let trainer = Trainer(
      model: model,
      settings: TrainingSettings(
        batchSize: options.batchSize, epochs: epochs, maxSteps: options.maxSteps,
        adam: AdamSettings(learningRate: options.learningRate, clipNorm: options.clipNorm),
        targetLoss: options.targetLoss, meanBaseline: baseline, threads: options.threads ?? options.defaultThreads,
        collapseAdvice: Self.dataAdvice(for: manifest)))
    let snapshot = result
    trainer.onEvent = { onEvent($0, snapshot) }
    result.report = try trainer.train(train, validation: valid)
    result.report.blasCore = BLASRuntime.coreName
    result.report.threads = trainer.parallel.threads
    result.blocks = trainer.parallel.blocks
    result.report.gflops =
      config.trainingFLOPsPerWindow(length: manifest.windowLength) * result.report.windowsPerSecond / 1e9
    if let warning = Self.coreWarning(batchSize: options.batchSize) { result.report.warnings.append(warning) }

    let metadata = TrainedModel.metadata(
      for: manifest, directory: directory, seed: options.seed, steps: result.report.steps)
    try Checkpoint.save(model, to: modelURL, metadata: metadata)
    if let reportURL { try Self.write(result.report, to: reportURL) }
    return result
  }

  /// A warning when OpenBLAS runs below this CPU: a generic core, or the user's own `OPENBLAS_CORETYPE`
  /// holding it on lesser kernels. The pin is not worth a warning when the batched products run on icews's
  /// panel kernel, which does not use OpenBLAS's core (batch 1 still runs OpenBLAS's sgemv).
  static func coreWarning(batchSize: Int) -> String? {
    let core = BLASRuntime.coreName
    if let generic = BLASRuntime.genericCoreWarning(core: core, cpu: .current) { return generic }
    guard ProductKernel.current == .sgemm || batchSize == 1 else { return nil }
    let userCore = ProcessInfo.processInfo.environment[BLASRuntime.coreTypeVariable]
    return BLASRuntime.pinnedCoreWarning(core: core, userSetting: userCore, cpu: .current)
  }

  /// What to change in the data after a mean collapse, from how the shards were made (measured in
  /// docs/ANOMALY.md: noisy event counts need weekly aggregation and the volume, not differencing);
  /// nil when the pipeline already does all of that.
  static func dataAdvice(for manifest: ShardManifest) -> String? {
    let windowDifferenced = manifest.transforms.difference.order == 1 && manifest.transforms.difference.scope == .window
    let daily = manifest.period == .day
    let hasVolume = manifest.featureNames.contains("event_count")
    guard manifest.pipeline.inputFormat != "frames-csv" else {
      return windowDifferenced
        ? nil : "For one smooth series, window differencing (difference: {order: 1, scope: window}) helps."
    }
    var changes: [String] = []
    if windowDifferenced { changes.append("drop window differencing (difference: {order: 0})") }
    if daily { changes.append("aggregate to weeks (frames.period: week)") }
    if !hasVolume { changes.append("add the volume (numeric: event_count, transform: log1p)") }
    guard !changes.isEmpty else { return nil }
    let why = windowDifferenced ? "Differenced event counts are mostly noise to reconstruct" : "Event counts are noisy"
    return why + ": " + changes.joined(separator: ", ") + ", as Pipelines/icews-anomaly.yaml does."
  }

  /// The report as pretty JSON (every key, nulls included), written atomically.
  public static func write(_ report: TrainingReport, to url: URL) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    // A diverged run still gets its report: JSON has no NaN, so non-finite losses become strings.
    encoder.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
    do {
      try UserOutputFile.write(encoder.encode(report), to: url.path)
    } catch {
      throw PipelineError(
        .writeFailed, file: url.path, "cannot write the training report (\(PlainErrorText.fileSystem(error)))")
    }
  }
}
