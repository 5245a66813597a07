import Foundation
import Pipeline
import Support
import Testing

@Suite struct AlertListTests {
  static func day(_ iso: String) -> Day { Day(iso: iso)! }

  /// Group A: four windows that overlap or touch (01-28 then 01-29), one apart in March, one unflagged in
  /// June; group B: one window, and one whose score is NaN.
  static let scores = ScoreTable(
    file: "scores.csv",
    windows: [
      ("A", "2019-01-01", "2019-01-14"), ("A", "2019-01-08", "2019-01-21"), ("A", "2019-01-15", "2019-01-28"),
      ("A", "2019-01-29", "2019-02-11"), ("A", "2019-03-01", "2019-03-14"), ("A", "2019-06-01", "2019-06-14"),
      ("B", "2019-01-01", "2019-01-14"), ("B", "2019-02-01", "2019-02-14"),
    ].enumerated().map { i, w in
      ScoreTable.Window(group: w.0, start: day(w.1), end: day(w.2), line: i + 2, topFeatures: "f\(i) +\(9 - i)")
    },
    detectors: ["score"], scores: [[9, 8, 7, 6, 5, 0, 8.5, .nan]])

  static let truth = EpisodeTable(
    file: "episodes.tsv",
    episodes: [
      EpisodeTable.Episode(country: "A", start: day("2019-01-10"), end: day("2019-01-12")),
      EpisodeTable.Episode(country: "B", start: day("2019-05-01"), end: day("2019-05-03")),
      EpisodeTable.Episode(country: "A", start: day("2019-06-05"), end: day("2019-06-06")),
    ])

  @Test func overlappingAndTouchingWindowsOfAGroupMergeAndAGapSplits() {
    let list = AlertList(scores: Self.scores, detector: 0, topPercent: 75)  // ⌈6⌉ of 8 windows
    #expect(list.scored == 8 && list.flagged == 6)
    #expect(list.alerts.map(\.group) == ["A", "B", "A"])
    #expect(list.alerts.map(\.windows) == [[0, 1, 2, 3], [6], [4]])
    #expect(list.alerts.map(\.start) == [Self.day("2019-01-01"), Self.day("2019-01-01"), Self.day("2019-03-01")])
    #expect(list.alerts.map(\.end) == [Self.day("2019-02-11"), Self.day("2019-01-14"), Self.day("2019-03-14")])
    #expect(list.alerts.map(\.peak) == [0, 6, 4] && list.alerts.map(\.peakScore) == [9, 8.5, 5])
  }

  @Test func theCoreRunsFromTheFirstToTheLastDayTheMostWindowsCover() {
    let first = AlertList(scores: Self.scores, detector: 0, topPercent: 75).alerts[0]
    // two windows cover 01-08 … 01-14 (windows 0, 1) and 01-15 … 01-21 (1, 2); one covers the other days
    #expect(first.coreStart == Self.day("2019-01-08") && first.coreEnd == Self.day("2019-01-21"))
    let lone = AlertList(scores: Self.scores, detector: 0, topPercent: 75).alerts[2]
    #expect(lone.coreStart == lone.start && lone.coreEnd == lone.end)
  }

  @Test func aNaNScoreIsNeverFlaggedAndTheTopCountsAsEvaluateCountsIt() {
    let all = AlertList(scores: Self.scores, detector: 0, topPercent: 100)
    #expect(all.flagged == 7 && !all.alerts.contains { $0.windows.contains(7) })
    #expect(all.alerts.map(\.windows) == [[0, 1, 2, 3], [6], [4], [5]])
    #expect(AlertList(scores: Self.scores, detector: 0, topPercent: 1).flagged == 1)  // ⌈0.08⌉
    #expect(AlertList(scores: Self.scores, detector: 0, topPercent: 25).alerts.map(\.windows) == [[0], [6]])
  }

  @Test func episodesAreMatchedAndAnEpisodeWithAnAlertIsOneEvaluateFinds() {
    let list = AlertList(scores: Self.scores, detector: 0, topPercent: 75)
    #expect(list.matches(Self.truth) == [Self.truth.episodes[0], nil, nil])
    for top in [75.0, 100] {
      let alerts = AlertList(scores: Self.scores, detector: 0, topPercent: top)
      let evaluation = DetectionEvaluation(scores: Self.scores, episodes: Self.truth, topPercent: top)
      let withAlert = Self.truth.episodes.map { e in
        alerts.alerts.contains { $0.group == e.country && e.overlaps($0.start, $0.end) }
      }
      #expect(withAlert == evaluation.episodes.map { $0.found[0] }, "top \(top)")
    }
    // B's episode overlaps no scored window: not counted; A's June episode is counted, flagged only at 100 %
    let at75 = DetectionEvaluation(scores: Self.scores, episodes: Self.truth, topPercent: 75).detectors[0]
    #expect(at75.found == 1 && at75.episodes == 2)
    let all = AlertList(scores: Self.scores, detector: 0, topPercent: 100)
    #expect(all.matches(Self.truth).compactMap { $0 } == [Self.truth.episodes[0], Self.truth.episodes[2]])
  }

  @Test func theCSVHasOneRowPerAlertWithThePeakWindowsFeatures() {
    let list = AlertList(scores: Self.scores, detector: 0, topPercent: 75)
    #expect(
      list.csv(scores: Self.scores, truth: Self.truth) == """
        rank,group,start,end,core_start,core_end,windows,peak_start,peak_end,peak_score,top_features,\
        episode_start,episode_end
        1,A,2019-01-01,2019-02-11,2019-01-08,2019-01-21,4,2019-01-01,2019-01-14,9,f0 +9,2019-01-10,2019-01-12
        2,B,2019-01-01,2019-01-14,2019-01-01,2019-01-14,1,2019-01-01,2019-01-14,8.5,f6 +3,,
        3,A,2019-03-01,2019-03-14,2019-03-01,2019-03-14,1,2019-03-01,2019-03-14,5,f4 +5,,

        """)
    #expect(list.csv(scores: Self.scores).hasPrefix("rank,group,start,end,core_start,core_end,windows,peak_start,"))
    #expect(!list.csv(scores: Self.scores).contains("episode"))
  }

  @Test func theScoresFileGivesEachWindowItsTopFeatures() throws {
    let table = try ScoreTable(
      parsing: """
        group,start,end,score,percentile,top_features
        "Korea, South",2019-01-01,2019-01-14,3,99.5,"quad:material_conflict +4.1; root:19 +2.2"
        Chad,2019-01-01,2019-01-14,1,50,

        """, file: "s.csv")
    #expect(table.windows.map(\.topFeatures) == ["quad:material_conflict +4.1; root:19 +2.2", ""])
    let bare = try ScoreTable(parsing: "group,start,end,score\nChad,2019-01-01,2019-01-14,1\n", file: "s.csv")
    #expect(bare.windows[0].topFeatures == "")
  }
}
