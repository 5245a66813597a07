import ArgumentParser
import Foundation
import Pipeline
import Presentation

/// `icews alerts`: a detector's flagged windows merged per group into periods, the early-warning list.
struct AlertsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "alerts",
    abstract: "Merge a detector's flagged windows into alert periods per group: the list to read first.",
    discussion: """
      A window is flagged when it is in the detector's top k % of SCORES.csv (the \
      first ceil(k/100 x N) windows by score, as `icews evaluate` counts them; NaN \
      never). Flagged windows of a group that overlap or touch make one alert: a \
      one-week event seen by eight overlapping windows is listed once. Per alert: \
      its likely days (from the first to the last day that the most of its \
      windows cover), how many windows it merges, its peak score and the \
      features that stood out in the peak window (SCORES.csv's top_features). \
      Highest peak first.

      The table goes to stdout (--list N rows, default 20; 0 for all); -o writes \
      every alert as CSV (rank, group, start, end, core_start, core_end, windows, \
      peak_start, peak_end, peak_score, top_features), -o - to stdout instead of \
      the table. With --episodes each alert is marked with the episode it \
      overlaps (CSV: episode_start, episode_end), and the summary on stderr says \
      how many alerts overlap one and how many episodes some alert overlaps.

      Examples:
        icews alerts scores.csv
        icews alerts scores.csv --top 2 -o alerts.csv
        icews alerts scores.csv --episodes episodes.tsv --list 10
        icews alerts scores.csv --detector zscore_baseline_score -o - | head
      """)

  @Argument(help: "Scores CSV written by `icews score`.")
  var scores: String

  @Option(parsing: .unconditional, help: "Percent of all windows that counts as flagged.")
  var top: Double = 5

  @Option(help: "Detector column: score or a column ending in _score.")
  var detector: String = "score"

  @Option(help: "Ground-truth episodes TSV to mark (country, start, end, …).")
  var episodes: String?

  @Option(parsing: .unconditional, help: "Rows of the table (0: every alert).")
  var list: Int = 20

  @Option(name: [.short, .customLong("output"), .customLong("out")], help: "Write every alert as CSV (- for stdout).")
  var output: String?

  func validate() throws {
    guard list >= 0 else { throw ValidationError("--list must be 0 or more") }
    guard top > 0, top <= 100 else { throw ValidationError("--top must be a percentage in (0, 100], got \(top)") }
  }

  func run() throws {
    let table = try ScoreTable(contentsOf: scores)
    let truth = try episodes.map { try EpisodeTable(contentsOf: $0) }
    let d = try table.detectorIndex(named: detector)
    let alerts = AlertList(scores: table, detector: d, topPercent: top)
    let csv = Data(alerts.csv(scores: table, truth: truth).utf8)
    if output == "-" {
      FileHandle.standardOutput.write(csv)
    } else {
      let text = AlertTable(alerts, scores: table, truth: truth, count: list == 0 ? nil : list).text
      FileHandle.standardOutput.write(Data(text.utf8))
      if let output { try writeOutput(csv, to: output, what: "the alerts") }
    }
    let groups = Set(alerts.alerts.map(\.group)).count
    var summary =
      "icews alerts: \(scores), \(detector): \(alerts.flagged) flagged windows (top \(Self.percent(top)) % of "
      + "\(alerts.scored)) → \(alerts.alerts.count) alert\(alerts.alerts.count == 1 ? "" : "s") in \(groups) "
      + "group\(groups == 1 ? "" : "s")\n"
    if let truth {
      // an episode has an alert exactly when one of its windows is flagged: evaluate's "found"
      let recall = DetectionEvaluation(scores: table, episodes: truth, topPercent: top).detectors[d]
      let matched = alerts.matches(truth)
      let first = min(10, matched.count)
      summary +=
        "  \(matched.compactMap { $0 }.count) of \(matched.count) alerts overlap a planted episode "
        + "(\(matched.prefix(first).compactMap { $0 }.count) of the first \(first)); \(recall.found) of "
        + "\(recall.episodes) episodes (those inside the scored windows) have an alert\n"
    }
    if let output, output != "-" { summary += "alerts → \(output)\n" }
    StandardError.write(summary)
  }

  private static func percent(_ x: Double) -> String { x == x.rounded() ? String(Int(x)) : String(x) }
}
