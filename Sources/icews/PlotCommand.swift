import ArgumentParser
import Foundation
import Pipeline
import Presentation

/// `icews plot`: a detector's scores over time, one panel per group, with episodes and the threshold.
struct PlotCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "plot",
    abstract: "Draw a detector's window scores over time as an SVG: one panel per group, episodes shaded.",
    discussion: """
      Each panel is one group: the score of every window at its end date (dots \
      in the top k % of all windows are red), the global top-k % threshold as a \
      dashed line (the lowest score among the first ceil(k/100 x N) windows of \
      the ranking, as in `icews evaluate`) and, with --episodes, that group's \
      episodes as shaded bands labelled with their start and length. All panels \
      share both axes. Panels: the 6 groups with the highest maximum score, or \
      --groups N of them, or the groups named by --group (repeatable).

      Examples:
        icews plot scores.csv --episodes episodes.tsv -o scores.svg
        icews plot scores.csv --detector mean_baseline_score -o baseline.svg
        icews plot scores.csv --group Syria --group Iraq --top 2 -o two.svg
      """)

  @Argument(help: "Scores CSV written by `icews score`.")
  var scores: String

  @Option(help: "Ground-truth episodes TSV to shade (country, start, end, …).")
  var episodes: String?

  @Option(help: "Detector column to draw: score or a column ending in _score.")
  var detector: String = "score"

  @Option(parsing: .unconditional, help: "Draw the N groups with the highest maximum score (default 6).")
  var groups: Int?

  @Option(name: .customLong("group"), help: "Draw this group (repeat for several), in this order.")
  var group: [String] = []

  @Option(parsing: .unconditional, help: "Percent of all windows above the threshold line.")
  var top: Double = 5

  @Option(name: [.short, .customLong("output"), .customLong("out")], help: "Output SVG file.")
  var output: String

  func validate() throws {
    guard groups == nil || group.isEmpty else {
      throw ValidationError("give either --groups N or --group NAME, not both")
    }
    if let groups, groups < 1 { throw ValidationError("--groups must be at least 1") }
    guard top > 0, top <= 100 else { throw ValidationError("--top must be a percentage in (0, 100], got \(top)") }
  }

  func run() throws {
    let table = try ScoreTable(contentsOf: scores)
    let d = try table.detectorIndex(named: detector)
    try table.requireGroups(group)
    let panels = group.isEmpty ? SVGScorePlot.highestGroups(in: table, detector: d, count: groups ?? 6) : group
    let truth = try episodes.map { try EpisodeTable(contentsOf: $0).episodes } ?? []
    let plot = SVGScorePlot(scores: table, detector: d, groups: panels, episodes: truth, topPercent: top)
    try writeOutput(Data(plot.render().utf8), to: output, what: "the plot")
    let shaded = plot.shownEpisodes.count
    StandardError.write(
      "icews plot: \(detector) of \(panels.count) group\(panels.count == 1 ? "" : "s") "
        + "(\(panels.joined(separator: ", "))), \(shaded) episode\(shaded == 1 ? "" : "s") shaded → \(output)\n")
  }
}
