import FixtureSupport
import Foundation
import Testing

@Suite struct EvaluateCommandTests {
  static let scores = EvaluateFixture.scores
  static let episodes = EvaluateFixture.episodes

  @Test func writesTheJSONReportAndTheTableOnStderr() throws {
    let report = try Fixtures.temporaryDirectory("cli-evaluate").appendingPathComponent("report.json")
    let result = try runIcews(["evaluate", Self.scores, "--episodes", Self.episodes, "--top", "25", "-o", report.path])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.contains("top 25 % = 3 windows") && result.stderr.contains("mean_baseline_score"))
    let object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: report)) as? [String: Any])
    #expect(object["top_percent"] as? Double == 25 && object["windows"] as? Int == 12)
    #expect(object["positives"] as? Int == 3 && object["top_count"] as? Int == 3)
    let detectors = try #require(object["detectors"] as? [[String: Any]])
    #expect(detectors.map { $0["name"] as? String } == ["score", "mean_baseline_score"])
    #expect(detectors.map { $0["found"] as? Int } == [2, 0])
    #expect(abs((detectors[0]["auc_pr"] as? Double ?? 0) - 13.0 / 18) < 1e-12)
    #expect(abs((detectors[1]["auc_roc"] as? Double ?? 0) - 14.5 / 27) < 1e-12)
    let episodes = try #require(object["episodes"] as? [[String: Any]])
    #expect(episodes.map { $0["country"] as? String } == ["Atlantis", "Bora, Bora", "Atlantis"])
    #expect(episodes.map { $0["counted"] as? Bool } == [true, true, false])
  }

  @Test func dashAndOutAliasWriteTheSameJSON() throws {
    let dash = try runIcews(["evaluate", Self.scores, "--episodes", Self.episodes, "-o", "-"])
    #expect(dash.status == 0, "\(dash.stderr)")
    let file = try Fixtures.temporaryDirectory("cli-evaluate-out").appendingPathComponent("r.json")
    let out = try runIcews(["evaluate", Self.scores, "--episodes", Self.episodes, "--out", file.path])
    #expect(out.status == 0, "\(out.stderr)")
    #expect(try Data(contentsOf: file) == dash.stdout)
    #expect(dash.stdoutText.contains("\"top_count\" : 1"))
  }

  @Test func badInputExitsOneNamingFileAndLineAndUsageErrorsTwo() throws {
    let dir = try Fixtures.temporaryDirectory("cli-evaluate-bad")
    let bad = dir.appendingPathComponent("bad.tsv")
    try "country\tstart\tend\nAtlantis\t2019-01-01\tsoon\n".write(to: bad, atomically: true, encoding: .utf8)
    let badRun = try runIcews(["evaluate", Self.scores, "--episodes", bad.path])
    #expect(badRun.status == 1)
    #expect(badRun.stderr.contains("\(bad.path):2: end 'soon' is not a date"))
    let missing = try runIcews(["evaluate", dir.appendingPathComponent("none.csv").path, "--episodes", Self.episodes])
    #expect(missing.status == 1 && missing.stderr.contains("none.csv: the scores file does not exist"))
    #expect(try runIcews(["evaluate", Self.scores]).status == 2)
    #expect(try runIcews(["evaluate", Self.scores, "--episodes", Self.episodes, "--top", "0"]).status == 2)
    #expect(try runIcews(["evaluate", Self.scores, "--episodes", Self.episodes, "--top", "101"]).status == 2)
  }
}
