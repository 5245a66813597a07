import ArgumentParser
import Foundation
import Autoencoder
import Pipeline
import Presentation
import Support
import Transforms

/// `icews score`: every window of a split ranked by its EncDec-AD anomaly score.
struct ScoreCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "score",
    abstract: "Rank a split's windows by anomaly score, next to two baseline detectors.",
    discussion: """
      Each window's error vector holds, per feature, the largest |reconstructed − actual| over the \
      window's steps (in the model's space; --error mean for Malhotra et al.'s mean), so a burst of \
      one week in an 8-week window is not averaged away. A Gaussian is fitted on the valid split's \
      error vectors (the train \
      split's, with a note, when valid has fewer than 2 windows), its covariance shrunk toward the \
      diagonal (Ledoit–Wolf); the score is the Mahalanobis distance, standardized per group by the \
      median and MAD of that group's valid scores, so busy and quiet countries share one scale. \
      Two baselines are scored in the same file: mean_baseline_score (the same scoring of the \
      train-mean reconstruction) and zscore_baseline_score (per-group z-scores of window means). \
      The CSV has group,start,end,error,score,mean_baseline_score,zscore_baseline_score, \
      percentile (of the valid windows' scores below this one), top_features (up to three \
      features whose errors stand out, in valid standard deviations), highest score first; \
      `icews evaluate` compares the three detectors against known episodes; `icews alerts` \
      merges the highest windows of each group into periods. With -o FILE the ten highest are \
      also printed; -o - writes the CSV to stdout.

      Examples:
        icews score shards/ --model model.safetensors -o scores.csv
        icews score shards/ --model m.safetensors --split valid -o - | head
        icews score shards/ --model m.safetensors --covariance full --pooled -o s.csv
      """)

  @Argument(help: "Shard folder written by `icews run`.")
  var directory: String

  @Option(help: "Model written by `icews train`.")
  var model: String

  @Option(help: "Split to score: train, valid or test.")
  var split: SplitName = .test

  @Option(name: [.customShort("o"), .customLong("output"), .customLong("out")], help: "Output CSV (- for stdout).")
  var output: String

  @Option(parsing: .unconditional, help: "Rows of the table printed with -o FILE.")
  var top: Int = 10

  @Option(help: "Covariance of the error Gaussian: shrinkage, diagonal or full.")
  var covariance: CovarianceEstimator = .shrinkage

  @Option(name: .customLong("error"), help: "How a feature's errors over a window's steps combine: mean, rms or max.")
  var reduction: ErrorReduction = .max

  @Flag(help: "Rank raw distances across groups (no per-group standardization).")
  var pooled = false

  @Flag(help: "Leave out the baseline columns.")
  var noBaselines = false

  func validate() throws {
    guard top >= 0 else { throw ValidationError("--top must be 0 or more") }
  }

  func run() throws {
    var options = ScoreOptions()
    options.covariance = covariance
    options.reduction = reduction
    options.perGroup = !pooled
    options.baselines = !noBaselines
    let job = ScoreJob(
      directory: URL(fileURLWithPath: directory), modelURL: URL(fileURLWithPath: model), split: split,
      options: options)
    let bar = ProgressBar()
    defer { bar.finish() }
    let result = try job.run(progress: { bar.update($0) })
    bar.finish()
    if let note = result.note { StandardError.write(StandardError.wrapped("note: " + note)) }
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
  }
}
