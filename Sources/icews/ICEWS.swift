import ArgumentParser
import Foundation

/// The `icews` command: ICEWS dumps → frames → shards → LSTM autoencoder.
@main
struct ICEWS: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "icews",
    abstract: "Turn raw ICEWS event dumps into model-ready windows and train an LSTM autoencoder on them.",
    discussion: """
      Exit codes: 0 ok, 1 bad input or a failed check, 2 usage.

      Examples (the whole path, from a raw dump to a ranked anomaly list):
        icews synth --rows 100000 -o sample.tsv
        icews frames --pipeline Pipelines/icews-274.yaml --input sample.tsv --out frames/
        icews run Pipelines/icews-274.yaml --input sample.tsv --out shards/
        icews inspect shards/ --split train --index 0 --space raw
        icews train shards/ --hidden 64 --epochs 5 --out model.safetensors --report report.json
        icews score shards/ --model model.safetensors --split test -o scores.csv
      """,
    version: "0.1.0",
    subcommands: [
      FramesCommand.self, SynthCommand.self, RunCommand.self, ExportCommand.self, VerifyCommand.self, InspectCommand.self,
      StatsCommand.self, StreamCommand.self,
      TrainCommand.self, ScoreCommand.self, EvaluateCommand.self, PlotCommand.self, ReconstructCommand.self,
    ]
  )

  /// ArgumentParser's own `main`, except that usage errors exit with 2 (docs/ARCHITECTURE.md, the CLI), not EX_USAGE (64).
  static func main() async {
    BLASCoreSelection.restartIfNeeded()
    do {
      var command = try parseAsRoot()
      if var asyncCommand = command as? AsyncParsableCommand {
        try await asyncCommand.run()
      } else {
        try command.run()
      }
    } catch {
      if exitCode(for: error) == .validationFailure {
        StandardError.write(fullMessage(for: error) + "\n")
        Foundation.exit(2)
      }
      exit(withError: error)
    }
  }
}
