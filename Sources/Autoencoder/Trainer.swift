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
  /// What "predicting the mean" means for the diagnostic; `.firstStepApart` for window-differenced data.
  public var meanBaseline: MeanBaseline

  public init(
    batchSize: Int = 64, epochs: Int? = nil, maxSteps: Int? = nil, adam: AdamSettings = AdamSettings(),
    targetLoss: Float? = nil, collapseThreshold: Double = 0.5, evaluationLimit: Int? = nil,
    meanBaseline: MeanBaseline = .perFeature
  ) {
    self.batchSize = batchSize
    self.epochs = epochs
    self.maxSteps = maxSteps
    self.adam = adam
    self.targetLoss = targetLoss
    self.collapseThreshold = collapseThreshold
    self.evaluationLimit = evaluationLimit
    self.meanBaseline = meanBaseline
  }
}

/// The constant predictor the model is compared with (R² = 1 − model MSE / baseline MSE).
public enum MeanBaseline: String, Sendable, Codable, CaseIterable {
  /// Each feature's training mean at every timestep: right when all timesteps are the same kind of value.
  case perFeature
  /// Window-differenced data holds levels at step 0 and changes after it: each feature gets one mean for
  /// step 0 and one for steps 1…T−1, i.e. "the average first frame, then the average change".
  case firstStepApart
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
  /// Per feature: Σx and Σx² over timestep 0 of every window (one value per window).
  public var firstStepSums: [Double]
  public var firstStepSquareSums: [Double]

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

  /// MSE of the constant predictor `baseline` fitted on this pass (its own means): Σ (Σx² − (Σx)²/n) per
  /// feature and stratum, over n·F.
  public func meanBaselineMSE(_ baseline: MeanBaseline) -> Double {
    switch baseline {
    case .perFeature:
      return meanBaselineMSE(means: featureMeans)
    case .firstStepApart:
      let n = Double(valuesPerFeature)
      let first = Double(windows)
      let later = n - first
      var total = 0.0
      for f in featureSums.indices {
        // step 0: Σx₀² − (Σx₀)²/N ; steps 1…: (Σx² − Σx₀²) − (Σx − Σx₀)²/(N(T−1))
        total += max(firstStepSquareSums[f] - firstStepSums[f] * firstStepSums[f] / max(first, 1), 0)
        if later > 0 {
          let s = featureSums[f] - firstStepSums[f]
          total += max(featureSquareSums[f] - firstStepSquareSums[f] - s * s / later, 0)
        }
      }
      return total / max(n * Double(featureSums.count), 1)
    }
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
    let baseline = train.meanBaselineMSE(settings.meanBaseline)
    let valid = try validation.map { try evaluate($0).modelMSE }
    let r2: Double? = baseline > 0 ? 1 - train.modelMSE / baseline : nil
    var warnings: [String] = []
    if let r2, r2 < settings.collapseThreshold {
      warnings.append(
        Self.meanCollapseWarning(r2: r2, model: train.modelMSE, baseline: baseline, kind: settings.meanBaseline))
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
  public static func meanCollapseWarning(
    r2: Double, model: Double, baseline: Double, kind: MeanBaseline = .perFeature
  ) -> String {
    let fmt = { (x: Double) in String(format: "%.4g", x) }
    let (mean, differencing) =
      switch kind {
      case .perFeature:
        ("each feature's training mean", "window differencing (difference: {order: 1, scope: window}), ")
      case .firstStepApart:
        ("the training mean of each feature's first step and of its differenced steps", "")
      }
    let already = kind == .firstStepApart ? " (Window differencing is already on.)" : ""
    return "mean collapse: the model reconstructs little more than \(mean) "
      + "(R² = \(fmt(r2)); model MSE \(fmt(model)) vs mean baseline MSE \(fmt(baseline))). "
      + "Try a larger hidden size (--hidden), \(differencing)"
      + "a different learning rate (--lr), or more steps (--max-steps / --epochs).\(already)"
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
    var firstSums = [Double](repeating: 0, count: f)
    var firstSquares = [Double](repeating: 0, count: f)
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
        for w in 0..<n {
          for j in 0..<f {
            let v = Double(x[w * window + j])
            firstSums[j] += v
            firstSquares[j] += v * v
          }
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
      featureSquareSums: squares, valuesPerFeature: windows * length, firstStepSums: firstSums,
      firstStepSquareSums: firstSquares)
  }
}
