import FixtureSupport
import Foundation
import Testing

@Suite struct AlertsCommandTests {
  static let scores = EvaluateFixture.scores
  static let episodes = EvaluateFixture.episodes

  @Test func printsTheTableAndWritesEveryAlertAsCSV() throws {
    let csv = try Fixtures.temporaryDirectory("cli-alerts").appendingPathComponent("alerts.csv")
    // top 25 % of 12 = 3 windows: Bora, Bora 02-12 (9), Ceres "Prime" 01-29 (8), Atlantis 01-29 (7)
    let result = try runIcews(
      ["alerts", Self.scores, "--top", "25", "--episodes", Self.episodes, "--list", "2", "-o", csv.path])
    #expect(result.status == 0, "\(result.stderr)")
    let lines = result.stdoutText.split(separator: "\n")
    #expect(lines.count == 3 && lines[0].hasPrefix("rank  group"))
    #expect(lines[1].contains("Bora, Bora") && lines[1].contains("2019-02-12 … 2019-02-25"))
    #expect(lines[1].contains("* 2019-02-25 … 2019-03-10"))
    #expect(lines[2].contains("Ceres \"Prime\"") && !lines[2].contains("*"))
    #expect(result.stderr.contains("3 flagged windows (top 25 % of 12) → 3 alerts in 3 groups"))
    #expect(result.stderr.contains("2 of 3 alerts overlap a planted episode (2 of the first 3)"))
    #expect(result.stderr.contains("2 of 2 episodes"))
    let text = try String(contentsOf: csv, encoding: .utf8)
    #expect(text.split(separator: "\n").count == 4 && text.hasPrefix("rank,group,start,end,core_start"))
    #expect(text.contains("3,Atlantis,2019-01-29,2019-02-11,2019-01-29,2019-02-11,1,2019-01-29,2019-02-11,7,,"))
  }

  @Test func dashWritesTheCSVToStdoutAndNothingElse() throws {
    let result = try runIcews(["alerts", Self.scores, "--detector", "mean_baseline_score", "-o", "-"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdoutText.hasPrefix("rank,group,start,end,") && !result.stdoutText.contains("likely days"))
    // top 5 % of 12 = 1 window: Ceres "Prime" 2019-01-15, the highest mean baseline score (6)
    #expect(
      result.stdoutText.split(separator: "\n").count == 2 && result.stdoutText.contains("\"Ceres \"\"Prime\"\"\""))
  }

  @Test func badInputExitsOneAndUsageErrorsTwo() throws {
    #expect(try runIcews(["alerts", Self.scores, "--detector", "nope"]).status == 1)
    let dir = try Fixtures.temporaryDirectory("cli-alerts-bad")
    let missing = try runIcews(["alerts", dir.appendingPathComponent("none.csv").path])
    #expect(missing.status == 1 && missing.stderr.contains("none.csv"))
    #expect(try runIcews(["alerts", Self.scores, "--top", "0"]).status == 2)
    #expect(try runIcews(["alerts", Self.scores, "--list", "-1"]).status == 2)
  }
}
