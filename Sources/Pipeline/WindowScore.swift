/// One scored window: where it is and how anomalous it is by the model and by the baselines.
public struct WindowScore: Sendable, Equatable {
  /// Position in the scored split (export order).
  public var index: Int
  public var group: String
  /// First and last day, YYYY-MM-DD.
  public var start: String
  public var end: String
  /// Mean absolute reconstruction error over the window's T×F values (the mean of its error vector).
  public var error: Double
  /// Mahalanobis distance of the window's error vector under the reference Gaussian (standardized per
  /// group unless `ScoreOptions.perGroup` is off).
  public var score: Double
  /// The same scoring with the train-mean reconstruction in place of the model.
  public var meanBaselineScore: Double? = nil
  /// The per-group z-score of the window's feature means (normalized space) against the reference
  /// split's, RMS over features.
  public var zscoreBaselineScore: Double? = nil
  /// Percent of the reference (valid) windows whose score is lower: 99.5 = more unusual than 199 in 200.
  public var percentile: Double? = nil
  /// Up to three features whose errors stand out most, with their error in reference standard
  /// deviations (`quad:material_conflict +6.2`).
  public var topFeatures: [String] = []

  public init(
    index: Int, group: String, start: String, end: String, error: Double, score: Double,
    meanBaselineScore: Double? = nil, zscoreBaselineScore: Double? = nil, percentile: Double? = nil,
    topFeatures: [String] = []
  ) {
    self.index = index
    self.group = group
    self.start = start
    self.end = end
    self.error = error
    self.score = score
    self.meanBaselineScore = meanBaselineScore
    self.zscoreBaselineScore = zscoreBaselineScore
    self.percentile = percentile
    self.topFeatures = topFeatures
  }
}
