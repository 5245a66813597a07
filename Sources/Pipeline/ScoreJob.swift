import Autoencoder
import EventData
import Foundation
import Loader
import Shards
import Transforms

/// One scored window: where it is and how anomalous it is.
public struct WindowScore: Sendable, Equatable {
  /// Position in the scored split (export order).
  public var index: Int
  public var group: String
  /// First and last day, YYYY-MM-DD.
  public var start: String
  public var end: String
  /// Mean absolute reconstruction error over the window's T×F values (the mean of its error vector).
  public var error: Double
  /// Mahalanobis distance of the window's error vector under the Gaussian fitted on the reference split.
  public var score: Double
}

/// The ranked windows of one split and how the Gaussian was fitted.
public struct ScoreResult: Sendable {
  /// Highest score first; equal scores keep export order.
  public var windows: [WindowScore]
  public var split: SplitName
  /// Split whose error vectors fitted the Gaussian (valid, or train when valid has fewer than 2 windows).
  public var fittedOn: SplitName
  public var fittedWindows: Int
  /// Set when the fit fell back from valid to train, saying why.
  public var note: String?
}

/// `icews score` (EncDec-AD, Malhotra et al. 2016): per-window reconstruction error vectors, a Gaussian
/// fitted on the valid split's vectors, anomaly score = Mahalanobis distance, ranked.
public struct ScoreJob {
  public var directory: URL
  public var modelURL: URL
  public var split: SplitName
  public var batchSize: Int

  public init(directory: URL, modelURL: URL, split: SplitName, batchSize: Int = 64) {
    self.directory = directory
    self.modelURL = modelURL
    self.split = split
    self.batchSize = batchSize
  }

  public func run() throws -> ScoreResult {
    let dataset = try ShardDataset.open(directory)
    let trained = try TrainedModel.load(modelURL)
    try trained.checkCompatible(with: dataset)
    let model = trained.model
    let f = model.config.features

    var fittedOn = SplitName.valid
    var note: String?
    if dataset.windowCount(.valid) < 2 {
      fittedOn = .train
      note =
        "the valid split has \(dataset.windowCount(.valid)) window\(dataset.windowCount(.valid) == 1 ? "" : "s"); "
        + "the error Gaussian is fitted on the train split instead (add split.valid_end to the pipeline for an honest reference)"
    }
    let fitWindows = dataset.windowCount(fittedOn)
    guard fitWindows >= 2 else {
      throw PipelineError(
        .invalidConfig, file: directory.path,
        "need at least 2 valid or train windows to fit the error Gaussian, the train split has \(fitWindows)")
    }
    let reference = try ShardWindowSource(directory: directory, split: fittedOn, options: LoaderOptions(batchSize: batchSize))
    let gaussian = try ErrorGaussian(fitting: try model.errorVectors(of: reference, batchSize: batchSize), dimension: f)

    guard dataset.windowCount(split) > 0 else {
      throw PipelineError(.invalidConfig, file: directory.path, "the \(split) split has no windows to score; pick another --split")
    }
    let scored = try ShardWindowSource(
      directory: directory, split: split, options: LoaderOptions(batchSize: batchSize), recordsKeys: true)
    let errors = try model.errorVectors(of: scored, batchSize: batchSize)
    let keys = scored.keys
    let manifest = dataset.manifest
    let length = manifest.windowLength
    let calendar = manifest.calendar
    var windows: [WindowScore] = []
    windows.reserveCapacity(errors.count / f)
    errors.withUnsafeBufferPointer { e in
      for i in 0..<(e.count / f) {
        let vector = UnsafeBufferPointer(rebasing: e[(i * f)..<((i + 1) * f)])
        let first = Int(keys[2 * i + 1])
        windows.append(
          WindowScore(
            index: i, group: manifest.groups[Int(keys[2 * i])], start: calendar.firstDay(first).iso,
            end: calendar.lastDay(first + length - 1).iso,
            error: vector.reduce(0.0) { $0 + Double($1) } / Double(f), score: gaussian.distance(vector)))
      }
    }
    windows.sort { $0.score != $1.score ? $0.score > $1.score : $0.index < $1.index }
    return ScoreResult(windows: windows, split: split, fittedOn: fittedOn, fittedWindows: fitWindows, note: note)
  }
}

extension ScoreResult {
  /// `group,start,end,error,score`, one row per window, highest score first.
  public func csv() -> String {
    var text = "group,start,end,error,score\n"
    for w in windows {
      text += "\(csvField(w.group)),\(w.start),\(w.end),\(String(format: "%.6g", w.error)),\(String(format: "%.6g", w.score))\n"
    }
    return text
  }

  /// The first `count` windows as an aligned table for the terminal.
  public func table(top count: Int = 10) -> String {
    let rows = windows.prefix(count)
    let width = max(5, min(32, rows.map(\.group.count).max() ?? 5))
    var text = "rank  " + "group".padding(toLength: width, withPad: " ", startingAt: 0)
      + "  start       end              error      score\n"
    for (rank, w) in rows.enumerated() {
      text += String(format: "%4d  ", rank + 1) + String(w.group.prefix(width)).padding(toLength: width, withPad: " ", startingAt: 0)
        + "  \(w.start)  \(w.end)" + String(format: "  %11.4g  %9.3f", w.error, w.score) + "\n"
    }
    return text
  }
}
