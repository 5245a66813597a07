import EventData
import Support
import Testing
import Transforms

@Suite struct DifferencingAndWindowTests {
  @Test func differenceThenInvertIsIdentity() {
    for seed in 1...10 as ClosedRange<UInt64> {
      let frames = MemoryFrames(groups: 1, days: 60, features: 5, seed: seed)
      var series = frames.values[0]
      series.withUnsafeMutableBufferPointer { Differencing.apply($0, rows: 60, featureCount: 5) }
      #expect(Array(series[0..<5]) == Array(frames.values[0][0..<5]))
      #expect(series[5] == frames.values[0][5] - frames.values[0][0])
      series.withUnsafeMutableBufferPointer { Differencing.invert($0, rows: 60, featureCount: 5) }
      // a running sum of 60 float32 differences of values ≤ 15: error ≲ 60 · ulp(15)
      #expect(close(series, frames.values[0], tolerance: 1e-4))
    }
  }

  @Test func windowLayoutCountsFullAndTrailingPartialWindows() {
    let a = WindowLayout(WindowSettings(length: 14, stride: 14), dayCount: 20)
    #expect(a.windowCount == 1)
    #expect(a.partialCount == 1)
    let b = WindowLayout(WindowSettings(length: 14, stride: 7), dayCount: 20)
    #expect(b.windowCount == 1)
    #expect(b.partialCount == 2)
    let c = WindowLayout(WindowSettings(length: 14, stride: 14), dayCount: 28)
    #expect(c.windowCount == 2)
    #expect(c.partialCount == 0)
    #expect(WindowLayout(WindowSettings(length: 5, stride: 1), dayCount: 3).windowCount == 0)
  }

  @Test func noWindowCrossesASplitBoundaryOrAGroup() throws {
    let start = Day(year: 2010, month: 1, day: 1)!
    let frames = MemoryFrames(groups: 3, days: 100, features: 2, seed: 5, start: start)
    let split = SplitSettings(trainEnd: start + 40, validEnd: start + 69)
    let settings = TransformSettings(
      normalize: .none, difference: DifferenceSettings(order: 0), window: WindowSettings(length: 7, stride: 3),
      split: split)
    let stats = try FittedTransforms.fit(frames, settings: settings)
    let transforms = try FittedTransforms(settings: settings, statistics: stats, calendarStart: start, dayCount: 100)
    let assigner = SplitAssigner(split: split, calendarStart: start)
    var total = WindowCounts()
    var scratch = [Float](repeating: 0, count: 14)
    for g in 0..<3 {
      var series = frames.values[g]
      try series.withUnsafeMutableBufferPointer { s in
        transforms.prepareSeries(s)
        try scratch.withUnsafeMutableBufferPointer { w in
          total += try transforms.forEachWindow(group: g, preparedSeries: UnsafeBufferPointer(s), scratch: w) {
            (window: TransformedWindow) throws(TransformError) in
            let first = assigner.split(ofDay: window.startDay)
            let last = assigner.split(ofDay: window.startDay + 6)
            #expect(first == last)
            #expect(window.split == last)
            #expect(window.group == g)
            #expect(window.startDay % 3 == 0 && window.startDay + 7 <= 100)
            #expect(Array(window.values) == frames.rows(g, window.startDay..<window.startDay + 7))
          }
        }
      }
    }
    // Starts 0,3,…,93 are full (32 per group); 96 and 99 are partial. Straddling: the windows
    // holding both day 40 and 41 (starts 36, 39) and both day 69 and 70 (starts 66, 69).
    #expect(total.droppedPartial == 3 * 2)
    #expect(total.droppedStraddling == 3 * 4)
    #expect(total.train + total.valid + total.test == 3 * (32 - 4))
    #expect(total.train == 3 * 12)
  }

  @Test func withoutASplitEveryWindowIsTrain() throws {
    let frames = MemoryFrames(groups: 2, days: 30, features: 3, seed: 2)
    let settings = TransformSettings(normalize: .zscore, window: WindowSettings(length: 10, stride: 10))
    let stats = try FittedTransforms.fit(frames, settings: settings)
    #expect(stats.frameCount == 60)
    let transforms = try FittedTransforms(
      settings: settings, statistics: stats, calendarStart: frames.calendarStart, dayCount: 30)
    var scratch = [Float](repeating: 0, count: 30)
    var series = frames.values[0]
    let counts = series.withUnsafeMutableBufferPointer { s in
      transforms.prepareSeries(s)
      return scratch.withUnsafeMutableBufferPointer { w in
        transforms.forEachWindow(group: 0, preparedSeries: UnsafeBufferPointer(s), scratch: w) { _ in }
      }
    }
    #expect(counts.train == 3 && counts.valid == 0 && counts.test == 0)
  }

  @Test(arguments: [DifferenceScope.window, .series])
  func everyWindowInvertsBackToItsFrames(scope: DifferenceScope) throws {
    let frames = MemoryFrames(groups: 2, days: 45, features: 4, seed: 9)
    let settings = TransformSettings(
      normalize: .zscore, difference: DifferenceSettings(order: 1, scope: scope),
      window: WindowSettings(length: 9, stride: 9))
    let stats = try FittedTransforms.fit(frames, settings: settings)
    let transforms = try FittedTransforms(
      settings: settings, statistics: stats, calendarStart: frames.calendarStart, dayCount: 45)
    var scratch = [Float](repeating: 0, count: 36)
    for g in 0..<2 {
      var series = frames.values[g]
      try series.withUnsafeMutableBufferPointer { s in
        transforms.prepareSeries(s)
        _ = try scratch.withUnsafeMutableBufferPointer { w in
          try transforms.forEachWindow(group: g, preparedSeries: UnsafeBufferPointer(s), scratch: w) {
            (window: TransformedWindow) throws in
            var values = Array(window.values)
            if scope == .window {
              try values.withUnsafeMutableBufferPointer { try transforms.invert($0, from: .model, to: .raw) }
              #expect(close(values, frames.rows(g, window.startDay..<window.startDay + 9), tolerance: 1e-4))
            } else {
              #expect(throws: TransformError.self) {
                try values.withUnsafeMutableBufferPointer { try transforms.invert($0, from: .model, to: .raw) }
              }
            }
          }
        }
        transforms.invertSeries(s)
      }
      #expect(close(series, frames.values[g], tolerance: 1e-4))
    }
  }

  @Test func invalidSettingsAreRejectedWithTheKey() {
    let bad = TransformSettings(window: WindowSettings(length: 0, stride: 1))
    let error = #expect(throws: TransformError.self) { try bad.validate() }
    #expect(error?.message.contains("window.length") == true)
  }
}
