import ArgumentParser

/// The pipeline file of `run` and `frames`: `--pipeline FILE`, or FILE as the first argument.
struct PipelineFileOption: ParsableArguments {
  @Argument(help: ArgumentHelp("Pipeline file (YAML), e.g. Pipelines/icews-274.yaml.", valueName: "pipeline"))
  var argument: String?

  @Option(name: .customLong("pipeline"), help: "The pipeline file, as an option (the same as the argument).")
  var option: String?

  /// The file, given either way (validated to be given exactly once).
  var path: String { option ?? argument ?? "" }

  func validate() throws {
    switch (argument, option) {
    case (nil, nil): throw ValidationError("give the pipeline file: PIPELINE.yaml or --pipeline PIPELINE.yaml")
    case (.some, .some): throw ValidationError("give the pipeline once: as the argument or as --pipeline, not both")
    default: break
    }
  }
}
