import Autoencoder
import Foundation
import Testing

@Suite("covariance estimators, per-group standardization, z-score baseline")
struct ScoreCalibrationTests {
  /// n windows of f independent standard-normal-ish features (deterministic).
  private func noise(n: Int, f: Int, seed: UInt64) -> [Float] {
    var state = seed
    return (0..<(n * f)).map { _ in
      // Sum of 4 uniforms, centred: roughly normal, variance 1/3.
      var s: Float = 0
      for _ in 0..<4 {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        s += Float(state >> 40) / Float(1 << 24)
      }
      return s - 2
    }
  }

  @Test func shrinkageIsStrongWhenFeaturesOutnumberWindowsAndWeakWhenWindowsAbound() throws {
    let few = try ErrorGaussian(fitting: noise(n: 20, f: 60, seed: 1), dimension: 60, estimator: .shrinkage)
    // Strongly correlated features (a shared factor) and plenty of windows: the sample estimate is kept.
    // (Independent features would rightly be shrunk all the way: the identity is then the truth.)
    let factor = noise(n: 4000, f: 1, seed: 5)
    let correlated = noise(n: 4000, f: 6, seed: 2).enumerated().map { $0.element * 0.3 + factor[$0.offset / 6] }
    let many = try ErrorGaussian(fitting: correlated, dimension: 6, estimator: .shrinkage)
    #expect(few.shrinkage > 0.5)
    #expect(many.shrinkage < 0.05)
    #expect(few.shrinkage <= 1 && many.shrinkage >= 0)
  }

  @Test func shrinkageKeepsTheDistanceFromExplodingAlongDirectionsTheFewWindowsMissed() throws {
    // 30 windows, 80 features: the sample covariance is singular. A fresh window from the same
    // distribution must not look extreme; with the plain estimate it does.
    let fit = noise(n: 30, f: 80, seed: 3)
    let fresh = Array(noise(n: 1, f: 80, seed: 99))
    let shrunk = try ErrorGaussian(fitting: fit, dimension: 80, estimator: .shrinkage)
    let plain = try ErrorGaussian(fitting: fit, dimension: 80, estimator: .full)
    let expected = Double(80).squareRoot()
    #expect(shrunk.distance(fresh) < 2 * expected)
    #expect(plain.distance(fresh) > 5 * expected)
  }

  @Test func diagonalDistanceIsTheNormOfTheStandardizedErrors() throws {
    let errors: [Float] = [0, 10, 2, 30, 1, 20, 1, 20]
    let g = try ErrorGaussian(fitting: errors, dimension: 2, estimator: .diagonal, relativeRidge: 0)
    // Feature 0: mean 1, sd √(2/3); feature 1: mean 20, sd √(200/3).
    let expected = ((3.0 * 3.0) / (2.0 / 3) + (10.0 * 10.0) / (200.0 / 3)).squareRoot()
    #expect(abs(g.distance([4, 30]) - expected) < 1e-9)
  }

  @Test func groupsAreStandardizedByTheirOwnMedianAndMADWithPooledFallback() {
    // Group 0 is noisy (scores around 10 ± 4), group 1 quiet (around 2 ± 0.5); group 2 has 2 windows.
    var scores: [Double] = []
    var groups: [Int] = []
    for k in 0..<9 {
      scores.append(10 + Double(k - 4))
      groups.append(0)
      scores.append(2 + Double(k - 4) / 8)
      groups.append(1)
    }
    scores += [100, 101]
    groups += [2, 2]
    let s = GroupScoreStandardizer(scores: scores, groups: groups, groupCount: 3)
    #expect(s.center[0] == 10 && s.center[1] == 2)
    // MAD of {0, 1, 1, 2, 2, 3, 3, 4, 4} is 2 (group 0), 0.25 (group 1).
    #expect(abs(s.spread[0] - 1.4826 * 2) < 1e-12 && abs(s.spread[1] - 1.4826 * 0.25) < 1e-12)
    // The same raw shift means much more in the quiet group.
    #expect(s.standardize(4, group: 1) > s.standardize(16, group: 0))
    #expect(s.center[2] < 20, "two windows are too few: the pooled median is used")
  }

  @Test func zscoreBaselineScoresWindowMeansAgainstTheirGroupsOwnSpread() {
    // Two groups, one feature: group 0 means 0, 2, 4 (mean 2, sd 2); group 1 means 10, 11, 12 (mean 11, sd 1).
    let baseline = WindowMeanZScore(
      means: [0, 2, 4, 10, 11, 12], groups: [0, 0, 0, 1, 1, 1], groupCount: 2, features: 1)
    #expect(baseline.mean == [2, 11] && baseline.deviation == [2, 1])
    let m: [Float] = [14]
    let score = m.withUnsafeBufferPointer { baseline.score($0, group: 1) }
    #expect(abs(score - 3) < 1e-12)
  }
}
