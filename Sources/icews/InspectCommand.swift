import ArgumentParser
import EventData
import Foundation
import Presentation
import Shards
import Support
import Transforms

/// `icews inspect`: one window with feature names, in model, normalized or raw space.
struct InspectCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "inspect",
    abstract: "Show one window with its feature names: as stored, undifferenced, or in frame units.",
    discussion: """
      --space model shows the values as stored (what the model sees), normalized undoes the \
      window differencing, raw also undoes the normalization. The table shows one row per feature \
      with a sparkline over the window's days and skips features that are zero on every day. \
      --group/--date picks the group's window starting on that date (or else containing it); the \
      group name's case does not matter. --features keeps the features whose names hold PATTERN \
      (or match it as a glob with * and ?), --top N the N with the largest variance over the \
      window, largest first. The CSV has one row per step, dated with the step's first day.

      Examples:
        icews inspect shards/ --split train --index 0 --top 10
        icews inspect shards/ --split test --group syria --date 2019-03-04 \\
          --space raw --features 'root:*' --format csv
      """)

  @Argument(help: "Shard folder written by `icews run`.")
  var directory: String

  @OptionGroup var window: WindowSelection

  @Option(help: "What the values are: as stored, undifferenced, or in frame units.")
  var space: WindowSpace = .model

  @Option(help: "The output format.")
  var format: InspectFormat = .table

  @OptionGroup var filter: FeatureFilterOptions

  func run() throws {
    let dataset = try openDataset(directory)
    let (split, position) = try window.resolve(in: dataset)
    let window = try dataset.inspect(split, index: position, space: space)
    let selection = filter.selection
    let shown = window.keeping(try selection.indices(window.featureNames, ranking: window.featureVariances))
    var text = shown.render(format)
    if format == .table, !selection.isEverything {
      text +=
        "(" + filter.describe(shown: shown.featureNames.count, of: window.featureNames.count, label: " shown") + ")\n"
    }
    print(text, terminator: "")
  }
}
