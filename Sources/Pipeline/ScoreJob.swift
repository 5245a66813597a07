import Autoencoder
import EventData
import Foundation
import Loader
import Shards
import Support
import Transforms

/// `icews score` (EncDec-AD, Malhotra et al. 2016): per-window reconstruction error vectors, a Gaussian
/// fitted on the valid split's vectors, anomaly score = Mahalanobis distance, standardized per group,
/// ranked; the baselines are scored the same way next to it.
public struct ScoreJob {
  public var directory: URL
  public var modelURL: URL
  public var split: SplitName
  public var options: ScoreOptions

  public init(directory: URL, modelURL: URL, split: SplitName, options: ScoreOptions = ScoreOptions()) {
    self.directory = directory
    self.modelURL = modelURL
    self.split = split
    self.options = options
  }

  /// Scores the split; `progress` hears of the reference pass (`scoring valid`) and of the scored split's.
  public func run(progress: (PipelineProgress) -> Void = { _ in }) throws -> ScoreResult {
    let dataset = try ShardDataset.open(directory)
    let trained = try TrainedModel.load(modelURL)
    try trained.checkCompatible(with: dataset)
    let model = trained.model
    let manifest = dataset.manifest
    let f = model.config.features

    var fittedOn = SplitName.valid
    var note: String?
    if dataset.windowCount(.valid) < 2 {
      fittedOn = .train
      note =
        "the valid split has \(dataset.windowCount(.valid)) window\(dataset.windowCount(.valid) == 1 ? "" : "s"); "
        + "the error Gaussian is fitted on the train split instead (add split.valid_end to the pipeline for an "
        + "honest reference)"
    }
    let fitWindows = dataset.windowCount(fittedOn)
    guard fitWindows >= 2 else {
      throw PipelineError(
        .invalidConfig, file: directory.path,
        "need at least 2 valid or train windows to fit the error Gaussian, the train split has \(fitWindows)")
    }
    guard dataset.windowCount(split) > 0 else {
      throw PipelineError(
        .invalidConfig, file: directory.path, "the \(split) split has no windows to score; pick another --split")
    }
    if split == fittedOn {
      let reason =
        "the error Gaussian was fitted on these same \(fitWindows) \(split) windows, so their scores and "
        + "percentiles are in-sample, not a test of the detector"
      note = note.map { $0 + "; " + reason } ?? reason + " (score --split test for held-out windows)"
    }

    let scorer = try WindowErrorPass(dataset: dataset, model: model, options: options)
    let predictor = options.baselines ? try scorer.trainMeanPredictor() : nil
    let zscore = options.baselines ? try scorer.zscoreBaseline(fittedOn: fittedOn) : nil
    func pass(_ split: SplitName) throws -> SplitErrors {
      let stage = "scoring \(split)"
      let total = dataset.windowCount(split)
      progress(PipelineProgress(stage: stage, done: 0, total: total, unit: "windows"))
      return try scorer.pass(split, predictor: predictor) {
        progress(PipelineProgress(stage: stage, done: $0, total: total, unit: "windows"))
      }
    }
    let reference = try pass(fittedOn)
    let scored = split == fittedOn ? reference : try pass(split)

    for (name, errors) in [(fittedOn, reference), (split, scored)] {
      guard errors.modelErrors.allSatisfy(\.isFinite), errors.meanAbsoluteErrors.allSatisfy(\.isFinite) else {
        throw PipelineError(
          .badInput, file: modelURL.path,
          "the model's reconstructions of the \(name) windows of \(directory.path) are not finite (NaN or "
            + "infinity): its weights are damaged or overflow; retrain it with `icews train`")
      }
    }
    let modelDetector: ErrorDetector
    do {
      modelDetector = try ErrorDetector(reference: reference.modelErrors, groups: reference.groups, scorer)
    } catch let error as AutoencoderError {
      throw PipelineError(
        .badInput, file: modelURL.path,
        "cannot fit the error Gaussian on the \(fittedOn) windows of \(directory.path): \(error.context)")
    }
    let modelScores = modelDetector.scores(scored.modelErrors, groups: scored.groups)
    let meanScores = try predictor.map { _ in
      try ErrorDetector(reference: reference.meanErrors, groups: reference.groups, scorer)
        .scores(scored.meanErrors, groups: scored.groups)
    }
    let zscoreScores = zscore.map { baseline in
      scored.windowMeans.withUnsafeBufferPointer { m in
        scored.groups.indices.map { w in
          baseline.score(UnsafeBufferPointer(rebasing: m[(w * f)..<((w + 1) * f)]), group: scored.groups[w])
        }
      }
    }

    let calendar = manifest.calendar
    let length = manifest.windowLength
    var windows: [WindowScore] = []
    windows.reserveCapacity(scored.groups.count)
    for i in scored.groups.indices {
      let first = scored.starts[i]
      windows.append(
        WindowScore(
          index: i, group: manifest.groups[scored.groups[i]], start: calendar.firstDay(first).iso,
          end: calendar.lastDay(first + length - 1).iso, error: scored.meanAbsoluteErrors[i], score: modelScores[i],
          meanBaselineScore: meanScores?[i], zscoreBaselineScore: zscoreScores?[i],
          percentile: Self.percentile(of: modelScores[i], among: modelDetector.sortedReferenceScores),
          topFeatures: scored.modelErrors.withUnsafeBufferPointer { e in
            Self.topFeatures(
              modelDetector.gaussian.standardized(UnsafeBufferPointer(rebasing: e[(i * f)..<((i + 1) * f)])),
              names: manifest.featureNames)
          }))
    }
    windows.sort { $0.score != $1.score ? $0.score > $1.score : $0.index < $1.index }
    return ScoreResult(
      windows: windows, split: split, fittedOn: fittedOn, fittedWindows: fitWindows, options: options,
      shrinkage: modelDetector.gaussian.shrinkage, note: note)
  }
}

extension ScoreJob {
  /// 100 × the share of `sorted` (ascending) below `score`.
  static func percentile(of score: Double, among sorted: [Double]) -> Double {
    var lo = 0
    var hi = sorted.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if sorted[mid] < score { lo = mid + 1 } else { hi = mid }
    }
    return sorted.isEmpty ? 0 : 100 * Double(lo) / Double(sorted.count)
  }

  /// The (at most) three features with the largest positive standardized errors above 2.
  static func topFeatures(_ z: [Double], names: [String]) -> [String] {
    z.indices.filter { z[$0] > 2 }.sorted { z[$0] > z[$1] }.prefix(3)
      .map { names[$0] + String(format: " +%.1f", z[$0]) }
  }
}
