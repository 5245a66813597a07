import ArgumentParser
import Foundation
import Pipeline

/// `icews score`: every window of a split ranked by its EncDec-AD anomaly score.
struct ScoreCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "score",
    abstract: "Rank a split's windows by anomaly score (Mahalanobis distance of their reconstruction errors).",
    discussion: """
      Each window's error vector holds, per feature, the mean over days of |reconstructed − actual|
      (in the model's space). A Gaussian is fitted on the valid split's error vectors (the train split's,
      with a note, when valid has fewer than 2 windows); the score is the Mahalanobis distance to it.
      The CSV has group,start,end,error,score (error = mean absolute error over the window), highest score
      first. With -o FILE the ten highest are also printed as a table; -o - writes the CSV to stdout.

      Examples:
        icews score shards/ --model model.safetensors --split test -o scores.csv
        icews score shards/ --model model.safetensors --split valid -o - | head
      """)

  @Argument(help: "Shard folder written by `icews run`.")
  var directory: String

  @Option(help: "Model written by `icews train`.")
  var model: String

  @Option(help: "Split to score: train, valid or test.")
  var split: String = "test"

  @Option(name: .customShort("o"), help: "Output CSV (- for stdout).")
  var output: String

  @Option(help: "Rows of the table printed with -o FILE.")
  var top: Int = 10

  func validate() throws {
    _ = try parseSplit(split)
    guard top >= 0 else { throw ValidationError("--top must be 0 or more") }
  }

  func run() throws {
    let job = ScoreJob(
      directory: URL(fileURLWithPath: directory), modelURL: URL(fileURLWithPath: model), split: try parseSplit(split))
    do {
      let result = try job.run()
      if let note = result.note { StandardError.write("note: \(note)\n") }
      let csv = Data(result.csv().utf8)
      if output == "-" {
        FileHandle.standardOutput.write(csv)
        return
      }
      try writeOutput(csv, to: output, what: "the scores")
      StandardError.write(
        "icews score: \(result.windows.count) \(result.split.rawValue) windows → \(output)   "
          + "(Gaussian fitted on \(result.fittedWindows) \(result.fittedOn.rawValue) windows)\n")
      if top > 0 { print(result.table(top: top), terminator: "") }
    } catch {
      StandardError.write("error: \(error)\n")
      throw ExitCode.failure
    }
  }
}
