import ArgumentParser

/// The `icews` command: ICEWS dumps → frames → shards → LSTM autoencoder.
@main
struct ICEWS: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "icews",
    abstract: "Turn raw ICEWS event dumps into model-ready windows and train an LSTM autoencoder on them.",
    discussion: """
      Examples:
        icews synth --rows 100000 -o sample.tsv
        icews frames --pipeline Pipelines/icews-274.yaml --input sample.tsv --out frames/
      """,
    version: "0.1.0",
    subcommands: []
  )
}
