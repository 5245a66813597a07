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
  /// Cores to train on (`DataParallelModel`); nil = one model on OpenBLAS's threads as they are set.
  public var threads: Int?
  /// What to change in the data, appended to a mean-collapse warning (the caller knows how the windows
  /// were made; the trainer does not).
  public var collapseAdvice: String?

  public init(
    batchSize: Int = 64, epochs: Int? = nil, maxSteps: Int? = nil, adam: AdamSettings = AdamSettings(),
    targetLoss: Float? = nil, collapseThreshold: Double = 0.5, evaluationLimit: Int? = nil,
    meanBaseline: MeanBaseline = .perFeature, threads: Int? = nil, collapseAdvice: String? = nil
  ) {
    self.batchSize = batchSize
    self.epochs = epochs
    self.maxSteps = maxSteps
    self.adam = adam
    self.targetLoss = targetLoss
    self.collapseThreshold = collapseThreshold
    self.evaluationLimit = evaluationLimit
    self.meanBaseline = meanBaseline
    self.threads = threads
    self.collapseAdvice = collapseAdvice
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
  /// `windows` windows of a forward-only pass are done (after each batch).
  case evaluating(EvaluationPass, windows: Int)
  /// Epoch `epoch` (0-based) ended: mean training loss of its steps, validation MSE if a valid source was
  /// given, and the seconds its steps took (loading batches and optimizing, not the validation), the time
  /// the report's `ms_per_step` adds up.
  case epochEnd(epoch: Int, trainLoss: Double, validMSE: Double?, trainSeconds: Double)
}

/// Which forward-only pass a `TrainingEvent.evaluating` is about.
public enum EvaluationPass: Sendable, Equatable {
  /// The valid split, scored after epoch `epoch` (0-based).
  case validation(epoch: Int)
  /// The final passes behind the report's train and valid MSE and the mean-collapse diagnostic.
  case finalTrain, finalValid
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

  /// MSE on this pass of the constant predictor `baseline` fitted on `fit` (the train pass): per feature
  /// and stratum Σx² − 2μΣx + nμ², over n·F. With `fit` = this pass it equals `meanBaselineMSE(_:)`
  /// up to rounding.
  public func meanBaselineMSE(_ baseline: MeanBaseline, fittedOn fit: Evaluation) -> Double {
    switch baseline {
    case .perFeature:
      return meanBaselineMSE(means: fit.featureMeans)
    case .firstStepApart:
      let n = Double(valuesPerFeature)
      let first = Double(windows)
      let later = n - first
      let fitFirst = Double(max(fit.windows, 1))
      let fitLater = Double(max(fit.valuesPerFeature - fit.windows, 1))
      var total = 0.0
      for f in featureSums.indices {
        let mu0 = fit.firstStepSums[f] / fitFirst
        let mu1 = (fit.featureSums[f] - fit.firstStepSums[f]) / fitLater
        total += firstStepSquareSums[f] - 2 * mu0 * firstStepSums[f] + first * mu0 * mu0
        let s = featureSums[f] - firstStepSums[f]
        total += featureSquareSums[f] - firstStepSquareSums[f] - 2 * mu1 * s + later * mu1 * mu1
      }
      return max(total, 0) / max(n * Double(featureSums.count), 1)
    }
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
  /// The model's steps over `settings.threads` cores.
  public let parallel: DataParallelModel
  /// Called after each step and epoch (on the training thread).
  public var onEvent: ((TrainingEvent) -> Void)?
  private var batch: [Float] = []

  public init(model: LSTMAutoencoder, settings: TrainingSettings) {
    self.model = model
    self.settings = settings
    optimizer = AdamOptimizer(model: model, settings: settings.adam)
    parallel = DataParallelModel(model: model, threads: settings.threads, batchSize: settings.batchSize)
  }

  private func checkShape(_ source: any WindowBatchSource, _ role: String) throws {
    guard source.features == model.config.features else {
      throw AutoencoderError(
        .shapeMismatch,
        "\(role) windows have \(source.features) features, the model \(model.config.features); train a model with "
          + "--features \(source.features) or use matching shards"
      )
    }
    guard settings.batchSize >= 1 else {
      throw AutoencoderError(.badConfiguration, "batch size \(settings.batchSize) must be at least 1")
    }
    let needed = settings.batchSize * source.windowLength * source.features
    if batch.count < needed { batch = [Float](repeating: 0, count: needed) }
  }

  /// Trains until the epochs or steps run out or the target loss is reached, then evaluates on train
  /// (and `validation`) and runs the mean-collapse diagnostic.
  public func train(
    _ source: any WindowBatchSource, validation: (any WindowBatchSource)? = nil
  ) throws -> TrainingReport {
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
        let loss = try batch.withUnsafeBufferPointer { try parallel.forward($0, batchSize: n, length: length) }
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
        parallel.backward()
        optimizer.step()
        if let maxSteps = settings.maxSteps, trace.count >= maxSteps {
          elapsed += clock.now - started
          break training
        }
      }
      let epochTime = clock.now - started
      elapsed += epochTime
      guard epochSteps > 0 else {
        throw AutoencoderError(
          .badBatchSource, "the training source gave no windows in epoch \(epoch); check the split")
      }
      let valid = try validation.map { try evaluate($0, pass: .validation(epoch: epoch)).modelMSE }
      let trainLoss = epochLoss / Double(epochSteps)
      onEvent?(.epochEnd(epoch: epoch, trainLoss: trainLoss, validMSE: valid, trainSeconds: Self.seconds(epochTime)))
      epoch += 1
    }
    return try report(source, validation, trace: trace, reached: reached, windows: windowsSeen, elapsed: elapsed)
  }

  private func report(
    _ source: any WindowBatchSource, _ validation: (any WindowBatchSource)?, trace: [Float], reached: Int?,
    windows: Int, elapsed: Duration
  ) throws -> TrainingReport {
    let train = try evaluate(source, pass: .finalTrain)
    let baseline = train.meanBaselineMSE(settings.meanBaseline)
    let validPass = try validation.map { try evaluate($0, pass: .finalValid) }
    let valid = validPass?.modelMSE
    let r2: Double? = baseline > 0 ? 1 - train.modelMSE / baseline : nil
    let validBaseline = validPass?.meanBaselineMSE(settings.meanBaseline, fittedOn: train)
    var validR2: Double?
    if let validPass, let validBaseline, validBaseline > 0 { validR2 = 1 - validPass.modelMSE / validBaseline }
    var warnings: [String] = []
    // Judged on held-out windows when there are any: a model can memorize train and still predict the mean.
    let advice = settings.collapseAdvice.map { " " + $0 } ?? ""
    if let validR2, let validBaseline, let valid, validR2 < settings.collapseThreshold {
      warnings.append(
        Self.meanCollapseWarning(
          r2: validR2, model: valid, baseline: validBaseline, kind: settings.meanBaseline, on: "valid") + advice)
    } else if validR2 == nil, let r2, r2 < settings.collapseThreshold {
      warnings.append(
        Self.meanCollapseWarning(r2: r2, model: train.modelMSE, baseline: baseline, kind: settings.meanBaseline)
          + advice)
    }
    if let target = settings.targetLoss, reached == nil {
      warnings.append(
        "target loss \(target) not reached in \(trace.count) steps (last loss \(trace.last ?? .nan)); "
          + "train longer, raise the learning rate or the hidden size")
    }
    let seconds = Self.seconds(elapsed)
    return TrainingReport(
      steps: trace.count, lossTrace: trace, reachedTargetAt: reached, finalTrainMSE: train.modelMSE,
      validMSE: valid, meanBaselineMSE: baseline, r2: r2, validR2: validR2,
      msPerStep: trace.isEmpty ? 0 : seconds * 1000 / Double(trace.count),
      windowsPerSecond: seconds > 0 ? Double(windows) / seconds : 0, warnings: warnings)
  }

  /// The warning for a model that learned little more than the per-feature mean: says so and what to change
  /// in the model. `on` names the windows the R² was measured on (train or valid). What to change in the
  /// data depends on how the windows were made, which the caller knows (Pipeline's TrainJob adds it).
  public static func meanCollapseWarning(
    r2: Double, model: Double, baseline: Double, kind: MeanBaseline = .perFeature, on split: String = "train"
  ) -> String {
    let fmt = { (x: Double) in String(format: "%.4g", x) }
    let mean =
      switch kind {
      case .perFeature: "each feature's training mean"
      case .firstStepApart: "the training mean of each feature's first step and of its differenced steps"
      }
    return "mean collapse: on the \(split) windows the model reconstructs little more than \(mean) "
      + "(R² = \(fmt(r2)); model MSE \(fmt(model)) vs mean baseline MSE \(fmt(baseline))). "
      + "Try a larger hidden size (--hidden), a different learning rate (--lr), "
      + "or more steps (--max-steps / --epochs)."
  }

  private static func seconds(_ d: Duration) -> Double {
    Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
  }

  /// One forward-only pass: model MSE (mean over elements, whatever the training reduction) and feature sums.
  /// With `pass`, `onEvent` hears of every batch.
  public func evaluate(_ source: any WindowBatchSource, pass: EvaluationPass? = nil) throws -> Evaluation {
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
        try parallel.forward(x, batchSize: n, length: length)
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
      squaredError += parallel.lastLoss * scale
      windows += n
      if let pass { onEvent?(.evaluating(pass, windows: windows)) }
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
