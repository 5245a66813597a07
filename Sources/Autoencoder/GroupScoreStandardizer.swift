/// Puts anomaly scores of different groups on one scale: each group's scores become
/// (s − median_g) / (1.4826 · MAD_g) over that group's reference windows. Noise levels differ tenfold
/// between busy and quiet countries; pooled raw scores let a quiet country's sampling noise outrank a
/// busy country's real shift. Median and MAD ignore the few anomalous reference windows.
public struct GroupScoreStandardizer: Sendable, Equatable {
  /// Groups with fewer reference windows than this use the pooled median and scale.
  public static let minimumWindows = 8

  public let center: [Double]
  public let spread: [Double]

  /// Fits on `scores` of reference windows whose group indices are `groups` (0..<groupCount).
  public init(scores: [Double], groups: [Int], groupCount: Int) {
    precondition(scores.count == groups.count, "one group per score")
    let pooledCenter = Self.median(scores)
    let pooledSpread = Self.robustSpread(scores, around: pooledCenter)
    var byGroup = [[Double]](repeating: [], count: groupCount)
    for (s, g) in zip(scores, groups) { byGroup[g].append(s) }
    var center: [Double] = []
    var spread: [Double] = []
    for values in byGroup {
      if values.count >= Self.minimumWindows {
        let c = Self.median(values)
        let s = Self.robustSpread(values, around: c)
        center.append(c)
        spread.append(s > 0 ? s : pooledSpread)
      } else {
        center.append(pooledCenter)
        spread.append(pooledSpread)
      }
    }
    self.center = center
    self.spread = spread
  }

  /// The standardized score of `score` from group `group`.
  public func standardize(_ score: Double, group: Int) -> Double {
    (score - center[group]) / spread[group]
  }

  static func median(_ values: [Double]) -> Double {
    guard !values.isEmpty else { return 0 }
    let sorted = values.sorted()
    let mid = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
  }

  /// 1.4826 · median |v − c| (the normal's standard deviation for normal data); 1 when all are equal.
  static func robustSpread(_ values: [Double], around c: Double) -> Double {
    let mad = 1.4826 * median(values.map { abs($0 - c) })
    return mad > 1e-12 ? mad : 1
  }
}
