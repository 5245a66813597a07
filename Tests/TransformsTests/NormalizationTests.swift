import EventData
import Support
import Testing
import Transforms

@Suite struct NormalizationTests {
  @Test(arguments: [NormalizeMethod.zscore, .minmax, .none])
  func normalizeThenInvertIsIdentity(method: NormalizeMethod) throws {
    for seed in 1...5 as ClosedRange<UInt64> {
      let frames = MemoryFrames(groups: 3, days: 40, features: 6, seed: seed)
      let stats = try FittedTransforms.fit(frames, settings: TransformSettings(normalize: method))
      let normalizer = Normalizer(stats)
      var series = frames.values[1]
      series.withUnsafeMutableBufferPointer { normalizer.apply($0, rows: 40) }
      if method != .none { #expect(series != frames.values[1]) }
      series.withUnsafeMutableBufferPointer { normalizer.invert($0, rows: 40) }
      // float32 round trip through (x − c) / s and back: a few ulps of the larger of |x| and |c|
      #expect(close(series, frames.values[1], tolerance: 1e-5))
    }
  }

  @Test func statisticsEqualDirectDoublePrecisionMoments() throws {
    let frames = MemoryFrames(groups: 4, days: 25, features: 3, seed: 7)
    let stats = try FittedTransforms.fit(frames, settings: TransformSettings(normalize: .zscore))
    #expect(stats.frameCount == 100)
    for j in 0..<3 {
      let column = frames.values.flatMap { g in stride(from: j, to: g.count, by: 3).map { Double(g[$0]) } }
      let mean = column.reduce(0, +) / Double(column.count)
      let variance = column.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(column.count)
      #expect(abs(stats.mean[j] - mean) < 1e-12 * max(1, abs(mean)))
      #expect(abs(stats.std[j] - variance.squareRoot()) < 1e-12 * max(1, variance))
      #expect(stats.min[j] == column.min())
      #expect(stats.max[j] == column.max())
    }
  }

  @Test func zeroSpreadScalesByOne() throws {
    var frames = MemoryFrames(groups: 2, days: 10, features: 2, seed: 3)
    for g in 0..<2 { for d in 0..<10 { frames.values[g][d * 2 + 1] = 4 } }
    let zscore = try FittedTransforms.fit(frames, settings: TransformSettings(normalize: .zscore))
    #expect(zscore.std[1] == 0)
    #expect(zscore.scale[1] == 1)
    #expect(zscore.center[1] == 4)
    let minmax = try FittedTransforms.fit(frames, settings: TransformSettings(normalize: .minmax))
    #expect(minmax.scale[1] == 1)
    var series = frames.values[0]
    series.withUnsafeMutableBufferPointer { Normalizer(zscore).apply($0, rows: 10) }
    #expect((0..<10).allSatisfy { series[$0 * 2 + 1] == 0 })
  }

  @Test func fittingUsesTrainFramesOnly() throws {
    let start = Day(year: 2010, month: 1, day: 1)!
    let split = SplitSettings(trainEnd: start + 29, validEnd: start + 59)
    let settings = TransformSettings(normalize: .zscore, split: split)
    let base = MemoryFrames(groups: 3, days: 90, features: 4, seed: 11, start: start)
    var changedLater = base
    for g in 0..<3 { for i in (30 * 4)..<(90 * 4) { changedLater.values[g][i] += 100 } }
    let a = try FittedTransforms.fit(base, settings: settings)
    let b = try FittedTransforms.fit(changedLater, settings: settings)
    #expect(a == b)
    #expect(a.frameCount == 3 * 30)
    // A changed train frame does change the statistics, so the check above can fail.
    var changedTrain = base
    changedTrain.values[2][29 * 4] += 100
    #expect(try FittedTransforms.fit(changedTrain, settings: settings) != a)
  }

  @Test func aTrainRangeBeforeTheCalendarIsAnError() {
    let frames = MemoryFrames(groups: 1, days: 10, features: 2, seed: 1)
    let split = SplitSettings(trainEnd: frames.calendarStart + (-1), validEnd: frames.calendarStart + 5)
    #expect(throws: TransformError.self) {
      try FittedTransforms.fit(frames, settings: TransformSettings(split: split))
    }
  }
}
