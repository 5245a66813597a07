import ArgumentParser
import EventData
import Foundation
import Shards
import Transforms

/// `icews inspect`: one window with feature names, in model, normalized or raw space.
struct InspectCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "inspect",
    abstract: "Show one window with its feature names: as stored, undifferenced, or in frame units.",
    discussion: """
      --space model shows the values as stored (what the model sees), normalized undoes the
      window differencing, raw also undoes the normalization. The table shows one row per feature
      with a sparkline over the window's days and skips features that are zero on every day.
      --group/--date picks the group's window starting on that date (or else containing it).

      Examples:
        icews inspect shards/ --split train --index 0
        icews inspect shards/ --split test --group Syria --date 2019-03-04 --space raw --format csv
      """)

  @Argument(help: "Shard folder written by `icews run`.")
  var directory: String

  @OptionGroup var window: WindowSelection

  @Option(help: "model, normalized or raw.")
  var space: String = "model"

  @Option(help: "table, csv or json.")
  var format: String = "table"

  func validate() throws {
    guard WindowSpace(rawValue: space) != nil else { throw ValidationError("--space must be model, normalized or raw") }
    guard InspectFormat(rawValue: format) != nil else { throw ValidationError("--format must be table, csv or json") }
  }

  func run() throws {
    let dataset = try openDataset(directory)
    do {
      let (split, position) = try window.resolve(in: dataset)
      let shown = try dataset.inspect(split, index: position, space: WindowSpace(rawValue: space)!)
      print(shown.render(InspectFormat(rawValue: format)!), terminator: "")
    } catch {
      StandardError.write("error: \(error)\n")
      throw ExitCode.failure
    }
  }
}
