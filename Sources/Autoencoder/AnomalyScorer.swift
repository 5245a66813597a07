import Foundation

/// EncDec-AD scoring (Malhotra et al. 2016): each window's reconstruction error vector e ∈ R^F —
/// per feature, the mean over timesteps of |x̂ − x| — is scored by its Mahalanobis distance
/// √((e − μ)ᵀ Σ⁻¹ (e − μ)) under a Gaussian fitted on validation windows' error vectors.
public struct ErrorGaussian: Codable, Sendable, Equatable {
  public let mean: [Double]
  /// Lower-triangular L (row-major F×F) with Σ + λI = L Lᵀ.
  public let cholesky: [Double]
  /// λ actually added to the diagonal.
  public let ridge: Double

  public var dimension: Int { mean.count }

  /// Fits mean and covariance of `errors` (N×F, row-major). The ridge λ = `relativeRidge` × mean variance
  /// (grown tenfold until Cholesky succeeds) keeps Σ invertible when N is small or features are constant.
  public init(fitting errors: [Float], dimension f: Int, relativeRidge: Double = 1e-3) throws {
    guard f >= 1, errors.count % f == 0, errors.count / f >= 2 else {
      throw AutoencoderError(
        .notFitted, "need at least 2 error vectors of \(f) features to fit the Gaussian, got \(errors.count / max(f, 1))")
    }
    let n = errors.count / f
    var mu = [Double](repeating: 0, count: f)
    for r in 0..<n { for j in 0..<f { mu[j] += Double(errors[r * f + j]) } }
    for j in 0..<f { mu[j] /= Double(n) }
    var cov = [Double](repeating: 0, count: f * f)
    var centered = [Double](repeating: 0, count: f)
    for r in 0..<n {
      for j in 0..<f { centered[j] = Double(errors[r * f + j]) - mu[j] }
      // Σ += (e − μ)(e − μ)ᵀ, lower triangle
      for i in 0..<f { for j in 0...i { cov[i * f + j] += centered[i] * centered[j] } }
    }
    for i in 0..<f { for j in 0...i { cov[i * f + j] /= Double(n - 1) } }
    let meanVariance = (0..<f).reduce(0.0) { $0 + cov[$1 * f + $1] } / Double(f)
    var lambda = max(relativeRidge * meanVariance, 1e-12)
    for _ in 0..<12 {
      if let l = Self.choleskyFactor(cov, f, ridge: lambda) {
        mean = mu
        cholesky = l
        ridge = lambda
        return
      }
      lambda *= 10
    }
    throw AutoencoderError(.notFitted, "covariance of the validation errors stays singular even with ridge \(lambda)")
  }

  /// L with A + λI = L Lᵀ from A's lower triangle, or nil if not positive definite.
  static func choleskyFactor(_ a: [Double], _ f: Int, ridge: Double) -> [Double]? {
    var l = [Double](repeating: 0, count: f * f)
    for i in 0..<f {
      for j in 0...i {
        // L_ij = (A_ij − Σ_k<j L_ik L_jk) / L_jj ; L_ii = √(A_ii + λ − Σ_k<i L_ik²)
        var s = a[i * f + j] + (i == j ? ridge : 0)
        for k in 0..<j { s -= l[i * f + k] * l[j * f + k] }
        if i == j {
          guard s > 0 else { return nil }
          l[i * f + i] = s.squareRoot()
        } else {
          l[i * f + j] = s / l[j * f + j]
        }
      }
    }
    return l
  }

  /// Mahalanobis distance of one error vector: ‖L⁻¹(e − μ)‖ by forward substitution.
  public func distance(_ e: UnsafeBufferPointer<Float>) -> Double {
    let f = dimension
    var z = [Double](repeating: 0, count: f)
    var total = 0.0
    for i in 0..<f {
      var s = Double(e[i]) - mean[i]
      for k in 0..<i { s -= cholesky[i * f + k] * z[k] }
      z[i] = s / cholesky[i * f + i]
      total += z[i] * z[i]
    }
    return total.squareRoot()
  }

  public func distance(_ e: [Float]) -> Double { e.withUnsafeBufferPointer { distance($0) } }
}

extension LSTMAutoencoder {
  /// Error vectors of the last forward, [B, F]: per window and feature, mean over time of |x̂ − x|.
  public func lastErrorVectors() -> [Float] {
    let (b, t) = lastShape
    let f = config.features
    let reconstruction = lastReconstruction()
    var errors = [Float](repeating: 0, count: b * f)
    lastInputs { x in
      for bi in 0..<b {
        // e[b, f] = (1/T) Σ_t |x̂[b,t,f] − x[b,t,f]|
        for ti in 0..<t {
          let row = (bi * t + ti) * f
          for fi in 0..<f { errors[bi * f + fi] += abs(reconstruction[row + fi] - x[row + fi]) }
        }
      }
    }
    for k in errors.indices { errors[k] /= Float(t) }
    return errors
  }

  /// Error vectors [N, F] for every window of a source (in the source's order, from `reset(epoch: 0)`).
  public func errorVectors(of source: any WindowBatchSource, batchSize: Int = 64) throws -> [Float] {
    guard source.features == config.features else {
      throw AutoencoderError(
        .shapeMismatch, "windows have \(source.features) features, the model \(config.features); use the model trained on these shards")
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
  public func anomalyScores(of source: any WindowBatchSource, gaussian: ErrorGaussian, batchSize: Int = 64) throws
    -> [Double]
  {
    let errors = try errorVectors(of: source, batchSize: batchSize)
    let f = config.features
    return errors.withUnsafeBufferPointer { e in
      (0..<(e.count / f)).map { gaussian.distance(UnsafeBufferPointer(rebasing: e[($0 * f)..<(($0 + 1) * f)])) }
    }
  }
}
