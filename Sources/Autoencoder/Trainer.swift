import Foundation

/// How long and how to train; `epochs` and `maxSteps` both nil means one epoch.
public struct TrainingSettings: Sendable {
  public var batchSize: Int
  public var epochs: Int?
  public var maxSteps: Int?
  public var adam: AdamSettings
  /// Stop at the first step whose forward loss is below this (that step's update is not applied).
  public var targetLoss: Float?
  /// R² below this produces the mean-collapse warning.
  public var collapseThreshold: Double
  /// At most this many windows for the final train / valid MSE (nil = every window).
  public var evaluationLimit: Int?

  public init(
    batchSize: Int = 64, epochs: Int? = nil, maxSteps: Int? = nil, adam: AdamSettings = AdamSettings(),
    targetLoss: Float? = nil, collapseThreshold: Double = 0.5, evaluationLimit: Int? = nil
  ) {
    self.batchSize = batchSize
    self.epochs = epochs
    self.maxSteps = maxSteps
    self.adam = adam
    self.targetLoss = targetLoss
    self.collapseThreshold = collapseThreshold
    self.evaluationLimit = evaluationLimit
  }
}

/// Progress of a run, for a progress bar or a log line.
public enum TrainingEvent: Sendable {
  /// Step `step` (1-based) had forward loss `loss`.
  case step(step: Int, loss: Float)
  /// Epoch `epoch` (0-based) ended: mean training loss of its steps, validation MSE if a valid source was given.
  case epochEnd(epoch: Int, trainLoss: Double, validMSE: Double?)
}

/// Model MSE over a pass and the per-feature sums needed for the mean baseline.
public struct Evaluation: Sendable {
  /// Mean squared error over every element of the pass.
  public var modelMSE: Double
  public var windows: Int
  /// Per feature: Σx and Σx² over all windows and timesteps, and the element count per feature.
  public var featureSums: [Double]
  public var featureSquareSums: [Double]
  public var valuesPerFeature: Int

  /// Each feature's mean over the pass.
  public var featureMeans: [Double] { featureSums.map { $0 / Double(max(valuesPerFeature, 1)) } }

  /// MSE of predicting `means[f]` for every value of feature f: Σ_f (Σx² − 2μΣx + nμ²) / (n·F).
  public func meanBaselineMSE(means: [Double]) -> Double {
    let n = Double(valuesPerFeature)
    var total = 0.0
    for f in featureSums.indices {
      let mu = means[f]
      total += featureSquareSums[f] - 2 * mu * featureSums[f] + n * mu * mu
    }
    return max(total, 0) / max(n * Double(featureSums.count), 1)
  }
}

/// Trains an `LSTMAutoencoder` with Adam on batches from a `WindowBatchSource` and reports the run.
public final class Trainer {
  public let model: LSTMAutoencoder
  public let settings: TrainingSettings
  public let optimizer: AdamOptimizer
  /// Called after each step and epoch (on the training thread).
  public var onEvent: ((TrainingEvent) -> Void)?
  private var batch: [Float] = []

  public init(model: LSTMAutoencoder, settings: TrainingSettings) {
    self.model = model
    self.settings = settings
    optimizer = AdamOptimizer(model: model, settings: settings.adam)
  }

  private func checkShape(_ source: any WindowBatchSource, _ role: String) throws {
    guard source.features == model.config.features else {
      throw AutoencoderError(
        .shapeMismatch,
        "\(role) windows have \(source.features) features, the model \(model.config.features); train a model with --features \(source.features) or use matching shards")
    }
    guard settings.batchSize >= 1 else {
      throw AutoencoderError(.badConfiguration, "batch size \(settings.batchSize) must be at least 1")
    }
    let needed = settings.batchSize * source.windowLength * source.features
    if batch.count < needed { batch = [Float](repeating: 0, count: needed) }
  }

  /// Trains until the epochs or steps run out or the target loss is reached, then evaluates on train
  /// (and `validation`) and runs the mean-collapse diagnostic.
  public func train(_ source: any WindowBatchSource, validation: (any WindowBatchSource)? = nil) throws -> TrainingReport {
    try checkShape(source, "training")
    let length = source.windowLength
    let window = length * source.features
    var trace: [Float] = []
    var reached: Int? = nil
    var windowsSeen = 0
    var elapsed: Duration = .zero
    let clock = ContinuousClock()
    let epochLimit = settings.epochs ?? (settings.maxSteps == nil ? 1 : Int.max)
    var epoch = 0
    training: while epoch < epochLimit {
      try source.reset(epoch: epoch)
      var epochLoss = 0.0
      var epochSteps = 0
      let started = clock.now
      while true {
        let n = try batch.withUnsafeMutableBufferPointer { b in
          try source.nextBatch(into: UnsafeMutableBufferPointer(rebasing: b[0..<(settings.batchSize * window)]))
        }
        guard let n, n > 0 else { break }
        let loss = try batch.withUnsafeBufferPointer { try model.forward($0, batchSize: n, length: length) }
        trace.append(loss)
        windowsSeen += n
        epochLoss += Double(loss)
        epochSteps += 1
        onEvent?(.step(step: trace.count, loss: loss))
        if let target = settings.targetLoss, loss < target {
          reached = trace.count
          elapsed += clock.now - started
          break training
        }
        model.backward()
        optimizer.step()
        if let maxSteps = settings.maxSteps, trace.count >= maxSteps {
          elapsed += clock.now - started
          break training
        }
      }
      elapsed += clock.now - started
      guard epochSteps > 0 else {
        throw AutoencoderError(.badBatchSource, "the training source gave no windows in epoch \(epoch); check the split")
      }
      let valid = try validation.map { try evaluate($0).modelMSE }
      onEvent?(.epochEnd(epoch: epoch, trainLoss: epochLoss / Double(epochSteps), validMSE: valid))
      epoch += 1
    }
    return try report(source, validation, trace: trace, reached: reached, windows: windowsSeen, elapsed: elapsed)
  }

  private func report(
    _ source: any WindowBatchSource, _ validation: (any WindowBatchSource)?, trace: [Float], reached: Int?,
    windows: Int, elapsed: Duration
  ) throws -> TrainingReport {
    let train = try evaluate(source)
    let baseline = train.meanBaselineMSE(means: train.featureMeans)
    let valid = try validation.map { try evaluate($0).modelMSE }
    let r2: Double? = baseline > 0 ? 1 - train.modelMSE / baseline : nil
    var warnings: [String] = []
    if let r2, r2 < settings.collapseThreshold {
      warnings.append(Self.meanCollapseWarning(r2: r2, model: train.modelMSE, baseline: baseline))
    }
    if let target = settings.targetLoss, reached == nil {
      warnings.append(
        "target loss \(target) not reached in \(trace.count) steps (last loss \(trace.last ?? .nan)); "
          + "train longer, raise the learning rate or the hidden size")
    }
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    return TrainingReport(
      steps: trace.count, lossTrace: trace, reachedTargetAt: reached, finalTrainMSE: train.modelMSE,
      validMSE: valid, meanBaselineMSE: baseline, r2: r2,
      msPerStep: trace.isEmpty ? 0 : seconds * 1000 / Double(trace.count),
      windowsPerSecond: seconds > 0 ? Double(windows) / seconds : 0, warnings: warnings)
  }

  /// The warning for a model that learned little more than the per-feature mean: says so and what to change.
  public static func meanCollapseWarning(r2: Double, model: Double, baseline: Double) -> String {
    let fmt = { (x: Double) in String(format: "%.4g", x) }
    return "mean collapse: the model reconstructs little more than each feature's training mean "
      + "(R² = \(fmt(r2)); model MSE \(fmt(model)) vs mean baseline MSE \(fmt(baseline))). "
      + "Try a larger hidden size (--hidden), window differencing (difference: {order: 1, scope: window}), "
      + "a different learning rate (--lr), or more steps (--max-steps / --epochs)."
  }

  /// One forward-only pass: model MSE (mean over elements, whatever the training reduction) and feature sums.
  public func evaluate(_ source: any WindowBatchSource) throws -> Evaluation {
    try checkShape(source, "evaluation")
    try source.reset(epoch: 0)
    let length = source.windowLength
    let f = source.features
    let window = length * f
    var sums = [Double](repeating: 0, count: f)
    var squares = [Double](repeating: 0, count: f)
    var squaredError = 0.0
    var windows = 0
    let limit = settings.evaluationLimit ?? Int.max
    while windows < limit {
      let capacity = min(settings.batchSize, limit - windows)
      let n = try batch.withUnsafeMutableBufferPointer { b in
        try source.nextBatch(into: UnsafeMutableBufferPointer(rebasing: b[0..<(capacity * window)]))
      }
      guard let n, n > 0 else { break }
      try batch.withUnsafeBufferPointer { x in
        try model.forward(x, batchSize: n, length: length)
        // Σ_f Σx, Σx²
        for k in 0..<(n * window) {
          let v = Double(x[k])
          sums[k % f] += v
          squares[k % f] += v * v
        }
      }
      let scale = model.config.reduction == .mean ? Double(n * window) : 1
      squaredError += model.lastLoss * scale
      windows += n
    }
    guard windows > 0 else {
      throw AutoencoderError(.badBatchSource, "the evaluation source gave no windows; check the split")
    }
    return Evaluation(
      modelMSE: squaredError / Double(windows * window), windows: windows, featureSums: sums,
      featureSquareSums: squares, valuesPerFeature: windows * length)
  }
}
