import ArgumentParser
import Foundation
import Pipeline

/// What `frames` and `run` read and where they write: the pipeline, the inputs and the output folder.
struct JobInputOptions: ParsableArguments {
  @OptionGroup var pipelineFile: PipelineFileOption

  @Option(
    parsing: .upToNextOption,
    help: ArgumentHelp(
      "Input files, folders or globs (raw ICEWS, POLECAT or GDELT dumps, - for standard input; one CSV for "
        + "frames-csv)."))
  var input: [String]

  @Option(name: [.short, .customLong("output"), .customLong("out")], help: "Output folder (created if missing).")
  var out: String

  var pipeline: String { pipelineFile.path }

  var outputDirectory: URL { URL(fileURLWithPath: out) }

  /// The pipeline, once the output folder is known to be usable (both checked before any work).
  func loadPipeline() throws -> PipelineConfig {
    try requireOutputFolder(out)
    return try PipelineConfig.load(from: URL(fileURLWithPath: pipeline))
  }

  func validate() throws {
    guard !input.isEmpty else { throw ValidationError("--input needs at least one path") }
  }
}
