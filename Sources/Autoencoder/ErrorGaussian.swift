import Foundation

/// How the covariance of the reference error vectors is estimated.
public enum CovarianceEstimator: String, Sendable, CaseIterable, Codable {
  /// Ledoit–Wolf shrinkage of the correlation matrix toward the identity (per-feature variances kept):
  /// well-conditioned when features outnumber windows, the sample covariance when data are plenty.
  case shrinkage
  /// Per-feature variances only (standardized squared errors, summed).
  case diagonal
  /// The sample covariance with a small ridge (Malhotra et al.'s plain estimate).
  case full
}

/// EncDec-AD scoring (Malhotra et al. 2016): each window's reconstruction error vector e ∈ R^F is
/// scored by its Mahalanobis distance √((e − μ)ᵀ Σ⁻¹ (e − μ)) under a Gaussian fitted on reference
/// (validation) windows' error vectors. Features are standardized first, z = (e − μ) / s, and
/// Σ is the covariance of z, so rarely-firing features with tiny variance cannot dominate through
/// numerical near-singularity.
public struct ErrorGaussian: Codable, Sendable, Equatable {
  public let mean: [Double]
  /// Per-feature scale s (standard deviation; 1 for features that never vary).
  public let scale: [Double]
  /// Lower-triangular L (row-major F×F) with C + λI = L Lᵀ, C the estimated covariance of z.
  public let cholesky: [Double]
  /// λ actually added to the diagonal.
  public let ridge: Double
  public let estimator: CovarianceEstimator
  /// Ledoit–Wolf's weight of the identity target (0 = sample correlation, 1 = diagonal).
  public let shrinkage: Double

  public var dimension: Int { mean.count }

  /// Fits the Gaussian on `errors` (N×F, row-major). The ridge λ = `relativeRidge` (grown tenfold
  /// until Cholesky succeeds) keeps C invertible when N is small or features are constant.
  public init(
    fitting errors: [Float], dimension f: Int, estimator: CovarianceEstimator = .shrinkage, relativeRidge: Double = 1e-3
  ) throws {
    guard f >= 1, errors.count % f == 0, errors.count / f >= 2 else {
      throw AutoencoderError(
        .notFitted,
        "need at least 2 error vectors of \(f) features to fit the Gaussian, got \(errors.count / max(f, 1))")
    }
    let n = errors.count / f
    // NaN or infinite errors would give a NaN ridge and a meaningless "singular" failure.
    if let bad = errors.firstIndex(where: { !$0.isFinite }) {
      throw AutoencoderError(
        .notFitted,
        "error vector \(bad / f) of \(n) holds \(errors[bad]); the Gaussian needs finite reconstruction errors")
    }
    var mu = [Double](repeating: 0, count: f)
    for r in 0..<n { for j in 0..<f { mu[j] += Double(errors[r * f + j]) } }
    for j in 0..<f { mu[j] /= Double(n) }
    var variance = [Double](repeating: 0, count: f)
    for r in 0..<n {
      for j in 0..<f {
        let d = Double(errors[r * f + j]) - mu[j]
        variance[j] += d * d
      }
    }
    // s_j = std of feature j over the reference; a constant feature keeps s = 1 (its z is e − μ).
    let s = variance.map { v -> Double in
      let sd = (v / Double(n - 1)).squareRoot()
      return sd > 1e-12 ? sd : 1
    }
    var z = [Double](repeating: 0, count: n * f)
    for r in 0..<n { for j in 0..<f { z[r * f + j] = (Double(errors[r * f + j]) - mu[j]) / s[j] } }

    // C = zᵀz / (n − 1), lower triangle
    var cov = [Double](repeating: 0, count: f * f)
    if estimator != .diagonal {
      for r in 0..<n {
        let row = r * f
        for i in 0..<f {
          let zi = z[row + i]
          if zi == 0 { continue }
          for j in 0...i { cov[i * f + j] += zi * z[row + j] }
        }
      }
      for i in 0..<f { for j in 0...i { cov[i * f + j] /= Double(n - 1) } }
    } else {
      for i in 0..<f { cov[i * f + i] = variance[i] / Double(n - 1) / (s[i] * s[i]) }
    }
    var weight = 0.0
    if estimator == .shrinkage {
      weight = Self.ledoitWolfWeight(z, n: n, f: f, cov: cov)
      for i in 0..<f {
        for j in 0..<i { cov[i * f + j] *= 1 - weight }
        cov[i * f + i] = (1 - weight) * cov[i * f + i] + weight * 1
      }
    }
    var lambda = max(relativeRidge, 1e-12)
    for _ in 0..<12 {
      if let l = Self.choleskyFactor(cov, f, ridge: lambda) {
        mean = mu
        scale = s
        cholesky = l
        ridge = lambda
        self.estimator = estimator
        shrinkage = weight
        return
      }
      lambda *= 10
    }
    throw AutoencoderError(.notFitted, "covariance of the validation errors stays singular even with ridge \(lambda)")
  }

  /// Ledoit & Wolf (2004) optimal weight of the target I for standardized data z (n×f) with sample
  /// covariance `cov` (lower triangle): min(b̄², d²) / d², d² = ‖C − I‖², b̄² = Σ_k ‖z_k z_kᵀ − C‖² / n².
  static func ledoitWolfWeight(_ z: [Double], n: Int, f: Int, cov: [Double]) -> Double {
    // ‖C − I‖² and ‖C‖² over the full symmetric matrix from its lower triangle.
    var d2 = 0.0
    var c2 = 0.0
    for i in 0..<f {
      for j in 0...i {
        let c = cov[i * f + j]
        let w = i == j ? 1.0 : 2.0
        let off = c - (i == j ? 1 : 0)
        d2 += w * off * off
        c2 += w * c * c
      }
    }
    guard d2 > 0 else { return 0 }
    // ‖z zᵀ − C‖² = ‖z‖⁴ − 2 zᵀCz + ‖C‖²
    var b2 = 0.0
    var cz = [Double](repeating: 0, count: f)
    for r in 0..<n {
      let row = r * f
      var norm2 = 0.0
      for i in 0..<f { norm2 += z[row + i] * z[row + i] }
      for i in 0..<f { cz[i] = 0 }
      for i in 0..<f {
        let zi = z[row + i]
        for j in 0..<i {
          cz[i] += cov[i * f + j] * z[row + j]
          cz[j] += cov[i * f + j] * zi
        }
        cz[i] += cov[i * f + i] * zi
      }
      var zcz = 0.0
      for i in 0..<f { zcz += z[row + i] * cz[i] }
      b2 += norm2 * norm2 - 2 * zcz + c2
    }
    b2 /= Double(n) * Double(n)
    return min(b2, d2) / d2
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

  /// Mahalanobis distance of one error vector: ‖L⁻¹ z‖, z = (e − μ) / s, by forward substitution.
  public func distance(_ e: UnsafeBufferPointer<Float>) -> Double {
    let f = dimension
    var y = [Double](repeating: 0, count: f)
    var total = 0.0
    for i in 0..<f {
      var v = (Double(e[i]) - mean[i]) / scale[i]
      for k in 0..<i { v -= cholesky[i * f + k] * y[k] }
      y[i] = v / cholesky[i * f + i]
      total += y[i] * y[i]
    }
    return total.squareRoot()
  }

  public func distance(_ e: [Float]) -> Double { e.withUnsafeBufferPointer { distance($0) } }

  /// Each feature's error in reference standard deviations, (e_j − μ_j) / s_j: which features made a
  /// window's score (the Mahalanobis distance also weighs their correlations; this is the plain reading).
  public func standardized(_ e: UnsafeBufferPointer<Float>) -> [Double] {
    (0..<dimension).map { (Double(e[$0]) - mean[$0]) / scale[$0] }
  }
}
