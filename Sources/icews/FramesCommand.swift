import ArgumentParser
import EventData
import Foundation
import Pipeline

/// `icews frames`: ingestion and frames only, for inspection or another trainer.
struct FramesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "frames",
    abstract: "Read raw ICEWS dumps and write one frame per (group, day) to DIR/frames.npy.",
    discussion: """
      Writes DIR/frames.npy (float32 [groups × days, features], group-major: groups in byte \
      order of name, then day), DIR/frames.json (features, groups, start, days, rows_read, \
      rows_rejected, duplicates, vocabularies) and DIR/rejects.tsv (file, line, reason, raw). \
      Inputs may be .tab/.tsv/.csv, .zip, .gz, .zst or - (standard input), in any ICEWS layout.

      Examples:
        icews frames --pipeline Pipelines/icews-274.yaml \\
          --input events.2014.tab events.2015.tab -o frames/
        zcat dump.tsv.gz | icews frames Pipelines/quad5.yaml --input - -o quad5/
      """)

  @OptionGroup var io: JobInputOptions
  var pipeline: String { io.pipeline }
  var input: [String] { io.input }
  var out: String { io.out }

  func run() throws {
    let started = Date()
    let bar = ProgressBar()
    defer { bar.finish() }
    let job = FramesJob(config: try io.loadPipeline(), inputs: input, outputDirectory: io.outputDirectory)
    let manifest = try job.run(progress: { bar.update($0) })
    bar.finish()
    let elapsed = Date().timeIntervalSince(started)
    StandardError.write(FramesCommand.summary(manifest, pipeline: pipeline, out: out, seconds: elapsed))
  }

  /// The table printed after a run (stderr, so stdout stays free for pipes).
  static func summary(_ m: FramesManifest, pipeline: String, out: String, seconds: Double) -> String {
    let bytes = Double(m.shape[0] * m.shape[1] * 4)
    let calendar = PeriodCalendar(period: m.period ?? .day, start: m.start)
    let last = m.days > 0 ? calendar.lastDay(m.days - 1).iso : "-"
    let rows: [(String, String, String)] = [
      ("rows read", "\(m.rows.read)", ""),
      ("rows rejected", "\(m.rows.rejected)", m.rows.rejected > 0 ? "see \(out)/rejects.tsv" : ""),
      ("duplicates", "\(m.rows.duplicates)", "dropped, first kept"),
      ("events", "\(m.events)", "aggregated"),
      ("groups", "\(m.groups.count)", ""),
      (calendar.unitName, "\(m.days)", m.days > 0 ? "\(m.start.iso) … \(last)" : ""),
      ("features", "\(m.features.count)", ""),
      ("frames.npy", "\(m.shape[0])", "× \(m.shape[1]) float32, " + String(format: "%.1f MiB", bytes / 1_048_576)),
      ("time", String(format: "%.2f", seconds), "s"),
    ]
    var text = "icews frames: \(pipeline) → \(out)\n"
    for (label, value, note) in rows {
      let padded = String(repeating: " ", count: max(0, 10 - value.count)) + value
      text +=
        "  " + label.padding(toLength: 14, withPad: " ", startingAt: 0) + padded + (note.isEmpty ? "" : "  " + note)
        + "\n"
    }
    return text
  }
}
