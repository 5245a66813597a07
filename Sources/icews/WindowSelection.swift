import ArgumentParser
import EventData
import Shards
import Support
import Transforms

/// How `inspect` and `reconstruct` name one window: `--split` plus `--index I`, or `--group G --date D`.
struct WindowSelection: ParsableArguments {
  @Option(help: "The split.")
  var split: SplitName

  @Option(parsing: .unconditional, help: "Window number in the split (export order, as `icews export`).")
  var index: Int?

  @Option(help: "Group name (with --date).")
  var group: String?

  @Option(help: "A day of the window, YYYY-MM-DD (with --group).")
  var date: String?

  func validate() throws {
    switch (index, group, date) {
    case (.some(let i), nil, nil):
      guard i >= 0 else { throw ValidationError("--index must be 0 or more") }
    case (nil, .some, .some(let d)):
      guard Day(iso: d) != nil else { throw ValidationError("--date must be YYYY-MM-DD, got \(d.messageQuote)") }
    default:
      throw ValidationError("give either --index I, or --group G together with --date YYYY-MM-DD")
    }
  }

  /// The selected split and the window's position in export order (looked up by group and date if named so).
  func resolve(in dataset: ShardDataset) throws -> (split: SplitName, index: Int) {
    if let index { return (split, index) }
    let day = dataset.manifest.calendar.offset(of: Day(iso: date!)!)
    return (split, try dataset.windowIndex(split, group: group!, day: day))
  }
}
