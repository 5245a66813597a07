import Pipeline

/// Scored windows written by hand, for the tests of the scores CSV and the score table.
public enum ScoreFixtures {
  /// Two test windows, highest first: one with baselines, a percentile and top features, a comma in its
  /// group and in a feature name; one without percentile or features.
  public static let twoWindows = ScoreResult(
    windows: [
      WindowScore(
        index: 1, group: "Korea, South", start: "2020-01-01", end: "2020-01-14", error: 0.5, score: 9.25,
        meanBaselineScore: 2, zscoreBaselineScore: 0.75, percentile: 99.5,
        topFeatures: ["src:Arab, Arabian +4.0", "quad:material_conflict +2.5"]),
      WindowScore(
        index: 0, group: "Chad", start: "2019-12-18", end: "2019-12-31", error: 0.125, score: 1,
        meanBaselineScore: 3.5, zscoreBaselineScore: 1.25),
    ], split: .test, fittedOn: .valid, fittedWindows: 2, note: nil)
}
