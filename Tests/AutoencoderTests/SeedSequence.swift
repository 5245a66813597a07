import FixtureSupport
import Foundation

/// `Fixtures/seed-sequence.csv`: the 14×5 sequence of the seed question, one window.
enum SeedSequence {
  static let length = 14
  static let features = 5

  /// Rows in file order, flattened [T·F].
  static func values() throws -> [Float] {
    let text = try String(contentsOf: Fixtures.url("seed-sequence.csv"), encoding: .utf8)
    let rows = text.split(whereSeparator: \.isNewline).dropFirst()
    return rows.flatMap { $0.split(separator: ",").compactMap { Float(String($0)) } }
  }

  /// Window differencing: the first row kept, every later row x[t] − x[t−1].
  static func differenced(_ x: [Float]) -> [Float] {
    var d = x
    for t in stride(from: length - 1, to: 0, by: -1) {
      for f in 0..<features { d[t * features + f] = x[t * features + f] - x[(t - 1) * features + f] }
    }
    return d
  }
}
