import Autoencoder

/// How `icews score` scores; the defaults are the measured recommendation (docs/ANOMALY.md).
public struct ScoreOptions: Sendable, Equatable {
  public var covariance: CovarianceEstimator = .shrinkage
  /// How each feature's errors over a window's steps become one number.
  public var reduction: ErrorReduction = .max
  /// Standardize each group's scores by its reference windows' median and MAD.
  public var perGroup = true
  /// Also score the train-mean reconstruction and the per-group z-score baselines.
  public var baselines = true
  public var batchSize = 64

  public init() {}
}
