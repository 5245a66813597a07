/// What a training run did and how good the model is; the JSON of `icews train --report`.
public struct TrainingReport: Codable, Equatable, Sendable {
  /// Optimizer steps taken (forward passes on training batches).
  public var steps: Int
  /// Loss of each step's forward pass, before its update.
  public var lossTrace: [Float]
  /// First step (1-based) whose loss fell below the target loss; training stopped there. Nil if never.
  public var reachedTargetAt: Int?
  /// Mean squared error of the final model over the training windows (mean over B·T·F).
  public var finalTrainMSE: Double
  /// The same over the validation windows; nil without a validation source.
  public var validMSE: Double?
  /// MSE of predicting each feature's training mean everywhere.
  public var meanBaselineMSE: Double
  /// 1 − finalTrainMSE / meanBaselineMSE; nil when the baseline is 0 (constant data).
  public var r2: Double?
  /// 1 − validMSE / (valid MSE of predicting the train means); nil without valid windows.
  public var validR2: Double?
  public var msPerStep: Double
  public var windowsPerSecond: Double
  /// The OpenBLAS core the products ran on (`SkylakeX`, `Haswell`, `Prescott`, …).
  public var blasCore: String? = nil
  /// Threads of the matrix products.
  public var threads: Int? = nil
  /// Rate of the training's matrix products: their floating-point operations (forward and backward,
  /// counted from the model's shapes) over the training time, in 10⁹ per second.
  public var gflops: Double? = nil
  /// Human-readable warnings, e.g. mean collapse with what to change.
  public var warnings: [String]

  enum CodingKeys: String, CodingKey {
    case steps
    case lossTrace = "loss_trace"
    case reachedTargetAt = "reached_target_at"
    case finalTrainMSE = "final_train_mse"
    case validMSE = "valid_mse"
    case meanBaselineMSE = "mean_baseline_mse"
    case r2
    case validR2 = "valid_r2"
    case msPerStep = "ms_per_step"
    case windowsPerSecond = "windows_per_s"
    case blasCore = "blas_core"
    case threads, gflops
    case warnings
  }

  public init(
    steps: Int, lossTrace: [Float], reachedTargetAt: Int?, finalTrainMSE: Double, validMSE: Double?,
    meanBaselineMSE: Double, r2: Double?, validR2: Double? = nil, msPerStep: Double, windowsPerSecond: Double,
    warnings: [String]
  ) {
    self.steps = steps
    self.lossTrace = lossTrace
    self.reachedTargetAt = reachedTargetAt
    self.finalTrainMSE = finalTrainMSE
    self.validMSE = validMSE
    self.meanBaselineMSE = meanBaselineMSE
    self.r2 = r2
    self.validR2 = validR2
    self.msPerStep = msPerStep
    self.windowsPerSecond = windowsPerSecond
    self.warnings = warnings
  }

  /// Writes every key, with `null` for absent values (the contract lists all keys).
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(steps, forKey: .steps)
    try c.encode(lossTrace, forKey: .lossTrace)
    try c.encode(reachedTargetAt, forKey: .reachedTargetAt)
    try c.encode(finalTrainMSE, forKey: .finalTrainMSE)
    try c.encode(validMSE, forKey: .validMSE)
    try c.encode(meanBaselineMSE, forKey: .meanBaselineMSE)
    try c.encode(r2, forKey: .r2)
    try c.encode(validR2, forKey: .validR2)
    try c.encode(msPerStep, forKey: .msPerStep)
    try c.encode(windowsPerSecond, forKey: .windowsPerSecond)
    try c.encode(blasCore, forKey: .blasCore)
    try c.encode(threads, forKey: .threads)
    try c.encode(gflops, forKey: .gflops)
    try c.encode(warnings, forKey: .warnings)
  }
}
