import ArgumentParser
import EventData
import Foundation
import Pipeline
import Presentation
import Shards
import Support
import Transforms

/// `icews reconstruct`: one window next to the model's reconstruction, as an SVG or a .npy array.
struct ReconstructCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "reconstruct",
    abstract: "Actual vs reconstructed values of one window: an SVG plot or a float32 [2, T, F] .npy.",
    discussion: """
      --space model shows what the model sees (as stored); normalized undoes window differencing on both \
      series; raw also undoes the normalization (frame units). The SVG has one panel per feature, or the 12 \
      features with the largest variance when there are more, titled with the group and dates (and, with \
      --scores, the window's score and rank), each y axis labelled with its unit. The .npy \
      holds [actual, reconstructed]. --group/--date picks the group's window starting on that date (or else \
      containing it), e.g. a row of `icews score`'s CSV.

      Examples:
        icews reconstruct shards/ --model model.safetensors --split test \\
          --index 3 --plot window3.svg
        icews reconstruct shards/ --model model.safetensors --split test \\
          --group Syria --date 2019-03-04 --scores scores.csv --plot syria.svg
        icews reconstruct shards/ --model m.safetensors --split test --index 3 \\
          --space raw --plot raw3.svg
        icews reconstruct shards/ --model m.safetensors --split valid --index 0 \\
          --format npy -o w0.npy
      """)

  @Argument(help: "Shard folder written by `icews run`.")
  var directory: String

  @Option(help: "Model written by `icews train`.")
  var model: String

  @OptionGroup var selection: WindowSelection

  @Option(help: "Write an SVG plot here.")
  var plot: String?

  @Option(help: "Scores CSV of the split from `icews score`: the window's score and rank go in the plot's title.")
  var scores: String?

  @Option(help: "npy (with -o).")
  var format: String?

  @Option(name: [.short, .customLong("output"), .customLong("out")], help: "Output file for --format npy.")
  var output: String?

  @Option(help: "What the values are: as stored, undifferenced, or in frame units.")
  var space: WindowSpace = .model

  func validate() throws {
    switch (plot, format, output) {
    case (.some, nil, nil): break
    case (nil, .some(let f), .some):
      guard f == "npy" else { throw ValidationError("--format must be npy (use --plot FILE.svg for a picture)") }
    default:
      throw ValidationError("give either --plot FILE.svg, or --format npy -o FILE")
    }
  }

  func run() throws {
    let (split, position) = try selection.resolve(in: ShardDataset.open(URL(fileURLWithPath: directory)))
    let job = ReconstructJob(
      directory: URL(fileURLWithPath: directory), modelURL: URL(fileURLWithPath: model), split: split,
      index: position, space: space)
    var window = try job.run()
    if let scores {
      let table = try ScoreTable(contentsOf: scores)
      window.standing = table.standing(group: window.group, start: Day(iso: window.start)!)
      if window.standing == nil {
        StandardError.write(
          StandardError.wrapped(
            "warning: \(scores) has no score for \(window.group) \(window.start) (scores of another split?); "
              + "the title shows no score"))
      }
    }
    let path = plot ?? output!
    let data = plot != nil ? Data(SVGReconstructionPlot(window).render().utf8) : window.npy()
    try writeOutput(data, to: path, what: plot != nil ? "the plot" : "the window")
    StandardError.write(
      "icews reconstruct: \(window.split.rawValue) window \(window.index), \(window.group) \(window.start) … "
        + "\(window.end), "
        + "MSE \(shortNumber(window.modelSpaceMSE)) (model space) → \(path)\n")
  }
}
