import EventData
import Frames
import Support

/// Frames held in memory, for transform tests: `values[g]` is group g's `dayCount × F` series.
struct MemoryFrames: FrameSeries {
  var featureNames: [String]
  var groups: [String]
  var calendarStart: Day
  var dayCount: Int
  var values: [[Float]]

  /// Random frames around per-feature offsets and scales, so normalization has work to do.
  init(groups: Int, days: Int, features: Int, seed: UInt64, start: Day = Day(year: 2010, month: 1, day: 1)!) {
    var random = SplitMix64(state: seed)
    featureNames = (0..<features).map { "f\($0)" }
    self.groups = (0..<groups).map { "g\($0)" }
    calendarStart = start
    dayCount = days
    let offsets = (0..<features).map { _ in random.uniform() * 20 - 10 }
    let scales = (0..<features).map { _ in random.uniform() * 5 + 0.1 }
    values = (0..<groups).map { _ in
      (0..<days * features).map { i in offsets[i % features] + scales[i % features] * (random.uniform() * 2 - 1) }
    }
  }

  func fillSeries(group: Int, into buffer: UnsafeMutableBufferPointer<Float>) {
    _ = buffer.initialize(from: values[group])
  }

  /// Rows `days` of group `g`, row-major.
  func rows(_ g: Int, _ days: Range<Int>) -> [Float] {
    Array(values[g][days.lowerBound * featureNames.count..<days.upperBound * featureNames.count])
  }
}

extension SplitMix64 {
  /// Uniform in [0, 1) with 24 random bits: deterministic frame values for transform tests.
  mutating func uniform() -> Float { Float(next() >> 40) / Float(1 << 24) }
}

/// |a − b| ≤ tolerance · max(1, |b|) for every element.
func close(_ a: [Float], _ b: [Float], tolerance: Float) -> Bool {
  a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= tolerance * max(1, abs($1)) }
}
