import ArgumentParser
import Foundation
import Shards
import Support
import Transforms

/// `icews export`: one split's windows to a single .npy or .csv file.
struct ExportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export",
    abstract: "Write a split's windows, as stored, to one .npy (float32 [N, T, F]) or .csv file.",
    discussion: """
      Windows are ordered by group, then start day. --keys writes int64 [N, 2] keys (group index \
      into the manifest's groups, start day as days after its calendar_start) as .npy, or as CSV \
      when KEYFILE ends in .csv. -o - writes to standard output.

      Examples:
        icews export shards/ --split train --format npy -o train.npy --keys train-keys.npy
        icews export shards/ --split test --format csv -o test.csv
      """)

  @Argument(help: "Shard folder written by `icews run`.")
  var directory: String

  @Option(help: "The split.")
  var split: SplitName

  @Option(help: "The file format.")
  var format: ExportFormat = .npy

  @Option(name: [.short, .customLong("output"), .customLong("out")], help: "Output file (- for standard output).")
  var output: String

  @Option(help: "Also write the keys here (.npy int64 [N, 2], or .csv).")
  var keys: String?

  func run() throws {
    let dataset = try openDataset(directory)
    let bar = ProgressBar()
    defer { bar.finish() }
    let n = try dataset.export(
      split, format: format, to: URL(fileURLWithPath: output), keysTo: keys.map { URL(fileURLWithPath: $0) }
    ) { done, total in bar.update(.init(stage: "exporting", done: done, total: total, unit: "windows")) }
    bar.finish()
    let m = dataset.manifest
    StandardError.write(
      "icews export: \(n) \(split) windows [\(n), \(m.windowLength), \(m.featureCount)] → \(output)\n")
  }
}
