import ArgumentParser
import EventData
import Foundation
import Pipeline
import Shards
import Support
import Transforms

/// `icews run`: the whole pipeline, raw dump (or frames-csv) → checksummed shards.
struct RunCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "Run a pipeline end to end: input → frames → normalize/difference/window/split → shards.",
    discussion: """
      Writes DIR/manifest.json (written last), DIR/train/, DIR/valid/, DIR/test/ shard files and \
      DIR/rejects.tsv. An interrupted run leaves the previous result or none; the same input and \
      pipeline always give byte-identical files. --reuse-manifest OLD encodes the input with OLD's \
      frozen vocabularies and normalization statistics (e.g. a new weekly file into the same columns).

      Examples:
        icews run Pipelines/icews-274.yaml --input events.2014.tab \\
          events.2015.tab -o shards/
        icews run --pipeline Pipelines/icews-274.yaml --input week.tab \\
          -o week/ --reuse-manifest shards/
        icews run Pipelines/seed-overfit.yaml \\
          --input Fixtures/seed-sequence.csv -o seed/
      """)

  @OptionGroup var io: JobInputOptions
  var pipeline: String { io.pipeline }
  var input: [String] { io.input }
  var out: String { io.out }

  @Option(help: "Shard folder (or its manifest.json) whose vocabularies and statistics to reuse.")
  var reuseManifest: String?

  func run() throws {
    let started = Date()
    let bar = ProgressBar()
    defer { bar.finish() }
    let job = RunJob(
      config: try io.loadPipeline(), inputs: input, outputDirectory: io.outputDirectory,
      reuseManifest: reuseManifest.map { URL(fileURLWithPath: $0) })
    let summary = try job.run(progress: { bar.update($0) })
    bar.finish()
    StandardError.write(RunCommand.summary(summary, out: out, seconds: Date().timeIntervalSince(started)))
  }

  static func summary(_ s: RunSummary, out: String, seconds: Double) -> String {
    let m = s.manifest
    let last = m.dayCount > 0 ? m.calendar.lastDay(m.dayCount - 1).iso : "-"
    let ratio = s.shardBytes > 0 ? Double(s.uncompressedBytes) / Double(s.shardBytes) : 0
    let rows: [(String, String)] = [
      ("rows read", "\(m.rows.read)"),
      ("rows rejected", "\(m.rows.rejected)" + (m.rows.rejected > 0 ? "   see \(out)/rejects.tsv" : "")),
      ("duplicates", "\(m.rows.duplicates)"),
      ("groups", "\(m.groups.count)"),
      (m.calendar.unitName, "\(m.dayCount)   \(m.calendarStart.iso) … \(last)"),
      ("features", "\(m.featureCount)"),
      (
        "windows",
        "train \(m.windows.train), valid \(m.windows.valid), test \(m.windows.test)   (\(m.windowLength) "
          + "\(m.calendar.unitName) each)"
      ),
      (
        "dropped",
        "\(m.windows.droppedPartial) trailing partial, \(m.windows.droppedStraddling) straddling a split boundary"
      ),
      (
        "normalize",
        "\(m.normalization.method.rawValue)"
          + (m.frozen ? " (statistics reused)" : " (fitted on \(m.normalization.frameCount) train frames)")
      ),
      (
        "shards",
        "\(s.shardCount) files, "
          + String(
            format: "%.1f MiB (%.1f MiB uncompressed, %.1f×)", mib(s.shardBytes), mib(s.uncompressedBytes), ratio)
      ),
      ("time", String(format: "%.2f s", seconds)),
    ]
    var text = "icews run: \(m.pipeline.name) → \(out)\n"
    for (label, value) in rows {
      text += "  " + label.padding(toLength: 15, withPad: " ", startingAt: 0) + value + "\n"
    }
    var warnings = m.emptySplitWarnings
    if m.windows.train == 0, m.transforms.split == nil {
      warnings.append("no train windows: the data has \(m.dayCount) \(m.calendar.unitName), fewer than window.length")
    }
    for warning in warnings { text += StandardError.wrapped("warning: " + warning) }
    return text
  }
}
