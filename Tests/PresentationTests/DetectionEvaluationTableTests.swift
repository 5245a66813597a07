import EventData
import FixtureSupport
import Foundation
import Pipeline
import Presentation
import Support
import Testing

@Suite struct DetectionEvaluationTableTests {
  static func fixture(top: Double = 5) throws -> DetectionEvaluation {
    DetectionEvaluation(
      scores: try ScoreTable(contentsOf: Fixtures.url("evaluate/scores.csv").path),
      episodes: try EpisodeTable(contentsOf: Fixtures.url("evaluate/episodes.tsv").path), topPercent: top)
  }

  @Test func undefinedMetricsShowAsADash() throws {
    let scores = try ScoreTable(
      parsing: "group,start,end,score\ng,2020-01-01,2020-01-07,1\ng,2020-01-08,2020-01-14,2\n", file: "s.csv")
    let none = DetectionEvaluation(scores: scores, episodes: EpisodeTable(file: "e.tsv", episodes: []))
    #expect(none.table().contains("-"))
  }

  @Test func tableListsDetectorsRandomAndEpisodes() throws {
    let text = try Self.fixture().table()
    #expect(text.contains("12 windows, 3 positive (25.0 %); top 5 % = 1 window; 2 episodes counted, 1 outside"))
    #expect(text.contains("0.722") && text.contains("0.870") && text.contains("0.319") && text.contains("0.537"))
    #expect(text.contains("(random ranking)") && text.contains("0.250"))
    #expect(text.contains("1*") && text.split(separator: "\n").count(where: { $0.contains("outside") }) == 1)
  }
}
