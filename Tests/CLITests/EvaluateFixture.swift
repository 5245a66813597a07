import FixtureSupport

/// The hand-computed scores and episodes of `Fixtures/evaluate/` (its README shows the arithmetic).
enum EvaluateFixture {
  static let scores = Fixtures.url("evaluate/scores.csv").path
  static let episodes = Fixtures.url("evaluate/episodes.tsv").path
}
