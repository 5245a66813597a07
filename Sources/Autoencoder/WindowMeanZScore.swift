/// The per-group z-score baseline detector: a window's score is the root mean square over features of
/// z_j = (m_j − μ_gj) / σ_gj, m_j the window's mean of feature j over time and μ, σ the mean and
/// standard deviation of those window means over group g's reference windows. A dozen lines in a
/// notebook; the model has to beat it to be worth running.
public struct WindowMeanZScore: Sendable, Equatable {
  public let features: Int
  /// groups × features, row-major.
  public let mean: [Double]
  public let deviation: [Double]

  /// Fits on window means `means` (N × features, row-major) with group indices `groups`. A group
  /// with fewer than 2 windows, or a feature that never varies in a group, uses the pooled statistics.
  public init(means: [Float], groups: [Int], groupCount: Int, features f: Int) {
    precondition(means.count == groups.count * f, "one group per window")
    features = f
    var count = [Double](repeating: 0, count: groupCount)
    var sum = [Double](repeating: 0, count: groupCount * f)
    var square = [Double](repeating: 0, count: groupCount * f)
    var pooledSum = [Double](repeating: 0, count: f)
    var pooledSquare = [Double](repeating: 0, count: f)
    for (w, g) in groups.enumerated() {
      count[g] += 1
      for j in 0..<f {
        let v = Double(means[w * f + j])
        sum[g * f + j] += v
        square[g * f + j] += v * v
        pooledSum[j] += v
        pooledSquare[j] += v * v
      }
    }
    let n = Double(groups.count)
    func standardDeviation(_ s: Double, _ q: Double, _ n: Double) -> Double {
      n > 1 ? (max(q - s * s / n, 0) / (n - 1)).squareRoot() : 0
    }
    var mu = [Double](repeating: 0, count: groupCount * f)
    var sd = [Double](repeating: 1, count: groupCount * f)
    for g in 0..<groupCount {
      for j in 0..<f {
        let pooledSD = standardDeviation(pooledSum[j], pooledSquare[j], n)
        let k = g * f + j
        if count[g] >= 2 {
          mu[k] = sum[k] / count[g]
          let s = standardDeviation(sum[k], square[k], count[g])
          sd[k] = s > 1e-9 ? s : (pooledSD > 1e-9 ? pooledSD : 1)
        } else {
          mu[k] = n > 0 ? pooledSum[j] / n : 0
          sd[k] = pooledSD > 1e-9 ? pooledSD : 1
        }
      }
    }
    mean = mu
    deviation = sd
  }

  /// √(Σ_j z_j² / F) of one window mean vector from group `group`.
  public func score(_ m: UnsafeBufferPointer<Float>, group: Int) -> Double {
    var total = 0.0
    for j in 0..<features {
      let z = (Double(m[j]) - mean[group * features + j]) / deviation[group * features + j]
      total += z * z
    }
    return (total / Double(features)).squareRoot()
  }
}
