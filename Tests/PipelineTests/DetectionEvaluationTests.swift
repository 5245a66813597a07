import EventData
import FixtureSupport
import Foundation
import Pipeline
import Support
import Testing

@Suite struct DetectionEvaluationTests {
  static func fixture(top: Double = 5) throws -> DetectionEvaluation {
    DetectionEvaluation(
      scores: try ScoreTable(contentsOf: Fixtures.url("evaluate/scores.csv").path),
      episodes: try EpisodeTable(contentsOf: Fixtures.url("evaluate/episodes.tsv").path), topPercent: top)
  }

  static func close(_ a: Double?, _ b: Double) -> Bool { a.map { abs($0 - b) < 1e-12 } ?? false }

  @Test func scoresCSVReadsQuotedGroupsAndFindsDetectorColumns() throws {
    let table = try ScoreTable(contentsOf: Fixtures.url("evaluate/scores.csv").path)
    #expect(table.detectors == ["score", "mean_baseline_score"])
    #expect(table.windows.count == 12)
    #expect(table.windows[0].group == "Bora, Bora" && table.windows[1].group == "Ceres \"Prime\"")
    #expect(
      table.windows[2]
        == ScoreTable.Window(group: "Atlantis", start: Day(iso: "2019-01-29")!, end: Day(iso: "2019-02-11")!, line: 4))
    #expect(table.scores[1][2] == 1.6)
  }

  @Test func episodesTSVSkipsCommentsAndBlankLinesAndIgnoresExtraColumns() throws {
    let table = try EpisodeTable(contentsOf: Fixtures.url("evaluate/episodes.tsv").path)
    #expect(table.episodes.map(\.country) == ["Atlantis", "Bora, Bora", "Atlantis"])
    #expect(table.episodes.map(\.line) == [3, 4, 6])
    #expect(table.episodes[1].start.iso == "2019-02-25" && table.episodes[1].end.iso == "2019-03-10")
  }

  @Test func fixtureNumbersMatchTheHandComputation() throws {
    let e = try Self.fixture()
    #expect(e.windows == 12 && e.positives == 3 && e.topCount == 1)
    let score = e.detectors[0]
    #expect(score.name == "score" && score.found == 1 && score.episodes == 2 && score.recall == 0.5)
    #expect(Self.close(score.aucPR, 13.0 / 18) && Self.close(score.aucROC, 23.5 / 27))
    #expect(score.randomAUCPR == 0.25)
    let baseline = e.detectors[1]
    #expect(baseline.name == "mean_baseline_score" && baseline.found == 0 && baseline.recall == 0)
    #expect(Self.close(baseline.aucPR, 23.0 / 72) && Self.close(baseline.aucROC, 14.5 / 27))
  }

  @Test func perEpisodeBestRanksAndTheEpisodeOutsideTheWindows() throws {
    let e = try Self.fixture()
    #expect(e.episodes.map(\.counted) == [true, true, false])
    #expect(e.episodes[0].ranks == [3, 4] && e.episodes[0].found == [false, false])
    #expect(e.episodes[1].ranks == [1, 6] && e.episodes[1].found == [true, false])
    #expect(e.episodes[2].ranks == [nil, nil] && e.episodes[2].found == [false, false])
  }

  @Test func aLargerTopFindsMoreEpisodes() throws {
    let quarter = try Self.fixture(top: 25)
    #expect(quarter.topCount == 3 && quarter.detectors.map(\.found) == [2, 0])
    let half = try Self.fixture(top: 50)
    #expect(half.topCount == 6 && half.detectors.map(\.recall) == [1, 1])
  }

  @Test func topCountIsTheCeilingAndExactForRoundCounts() {
    #expect(DetectionEvaluation.topCount(percent: 5, of: 12) == 1)
    #expect(DetectionEvaluation.topCount(percent: 7, of: 100) == 7)
    #expect(DetectionEvaluation.topCount(percent: 5, of: 20) == 1)
    #expect(DetectionEvaluation.topCount(percent: 5, of: 21) == 2)
    #expect(DetectionEvaluation.topCount(percent: 100, of: 9) == 9)
  }

  @Test func tiesRankInFileOrderForAPAndCountHalfForROC() {
    // Windows 0 (negative) and 1 (positive) tie: AP sees the positive second, ROC counts ½.
    let positive = [false, true, false]
    let scores = [2.0, 2.0, 1.0]
    let table = ScoreTable(
      file: "t.csv",
      windows: (0..<3).map { _ in .init(group: "g", start: Day(index: 0), end: Day(index: 0)) },
      detectors: ["score"], scores: [scores])
    #expect(table.ranking(detector: 0) == [0, 1, 2])
    #expect(DetectionEvaluation.averagePrecision(ranking: [0, 1, 2], positive: positive) == 0.5)
    #expect(DetectionEvaluation.rocAUC(scores: scores, positive: positive) == 0.75)
  }

  @Test func nanRanksLast() {
    let table = ScoreTable(
      file: "t.csv",
      windows: (0..<3).map { _ in .init(group: "g", start: Day(index: 0), end: Day(index: 0)) },
      detectors: ["score"], scores: [[.nan, 1, 3]])
    #expect(table.ranking(detector: 0) == [2, 1, 0])
    #expect(DetectionEvaluation.rocAUC(scores: [.nan, 1, 3], positive: [true, false, false]) == 0)
  }

  @Test func aNaNScoreIsNeverFlaggedNorFoundEvenInsideTheTopCount() {
    let table = ScoreTable(
      file: "t.csv",
      windows: [0, 10, 20].map { .init(group: "g", start: Day(index: $0), end: Day(index: $0 + 6)) },
      detectors: ["score"], scores: [[.nan, 1, 3]])
    #expect(table.flagged(detector: 0, topPercent: 100) == [2, 1])
    #expect(table.flagged(detector: 0, topPercent: 34) == [2, 1])  // ⌈1.02⌉ = 2
    let onTheNaN = EpisodeTable(
      file: "e.tsv", episodes: [.init(country: "g", start: Day(index: 2), end: Day(index: 3))])
    let evaluation = DetectionEvaluation(scores: table, episodes: onTheNaN, topPercent: 100)
    #expect(evaluation.episodes[0].counted && evaluation.episodes[0].ranks == [3])
    #expect(evaluation.detectors[0].found == 0 && evaluation.episodes[0].found == [false])
  }

  @Test func metricsAreUndefinedWithoutPositivesOrNegatives() throws {
    let scores = try ScoreTable(
      parsing: "group,start,end,score\ng,2020-01-01,2020-01-07,1\ng,2020-01-08,2020-01-14,2\n", file: "s.csv")
    let none = DetectionEvaluation(scores: scores, episodes: EpisodeTable(file: "e.tsv", episodes: []))
    #expect(none.positives == 0 && none.detectors[0].aucPR == nil && none.detectors[0].aucROC == nil)
    #expect(none.detectors[0].recall == nil && none.detectors[0].randomAUCPR == nil)
    let everything = EpisodeTable(
      file: "e.tsv", episodes: [.init(country: "g", start: Day(iso: "2019-12-01")!, end: Day(iso: "2020-02-01")!)])
    let all = DetectionEvaluation(scores: scores, episodes: everything)
    #expect(all.positives == 2 && all.detectors[0].aucPR == nil && all.detectors[0].recall == 1)
  }

  @Test func jsonHasEveryKeyWithNullsAndRanksByDetectorName() throws {
    let object = try #require(try JSONSerialization.jsonObject(with: try Self.fixture().json()) as? [String: Any])
    #expect(Set(object.keys) == ["top_percent", "windows", "positives", "top_count", "detectors", "episodes"])
    let detectors = try #require(object["detectors"] as? [[String: Any]])
    #expect(Set(detectors[0].keys) == ["name", "recall", "found", "episodes", "auc_pr", "auc_roc", "random_auc_pr"])
    let episodes = try #require(object["episodes"] as? [[String: Any]])
    let outside = episodes[2]
    #expect(outside["counted"] as? Bool == false)
    let ranks = try #require(outside["ranks"] as? [String: Any])
    #expect(ranks["score"] is NSNull && ranks["mean_baseline_score"] is NSNull)
    #expect((episodes[1]["ranks"] as? [String: Any])?["score"] as? Int == 1)
    #expect((episodes[1]["found"] as? [String: Bool]) == ["score": true, "mean_baseline_score": false])
  }

  @Test func badEpisodeLinesNameFileAndLine() {
    let header = "country\tstart\tend\n"
    func error(_ text: String) -> PipelineError? {
      do {
        _ = try EpisodeTable(parsing: text, file: "ep.tsv")
        return nil
      } catch { return error as? PipelineError }
    }
    #expect(error(header + "A\t2019-01-01\n")?.description.hasPrefix("ep.tsv:2: expected at least 3") == true)
    #expect(
      error("# c\n" + header + "\nA\t2019-13-01\t2019-01-02\n")?.description.hasPrefix("ep.tsv:4: start '2019-13-01'")
        == true)
    #expect(error(header + "A\t2019-01-05\t2019-01-02\n")?.line == 2)
    #expect(error("start\tcountry\tend\n")?.line == 1)
    #expect(error("# only a comment\n")?.code == .badInput)
  }

  @Test func badScoreLinesNameFileAndLine() {
    func error(_ text: String) -> PipelineError? {
      do {
        _ = try ScoreTable(parsing: text, file: "s.csv")
        return nil
      } catch { return error as? PipelineError }
    }
    let header = "group,start,end,error,score\n"
    #expect(error(header + "a,2019-01-01,2019-01-07,0.1,x\n")?.description == "s.csv:2: score 'x' is not a number")
    #expect(error(header + "a,2019-01-01,2019-01-07,0.1\n")?.line == 2)
    #expect(error(header + "\"multi\nline\",2019-01-01,2019-01-07,0.1,1\nb,2019-01-01,bad,0.1,1\n")?.line == 4)
    #expect(error(header + "\"open,2019-01-01,2019-01-07,0.1,1\n")?.line == 2)
    #expect(error("group,start,end,error\n")?.description.contains("no detector column") == true)
    #expect(error("group,end,score\n")?.description.contains("'start'") == true)
    #expect(error(header)?.description == "s.csv: has a header but no windows")
  }

  @Test func aMissingFileIsNamed() {
    #expect(throws: PipelineError.self) { try ScoreTable(contentsOf: "/nonexistent/s.csv") }
    do {
      _ = try EpisodeTable(contentsOf: "/nonexistent/e.tsv")
    } catch {
      #expect("\(error)" == "/nonexistent/e.tsv: the episodes file does not exist; check the path")
    }
  }
}
