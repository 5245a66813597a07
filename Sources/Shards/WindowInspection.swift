import Foundation
import Support
import Transforms

/// One window read back for people: its key, its values in a chosen space and the feature names.
public struct WindowInspection: Sendable {
  public var split: SplitName
  /// Position in the split (export order).
  public var index: Int
  public var group: String
  public var start: String
  /// First day of each step's period, YYYY-MM-DD (the day itself for daily frames).
  public var dates: [String]
  public var space: WindowSpace
  public var featureNames: [String]
  /// `length × featureCount`, row-major.
  public var values: [Float]
  public var length: Int { values.count / max(1, featureNames.count) }

  /// Each feature's variance over the window's steps (what `--top` ranks by).
  public var featureVariances: [Double] {
    let f = featureNames.count
    let t = length
    return (0..<f).map { j in
      let column = (0..<t).map { Double(values[$0 * f + j]) }.filter(\.isFinite)
      guard !column.isEmpty else { return 0 }
      let mean = column.reduce(0, +) / Double(column.count)
      return column.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(column.count)
    }
  }

  /// The same window with only the features `indices` names, in that order.
  public func keeping(_ indices: [Int]) -> WindowInspection {
    var kept = self
    let f = featureNames.count
    kept.featureNames = indices.map { featureNames[$0] }
    kept.values = (0..<length).flatMap { t in indices.map { values[t * f + $0] } }
    return kept
  }
}
