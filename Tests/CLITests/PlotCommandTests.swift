import FixtureSupport
import Foundation
import Testing

@Suite struct PlotCommandTests {
  static let scores = EvaluateFixture.scores
  static let episodes = EvaluateFixture.episodes

  @Test func writesAnSVGWithAPanelPerGroup() throws {
    let svg = try Fixtures.temporaryDirectory("cli-plot").appendingPathComponent("p.svg")
    let result = try runIcews(["plot", Self.scores, "--episodes", Self.episodes, "--groups", "2", "-o", svg.path])
    #expect(result.status == 0, "\(result.stderr)")
    let text = try String(contentsOf: svg, encoding: .utf8)
    #expect(text.components(separatedBy: "<g class=\"panel\"").count - 1 == 2)
    #expect(text.contains("<g class=\"threshold\">") && text.contains("<rect class=\"episode\""))
    #expect(result.stderr.contains("2 groups (Bora, Bora, Ceres \"Prime\"), 1 episode shaded"))
  }

  @Test func onlyEpisodesWithinTheScoredDatesAreCountedAsShaded() throws {
    let svg = try Fixtures.temporaryDirectory("cli-plot-all").appendingPathComponent("p.svg")
    let result = try runIcews(["plot", Self.scores, "--episodes", Self.episodes, "-o", svg.path])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.contains("3 groups") && result.stderr.contains("2 episodes shaded"))
  }

  @Test func namedGroupsAndOutAlias() throws {
    let svg = try Fixtures.temporaryDirectory("cli-plot-group").appendingPathComponent("p.svg")
    let result = try runIcews([
      "plot", Self.scores, "--group", "Atlantis", "--detector", "mean_baseline_score", "--out", svg.path,
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let text = try String(contentsOf: svg, encoding: .utf8)
    #expect(text.contains("data-group=\"Atlantis\"") && text.contains("mean_baseline_score over time"))
  }

  @Test func unknownNamesExitOneAndUsageErrorsTwo() throws {
    let out = try Fixtures.temporaryDirectory("cli-plot-bad").appendingPathComponent("p.svg").path
    let detector = try runIcews(["plot", Self.scores, "--detector", "error", "-o", out])
    #expect(detector.status == 1 && detector.stderr.contains("no detector column 'error'"))
    let group = try runIcews(["plot", Self.scores, "--group", "Dorado", "-o", out])
    #expect(group.status == 1 && group.stderr.contains("no window of group 'Dorado'"))
    #expect(try runIcews(["plot", Self.scores]).status == 2)
    #expect(try runIcews(["plot", Self.scores, "--groups", "2", "--group", "Atlantis", "-o", out]).status == 2)
  }
}
