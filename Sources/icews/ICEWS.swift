import ArgumentParser
import Autoencoder
import Foundation
import Shards
import Support

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
        icews frames Pipelines/icews-274.yaml --input sample.tsv -o frames/
        icews run Pipelines/icews-274.yaml --input sample.tsv -o shards/
        icews inspect shards/ --split train --index 0 --space raw
        icews train shards/ --hidden 64 --epochs 5 -o model.safetensors \\
          --report report.json
        icews score shards/ --model model.safetensors --split test -o scores.csv
      """,
    version: "0.1.0",
    subcommands: [
      FramesCommand.self, SynthCommand.self, RunCommand.self, ExportCommand.self, VerifyCommand.self,
      InspectCommand.self,
      StatsCommand.self, StreamCommand.self,
      TrainCommand.self, ScoreCommand.self, EvaluateCommand.self, AlertsCommand.self, PlotCommand.self,
      ReconstructCommand.self,
    ]
  )

  /// ArgumentParser's own `main`, except that usage errors exit with 2 (docs/ARCHITECTURE.md, the CLI), not
  /// EX_USAGE (64).
  static func main() async {
    BLASCoreSelection.restartIfNeeded()
    // Commands that never multiply matrices need no OpenBLAS threads spinning beside their own.
    let usesBLAS: Set<String> = ["train", "score", "reconstruct", "evaluate", "plot"]
    if let command = CommandLine.arguments.dropFirst().first, !usesBLAS.contains(command) {
      BLASRuntime.stopIdleThreads()
    }
    do {
      try ProductKernel.validateSetting()
    } catch {
      StandardError.write("error: \(error)\n")
      Foundation.exit(2)
    }
    if let suggestion = subcommandSuggestion(CommandLine.arguments.dropFirst()) {
      StandardError.write(suggestion + "\n")
      Foundation.exit(2)
    }
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
      if !isArgumentParserError(error) {
        // the one place a command's failure is reported: its message names the file and what is wrong
        StandardError.write("error: \(error)\n")
        Foundation.exit(1)
      }
      exit(withError: error)
    }
  }

  /// Errors ArgumentParser knows how to report (help, version, usage, explicit exit codes); every
  /// other error is a command's own.
  static func isArgumentParserError(_ error: any Error) -> Bool {
    error is ExitCode || error is CleanExit || error is ValidationError
      || String(reflecting: type(of: error)).hasPrefix("ArgumentParser.")
  }
}

extension ICEWS {
  /// Names of the subcommands, as typed.
  static var subcommandNames: [String] {
    configuration.subcommands.map { $0._commandName }
  }

  /// "did you mean" for a first argument that looks like a mistyped subcommand (a word, not an option
  /// or a path), or nil when it is a subcommand or nothing close to one.
  static func subcommandSuggestion(_ arguments: ArraySlice<String>) -> String? {
    guard let word = arguments.first, !word.hasPrefix("-"), !word.contains("/"), !word.contains("."),
      !subcommandNames.contains(word), word != "help"
    else { return nil }
    let ranked = subcommandNames.map { ($0, NameMatching.editDistance(word.lowercased(), $0)) }.sorted { $0.1 < $1.1 }
    guard let best = ranked.first else { return nil }
    let close = ranked.filter { $0.1 == best.1 && $0.1 <= max(1, word.count / 3) }.map(\.0)
    let list = close.isEmpty ? "" : " Did you mean \(close.map { "'\($0)'" }.joined(separator: " or "))?"
    // the command list wrapped to fit 80 columns
    var lines = ["Commands:"]
    for name in subcommandNames {
      if lines[lines.count - 1].count + name.count + 2 > 78 { lines.append(" ") }
      lines[lines.count - 1] += " " + name + (name == subcommandNames.last ? "." : ",")
    }
    return "error: '\(word.prefix(40))' is not an icews command.\(list)\n" + lines.joined(separator: "\n")
      + "\nSee 'icews --help'."
  }
}
