import ArgumentParser
import Foundation
import Pipeline
import Presentation

/// `icews evaluate`: each detector's ranking of scored windows measured against ground-truth episodes.
struct EvaluateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "evaluate",
    abstract: "Measure anomaly scores against ground-truth episodes: recall in the top k %, AUC-PR, AUC-ROC.",
    discussion: """
      SCORES.csv is what `icews score` writes: group,start,end,… with one detector \
      per column named score or ending in _score (e.g. mean_baseline_score); \
      other columns are ignored. EPISODES.tsv is tab-separated with a header \
      starting country, start, end (what `icews synth --episodes` writes);
      # lines and blank lines are skipped.

      A window is positive when its group is an episode's country and their \
      [start, end] days overlap (inclusive). An episode that overlaps no scored \
      window of its group is listed as outside the scored windows and not \
      counted in recall. Each detector ranks all N windows by its score, highest \
      first, ties in file order. The top k % are the first ceil(k/100 x N) \
      windows; an episode is found when one of its windows is among them; \
      recall = found / counted episodes. Per episode: the best (1-based) rank of \
      its windows. AUC-PR = average precision (mean over positive windows of the \
      precision at their rank); AUC-ROC = chance that a random positive outranks \
      a random negative, score ties counting 1/2. Both are "-" (null in JSON) \
      without positives or without negatives. A random ranking's AUC-PR is the \
      positive fraction (its AUC-ROC 0.5). NaN scores rank last and are never flagged.

      The table goes to stderr; -o writes the JSON report (top_percent, windows, \
      positives, top_count, detectors, episodes), -o - to stdout. \
      Exit codes: 0 ok, 1 bad input, 2 usage.

      Examples:
        icews evaluate scores.csv --episodes episodes.tsv
        icews evaluate scores.csv --episodes episodes.tsv --top 10 -o report.json
        icews evaluate scores.csv --episodes episodes.tsv --list 20
        icews evaluate scores.csv --episodes episodes.tsv -o - | jq .detectors
      """)

  @Argument(help: "Scores CSV written by `icews score`.")
  var scores: String

  @Option(help: "Ground-truth episodes TSV (country, start, end, …).")
  var episodes: String

  @Option(parsing: .unconditional, help: "Percent of all windows that counts as flagged.")
  var top: Double = 5

  @Option(
    name: [.short, .customLong("output"), .customLong("out")],
    help: "Write the JSON report here (- for stdout).")
  var output: String?

  @Option(parsing: .unconditional, help: "Also print the N highest windows of the first detector, episodes marked *.")
  var list: Int = 0

  func validate() throws {
    guard list >= 0 else { throw ValidationError("--list must be 0 or more") }
    guard top > 0, top <= 100 else { throw ValidationError("--top must be a percentage in (0, 100], got \(top)") }
  }

  func run() throws {
    let table = try ScoreTable(contentsOf: scores)
    let truth = try EpisodeTable(contentsOf: episodes)
    let evaluation = DetectionEvaluation(scores: table, episodes: truth, topPercent: top)
    if list > 0 {
      FileHandle.standardOutput.write(Data(RankedWindowList(scores: table, episodes: truth, count: list).text.utf8))
    }
    StandardError.write("icews evaluate: \(scores) against \(episodes)\n" + evaluation.table())
    if output == "-" {
      FileHandle.standardOutput.write(evaluation.json())
    } else if let output {
      try writeOutput(evaluation.json(), to: output, what: "the evaluation report")
      StandardError.write("report → \(output)\n")
    }
  }
}
