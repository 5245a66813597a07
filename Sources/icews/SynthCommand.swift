import ArgumentParser
import EventData
import Foundation

/// `icews synth`: a realistic classic-layout dump for demos, tests and benchmarks.
struct SynthCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "synth",
    abstract: "Write a realistic, seeded ICEWS dump in the classic tab-separated layout.",
    discussion: """
      Real CAMEO codes with a realistic skew, codebook intensities, multi-valued sectors and
      ~250 countries; the same seed always gives the same bytes.

      Examples:
        icews synth --rows 1000000 --start 2014-01-01 --days 730 --seed 7 -o sample.tsv
        icews synth --rows 1000 -o - | head
      """)

  @Option(help: "Number of event rows.")
  var rows: Int

  @Option(help: "First event date (YYYY-MM-DD).")
  var start: String = "2014-01-01"

  @Option(help: "Days the events are spread over.")
  var days: Int = 365

  @Option(help: "Random seed.")
  var seed: UInt64 = 1

  @Option(help: "How many rows repeat an earlier (Event ID, Event Date), to exercise dedup.")
  var duplicates: Int = 0

  @Option(name: [.short, .customLong("output")], help: "Output file, or - for standard output.")
  var output: String

  func validate() throws {
    guard rows >= 0 else { throw ValidationError("--rows must be 0 or more") }
    guard days >= 1 else { throw ValidationError("--days must be at least 1") }
    guard duplicates >= 0 else { throw ValidationError("--duplicates must be 0 or more") }
    guard Day(iso: start) != nil else { throw ValidationError("--start must be a date YYYY-MM-DD, got '\(start)'") }
  }

  func run() throws {
    let dump = SyntheticDump(rows: rows, start: Day(iso: start)!, days: days, seed: seed, duplicates: duplicates)
    do {
      if output == "-" {
        try dump.write(to: FileHandle.standardOutput)
      } else {
        try dump.write(to: URL(fileURLWithPath: output))
      }
    } catch {
      StandardError.write("error: \(output): \(error)\n")
      throw ExitCode.failure
    }
  }
}
