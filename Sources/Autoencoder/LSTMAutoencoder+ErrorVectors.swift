import Foundation

/// How a window's per-step absolute errors |x̂ − x| become one value per feature.
public enum ErrorReduction: String, Sendable, CaseIterable, Codable {
  /// Mean over time (Malhotra et al.'s window form).
  case mean
  /// Root mean square over time: a short burst inside a long window weighs more than in the mean.
  case rms
  /// Largest over time.
  case max

  /// Folds the per-step errors `e[t]` of one feature, t = 0..<T.
  @inline(__always)
  public func fold(_ accumulated: Float, _ e: Float) -> Float {
    switch self {
    case .mean: return accumulated + e
    case .rms: return accumulated + e * e
    case .max: return Swift.max(accumulated, e)
    }
  }

  @inline(__always)
  public func finish(_ accumulated: Float, steps t: Int) -> Float {
    switch self {
    case .mean: return accumulated / Float(t)
    case .rms: return (accumulated / Float(t)).squareRoot()
    case .max: return accumulated
    }
  }
}

extension LSTMAutoencoder {
  /// Error vectors of the last forward, [B, F]: per window and feature, the errors |x̂ − x| over time
  /// reduced by `reduction` (default: their mean).
  public func lastErrorVectors(_ reduction: ErrorReduction = .mean) -> [Float] {
    let (b, t) = lastShape
    let f = config.features
    let reconstruction = lastReconstruction()
    var errors = [Float](repeating: 0, count: b * f)
    lastInputs { x in
      for bi in 0..<b {
        // e[b, f] = reduce_t |x̂[b,t,f] − x[b,t,f]|
        for ti in 0..<t {
          let row = (bi * t + ti) * f
          for fi in 0..<f {
            errors[bi * f + fi] = reduction.fold(errors[bi * f + fi], abs(reconstruction[row + fi] - x[row + fi]))
          }
        }
      }
    }
    for k in errors.indices { errors[k] = reduction.finish(errors[k], steps: t) }
    return errors
  }

  /// Error vectors [N, F] for every window of a source (in the source's order, from `reset(epoch: 0)`).
  public func errorVectors(of source: any WindowBatchSource, batchSize: Int = 64) throws -> [Float] {
    guard source.features == config.features else {
      throw AutoencoderError(
        .shapeMismatch,
        "windows have \(source.features) features, the model \(config.features); use the model trained on these shards")
    }
    try source.reset(epoch: 0)
    let window = source.windowLength * source.features
    var batch = [Float](repeating: 0, count: max(batchSize, 1) * window)
    var errors: [Float] = []
    while let n = try batch.withUnsafeMutableBufferPointer({ try source.nextBatch(into: $0) }), n > 0 {
      try batch.withUnsafeBufferPointer { _ = try forward($0, batchSize: n, length: source.windowLength) }
      errors += lastErrorVectors()
    }
    return errors
  }

  /// Anomaly scores of every window of `source` (source order): fit the Gaussian on `validation`'s errors
  /// with `ErrorGaussian(fitting:dimension:)`, then score. Higher = more anomalous.
  public func anomalyScores(
    of source: any WindowBatchSource, gaussian: ErrorGaussian, batchSize: Int = 64
  ) throws
    -> [Double]
  {
    let errors = try errorVectors(of: source, batchSize: batchSize)
    let f = config.features
    return errors.withUnsafeBufferPointer { e in
      (0..<(e.count / f)).map { gaussian.distance(UnsafeBufferPointer(rebasing: e[($0 * f)..<(($0 + 1) * f)])) }
    }
  }
}
