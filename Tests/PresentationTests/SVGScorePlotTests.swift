import EventData
import FixtureSupport
import Foundation
@testable import Pipeline
@testable import Presentation
import Support
import Testing

@Suite struct SVGScorePlotTests {
  static func fixture() throws -> (ScoreTable, [EpisodeTable.Episode]) {
    (
      try ScoreTable(contentsOf: Fixtures.url("evaluate/scores.csv").path),
      try EpisodeTable(contentsOf: Fixtures.url("evaluate/episodes.tsv").path).episodes
    )
  }

  static func count(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

  @Test func onePanelPerGroupWithTheThresholdAndEpisodeBands() throws {
    let (scores, episodes) = try Self.fixture()
    let groups = SVGScorePlot.highestGroups(in: scores, detector: 0, count: 6)
    #expect(groups == ["Bora, Bora", "Ceres \"Prime\"", "Atlantis"])
    let plot = SVGScorePlot(scores: scores, groups: groups, episodes: episodes, topPercent: 25)
    let svg = plot.render()
    #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
    #expect(Self.count("<g class=\"panel\"", in: svg) == 3)
    #expect(svg.contains("data-group=\"Ceres &quot;Prime&quot;\"") && !svg.contains("Ceres \"Prime\""))
    // Top 25 % of 12 = 3 windows; the third-highest score is 7.
    #expect(plot.threshold == 7 && plot.flagged == [0, 1, 2])
    #expect(Self.count("<g class=\"threshold\">", in: svg) == 3)
    // Atlantis's episode in January is drawn; its May episode is beyond the scored dates.
    #expect(Self.count("<rect class=\"episode\"", in: svg) == 2 && plot.shownEpisodes.count == 2)
    #expect(svg.contains("2019-01-20 · 14 d") && svg.contains("2019-02-25 · 14 d") && !svg.contains("2019-05-01"))
    // Self-contained: the namespace is the only URL, no external font or image.
    #expect(Self.count("http", in: svg) == 1 && !svg.contains("@font-face") && !svg.contains("<image"))
  }

  @Test func aNaNScoreIsNotFlaggedAndTheThresholdIsTheLowestFlaggedNumber() {
    let scores = ScoreTable(
      file: "t.csv",
      windows: [0, 10, 20].map { .init(group: "g", start: Day(index: $0), end: Day(index: $0 + 6)) },
      detectors: ["score"], scores: [[.nan, 1, 3]])
    let plot = SVGScorePlot(scores: scores, groups: ["g"], topPercent: 100)
    #expect(plot.flagged == [1, 2] && plot.threshold == 1)
  }

  @Test func chosenGroupsAndDetectorAreDrawnInOrder() throws {
    let (scores, episodes) = try Self.fixture()
    let d = try scores.detectorIndex(named: "mean_baseline_score")
    let svg = SVGScorePlot(scores: scores, detector: d, groups: ["Atlantis"], episodes: episodes).render()
    #expect(Self.count("<g class=\"panel\"", in: svg) == 1 && svg.contains("mean_baseline_score over time"))
    #expect(SVGScorePlot.highestGroups(in: scores, detector: d, count: 1) == ["Ceres \"Prime\""])
    #expect(throws: PipelineError.self) { try scores.detectorIndex(named: "error") }
    #expect(throws: PipelineError.self) { try scores.requireGroups(["Atlantis", "Dorado"]) }
  }

  @Test func timeTicksPickYearsMonthsOrDays() {
    let start = Day(iso: "2014-03-10")!
    let years = SVGScorePlot.timeTicks(from: start, to: Day(iso: "2019-06-01")!, maxTicks: 6)
    #expect(years.map(\.label) == ["2015", "2016", "2017", "2018", "2019"])
    let months = SVGScorePlot.timeTicks(from: start, to: Day(iso: "2014-09-30")!, maxTicks: 6)
    #expect(months.map(\.label) == ["2014-04", "2014-05", "2014-06", "2014-07", "2014-08", "2014-09"])
    let quarters = SVGScorePlot.timeTicks(from: start, to: Day(iso: "2015-03-01")!, maxTicks: 6)
    #expect(quarters.map(\.label) == ["2014-04", "2014-07", "2014-10", "2015-01"])
    let days = SVGScorePlot.timeTicks(from: start, to: start + 30, maxTicks: 6)
    #expect(days.first?.label == "2014-03-10" && days.count <= 6 && days.count >= 2)
  }
}
