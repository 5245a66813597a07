import ArgumentParser
import EventData
import Foundation
import Pipeline
import Support
import Synth

/// `icews synth`: a realistic ICEWS, POLECAT or GDELT dump for demos, tests and benchmarks.
struct SynthCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "synth",
    abstract: "Write a realistic, seeded ICEWS, POLECAT or GDELT event dump.",
    discussion: """
      --format icews (default) writes ICEWS's classic tab-separated layout; \
      polecat POLECAT's 40-column weekly file (PLOVER types from the CAMEO \
      roots, Quad Code, Event Mode, None for missing, contexts); gdelt a \
      headerless 61-column GDELT 2.0 export (SQLDATE, CAMEO codes, QuadClass, \
      Goldstein, NumMentions, FIPS countries). The same arguments draw the same \
      events in every format; POLECAT and GDELT use the 120 busiest countries \
      at most, named by ISO or FIPS code, in the episodes file too.

      Real CAMEO codes with codebook intensities, a few hundred Zipf-ranked sector \
      names and up to ~250 countries with skewed rates. In time: a weekly cycle, a \
      slow drift of each country's volume and quad-class mix, and about one planted \
      episode per 400 days (R with --episode-rate R), listed on stderr or with \
      --episodes. An episode lasts 1-3 weeks in a busy country; --episode-kind sets \
      what it changes:
        crisis  volume x2-4, material-conflict share up, crisis actors (default)
        volume  volume x2-4 only
        mix     one quad class other than verbal cooperation up only
        root    events of one quad class moved to one of its CAMEO roots only
        quiet   volume x0.2-0.4 only (a news blackout)
        any     each episode draws one of the five
      For a seed and rate, every kind plants in the same countries and days. The \
      same arguments always give the same bytes.

      Examples:
        icews synth --rows 1000000 --start 2014-01-01 --days 730 --seed 7 \\
          -o sample.tsv
        icews synth --rows 60000 --start 2014-01-01 --days 2008 --countries 8 \\
          --episodes ep.tsv -o s.tab
        icews synth --rows 200000 --days 2000 --countries 8 --episode-kind any \\
          --episode-rate 5 --episodes held-out.tsv -o held-out.tab
        icews synth --rows 1000 -o - | head
        icews synth --format polecat --rows 50000 --start 2023-01-01 --days 365 \\
          -o ngecEvents.synth.txt
        icews synth --format gdelt --rows 1000000 --start 2018-01-01 --days 1461 \\
          --episodes ep.tsv -o 20180101.export.CSV
      """)

  @Option(help: "The shape of the dump: icews, polecat or gdelt.")
  var format: SyntheticFormat = .icews

  @Option(parsing: .unconditional, help: "Number of event rows.")
  var rows: Int

  @Option(help: "First event date (YYYY-MM-DD).")
  var start: String = "2014-01-01"

  @Option(parsing: .unconditional, help: "Days the events are spread over.")
  var days: Int = 365

  @Option(parsing: .unconditional, help: "Random seed.")
  var seed: UInt64 = 1

  @Option(parsing: .unconditional, help: "How many rows repeat an earlier (Event ID, Event Date), to exercise dedup.")
  var duplicates: Int = 0

  @Option(
    parsing: .unconditional, help: "Only the N busiest countries (0 = all: about 250, 120 for POLECAT and GDELT).")
  var countries: Int = 0

  @Option(help: "Write the planted episodes to this TSV file instead of listing them on stderr.")
  var episodes: String?

  @Option(help: "The shape of the planted episodes.")
  var episodeKind: EpisodeKind = .crisis

  @Option(parsing: .unconditional, help: "Planted episodes per 400 days (at least one, at most one per 7 days).")
  var episodeRate: Double = 1

  @Option(name: [.short, .customLong("output"), .customLong("out")], help: "Output file, or - for standard output.")
  var output: String

  static let maxDays = 3_652_059

  func validate() throws {
    guard rows >= 0 else { throw ValidationError("--rows must be 0 or more") }
    guard (1...Self.maxDays).contains(days) else {
      throw ValidationError("--days must be 1…\(Self.maxDays) (to year 9999), got \(days)")
    }
    guard countries >= 0 else { throw ValidationError("--countries must be 0 (all) or more") }
    guard duplicates >= 0 else { throw ValidationError("--duplicates must be 0 or more") }
    guard episodeRate > 0, episodeRate.isFinite else {
      throw ValidationError("--episode-rate must be a number above 0, got \(episodeRate)")
    }
    guard Day(iso: start) != nil else {
      throw ValidationError("--start must be a date YYYY-MM-DD, got \(start.messageQuote)")
    }
  }

  func run() throws {
    let dump = SyntheticDump(
      rows: rows, start: Day(iso: start)!, days: days, seed: seed, duplicates: duplicates, countries: countries,
      episodeKind: episodeKind, episodeRate: episodeRate, format: format)
    // The output is opened first, so a bad path fails before anything is printed or written.
    let handle: FileHandle
    if output == "-" {
      handle = FileHandle.standardOutput
    } else if let file = try? UserOutputFile.openForWriting(output) {
      handle = file
    } else {
      StandardError.write("error: \(output): cannot create the output file: \(outputFileProblem(output, nil))\n")
      throw ExitCode.failure
    }
    defer { if output != "-" { try? handle.close() } }
    let planted = dump.episodes
    if let episodes {
      let lines = ([SyntheticEpisode.tsvHeader] + planted.map(\.description)).joined(separator: "\n") + "\n"
      do {
        try UserOutputFile.write(Data(lines.utf8), to: episodes)
      } catch {
        StandardError.write("error: \(episodes): cannot write the episodes file: \(error)\n")
        throw ExitCode.failure
      }
    }
    if episodes == nil {
      if planted.count <= 12 {
        for episode in planted {
          StandardError.write(
            "planted \(episode.kind.rawValue) episode: \(episode.country) \(episode.start.iso) … \(episode.end.iso) "
              + "(\(episode.days) days, volume ×\(String(format: "%.1f", episode.volumeFactor)))\n"
          )
        }
      } else {
        StandardError.write("planted \(planted.count) \(episodeKind.rawValue) episodes (--episodes FILE lists them)\n")
      }
    }
    let bar = ProgressBar()
    do {
      try dump.write(to: handle) {
        bar.update(PipelineProgress(stage: "writing rows", done: $0, total: rows, unit: "rows"))
      }
      bar.finish()
    } catch {
      bar.finish()
      StandardError.write("error: \(output): cannot write the dump: \(PlainErrorText.fileSystem(error))\n")
      throw ExitCode.failure
    }
  }
}

/// `--episode-kind` takes the kind's raw value (`crisis`, `volume`, …, `any`).
extension EpisodeKind: ExpressibleByArgument {}

/// `--format` takes `icews`, `polecat` or `gdelt`.
extension SyntheticFormat: ExpressibleByArgument {}
