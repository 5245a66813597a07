import Autoencoder
import Foundation
import Shards
import Support
import Transforms

/// What scoring needs of every window of one split, in export order.
struct SplitErrors {
  /// N × F: per feature, the mean over time of |model reconstruction − x|.
  var modelErrors: [Float] = []
  /// Per window: the mean |model reconstruction − x| over its T × F values (the CSV's `error`).
  var meanAbsoluteErrors: [Double] = []
  /// N × F: the same for the train-mean reconstruction (empty without baselines).
  var meanErrors: [Float] = []
  /// N × F: per feature, the window's mean over time in normalized space (empty without baselines).
  var windowMeans: [Float] = []
  var groups: [Int] = []
  /// First period of each window, as an offset from the calendar start.
  var starts: [Int] = []
}

/// The train-mean reconstruction: each feature's train mean at every step (window-differenced shards:
/// one mean for step 0 and one for the changes after it), T × F.
struct TrainMeanPredictor {
  let values: [Float]
}

/// Streams a split's blocks once and computes every window's error vectors for the model and the
/// baselines: the model runs on chunks of `batchSize` windows, nothing else is kept per window.
struct WindowErrorPass {
  let dataset: ShardDataset
  let model: LSTMAutoencoder
  let options: ScoreOptions
  let transforms: FittedTransforms

  init(dataset: ShardDataset, model: LSTMAutoencoder, options: ScoreOptions) throws {
    self.dataset = dataset
    self.model = model
    self.options = options
    let m = dataset.manifest
    transforms = try FittedTransforms(
      settings: m.transforms, statistics: m.normalization, calendarStart: m.calendarStart, period: m.period,
      dayCount: m.dayCount)
  }

  private var length: Int { dataset.manifest.windowLength }
  private var features: Int { dataset.manifest.featureCount }

  /// Means over the train split (model space) of each feature, at step 0 and after it.
  func trainMeanPredictor() throws -> TrainMeanPredictor {
    let (t, f) = (length, features)
    var first = [Double](repeating: 0, count: f)
    var later = [Double](repeating: 0, count: f)
    var windows = 0
    try dataset.forEachBlock(.train) { keys, values in
      for w in 0..<keys.count {
        let base = w * t * f
        for j in 0..<f { first[j] += Double(values[base + j]) }
        for step in 1..<max(t, 1) { for j in 0..<f { later[j] += Double(values[base + step * f + j]) } }
      }
      windows += keys.count
    }
    let apart = TrainedModel.meanBaseline(for: dataset.manifest) == .firstStepApart
    var prediction = [Float](repeating: 0, count: t * f)
    for j in 0..<f {
      let all = (first[j] + later[j]) / Double(max(windows * t, 1))
      let mu0 = apart ? first[j] / Double(max(windows, 1)) : all
      let mu1 = apart ? later[j] / Double(max(windows * (t - 1), 1)) : all
      prediction[j] = Float(mu0)
      for step in 1..<max(t, 1) { prediction[step * f + j] = Float(mu1) }
    }
    return TrainMeanPredictor(values: prediction)
  }

  /// The per-group z-score baseline fitted on `split`'s window means (the model's reference split, so
  /// both face the same drift between the fit and the scored years).
  func zscoreBaseline(fittedOn split: SplitName) throws -> WindowMeanZScore {
    var means: [Float] = []
    var groups: [Int] = []
    try forEachWindowMean(split) { mean, group in
      means += mean
      groups.append(group)
    }
    return WindowMeanZScore(means: means, groups: groups, groupCount: dataset.manifest.groups.count, features: features)
  }

  /// Every window of `split`: model error vectors, and with `predictor` the baselines' inputs;
  /// `progress` gets the windows done after each block.
  func pass(
    _ split: SplitName, predictor: TrainMeanPredictor?, progress: (Int) -> Void = { _ in }
  ) throws -> SplitErrors {
    let (t, f) = (length, features)
    let batch = max(options.batchSize, 1)
    var out = SplitErrors()
    var scratch = [Float](repeating: 0, count: t * f)
    try dataset.forEachBlock(split) { keys, values in
      let n = keys.count
      var offset = 0
      while offset < n {
        let take = min(batch, n - offset)
        _ = try model.forward(
          UnsafeBufferPointer(rebasing: values[(offset * t * f)..<((offset + take) * t * f)]), batchSize: take,
          length: t)
        out.modelErrors += model.lastErrorVectors(options.reduction)
        let means = model.lastErrorVectors(.mean)
        for w in 0..<take {
          out.meanAbsoluteErrors.append(means[(w * f)..<((w + 1) * f)].reduce(0.0) { $0 + Double($1) } / Double(f))
        }
        offset += take
      }
      for (w, key) in keys.enumerated() {
        out.groups.append(key.group)
        out.starts.append(key.startDay)
        guard let predictor else { continue }
        let window = UnsafeBufferPointer(rebasing: values[(w * t * f)..<((w + 1) * t * f)])
        // e_j = reduce_t |μ[t, j] − x[t, j]|, as for the model, folded in place at the end of meanErrors
        let base = out.meanErrors.count
        out.meanErrors.append(contentsOf: repeatElement(0, count: f))
        for step in 0..<t {
          for j in 0..<f {
            out.meanErrors[base + j] = options.reduction.fold(
              out.meanErrors[base + j], abs(predictor.values[step * f + j] - window[step * f + j]))
          }
        }
        for j in 0..<f { out.meanErrors[base + j] = options.reduction.finish(out.meanErrors[base + j], steps: t) }
        out.windowMeans += try windowMean(window, scratch: &scratch)
      }
      progress(out.groups.count)
    }
    return out
  }

  private func forEachWindowMean(_ split: SplitName, _ body: ([Float], Int) -> Void) throws {
    let (t, f) = (length, features)
    var scratch = [Float](repeating: 0, count: t * f)
    try dataset.forEachBlock(split) { keys, values in
      for (w, key) in keys.enumerated() {
        body(
          try windowMean(UnsafeBufferPointer(rebasing: values[(w * t * f)..<((w + 1) * t * f)]), scratch: &scratch),
          key.group)
      }
    }
  }

  /// Per feature, the mean over time of the window with window differencing undone (normalized space).
  private func windowMean(_ window: UnsafeBufferPointer<Float>, scratch: inout [Float]) throws -> [Float] {
    let (t, f) = (length, features)
    for k in 0..<(t * f) { scratch[k] = window[k] }
    try scratch.withUnsafeMutableBufferPointer { try transforms.invert($0, from: .model, to: .normalized) }
    var mean = [Float](repeating: 0, count: f)
    for step in 0..<t { for j in 0..<f { mean[j] += scratch[step * f + j] } }
    return mean.map { $0 / Float(t) }
  }
}
