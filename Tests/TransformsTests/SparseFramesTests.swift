import EventData
import Frames
import Support
import Testing
import Transforms

/// Groups whose days are mostly empty (the empty frame, with a non-zero `fill` slot when asked),
/// some groups starting on a day with data and some not, so both shift rows are exercised.
struct SparseMemoryFrames: SparseFrameSeries {
  var featureNames: [String]
  var groups: [String]
  var calendarStart = Day(year: 2010, month: 1, day: 1)!
  var dayCount: Int
  var emptyDayFrame: [Float]
  var sparse: [SparseGroupFrames]

  init(groups: Int, days: Int, features: Int, fill: Float, seed: UInt64) {
    var random = SplitMix64(state: seed)
    featureNames = (0..<features).map { "f\($0)" }
    self.groups = (0..<groups).map { "g\($0)" }
    dayCount = days
    emptyDayFrame = [Float](repeating: 0, count: features)
    emptyDayFrame[features - 1] = fill
    sparse = (0..<groups).map { g in
      var frames = SparseGroupFrames()
      for day in 0..<days where (day == 0 && g % 2 == 0) || random.uniform() < 0.15 {
        frames.days.append(Int32(day))
        frames.values += (0..<features).map { _ in random.uniform() < 0.5 ? 0 : random.uniform() * 3 }
      }
      return frames
    }
  }

  func fillSeries(group: Int, into buffer: UnsafeMutableBufferPointer<Float>) {
    let f = featureNames.count
    for day in 0..<dayCount { for j in 0..<f { buffer[day * f + j] = emptyDayFrame[j] } }
    for (i, day) in sparse[group].days.enumerated() {
      for j in 0..<f { buffer[Int(day) * f + j] = sparse[group].values[i * f + j] }
    }
  }

  func loadSparse(group: Int, into frames: inout SparseGroupFrames, before dayLimit: Int) throws {
    let f = featureNames.count
    let all = sparse[group]
    let kept = all.days.prefix { Int($0) < dayLimit }.count
    frames.days = Array(all.days.prefix(kept))
    frames.values = Array(all.values.prefix(kept * f))
  }
}

@Suite struct SparseFramesTests {
  @Test(arguments: [Float(0), Float(0.25)])
  func sparseStatisticsHaveTheBitsOfTheDenseFit(fill: Float) throws {
    let frames = SparseMemoryFrames(groups: 6, days: 90, features: 7, fill: fill, seed: 11)
    let start = frames.calendarStart
    for split in [nil, SplitSettings(trainEnd: start + 50, validEnd: start + 70)] {
      let settings = TransformSettings(
        normalize: .zscore, difference: DifferenceSettings(order: 1), window: WindowSettings(length: 7, stride: 7),
        split: split)
      let trainDays = FittedTransforms.trainDayCount(frames, settings: settings)
      // the dense moments, group by group, from each group's full series
      var accumulator = StatisticsAccumulator(featureCount: 7)
      var buffer = [Float](repeating: 0, count: frames.dayCount * 7)
      for g in frames.groups.indices {
        accumulator.merge(
          buffer.withUnsafeMutableBufferPointer {
            FittedTransforms.accumulateGroup(frames, group: g, trainDays: trainDays, buffer: $0)
          })
      }
      let dense = try FittedTransforms.finishFit(accumulator, settings: settings, calendarStart: start)
      #expect(dense.frameCount == trainDays * 6)
      // what production runs: the parallel fit from the sparse days, merged in group order
      for threads in [1, 2, 5] {
        var reported: [Int] = []
        let fitted = try FittedTransforms.fit(frames, settings: settings, threads: threads) { reported.append($0) }
        #expect(fitted == dense, "threads \(threads)")
        #expect(reported == Array(1...6))
      }
    }
  }

  @Test(arguments: [0, 1])
  func sparseWindowsHaveTheBitsOfTheDenseWindows(order: Int) throws {
    let frames = SparseMemoryFrames(groups: 4, days: 120, features: 5, fill: 0.5, seed: 3)
    let start = frames.calendarStart
    let settings = TransformSettings(
      normalize: .zscore, difference: DifferenceSettings(order: order, scope: .window),
      window: WindowSettings(length: 6, stride: 4), split: SplitSettings(trainEnd: start + 60, validEnd: start + 90))
    let statistics = try FittedTransforms.fit(frames, settings: settings)
    let transforms = try FittedTransforms(
      settings: settings, statistics: statistics, calendarStart: start, dayCount: frames.dayCount)
    #expect(transforms.cutsSparseWindows)
    let empty = transforms.emptyWindow(emptyFrame: frames.emptyDayFrame)
    var scratch = [Float](repeating: 0, count: transforms.windowValueCount)
    var emptyWindows = 0
    for g in frames.groups.indices {
      var dense: [(Int, SplitName, [Float])] = []
      var series = [Float](repeating: 0, count: frames.dayCount * 5)
      let denseCounts = scratch.withUnsafeMutableBufferPointer { w in
        series.withUnsafeMutableBufferPointer { s in
          frames.fillSeries(group: g, into: s)
          transforms.prepareSeries(s)
          return transforms.forEachWindow(group: g, preparedSeries: UnsafeBufferPointer(s), scratch: w) {
            dense.append(($0.startDay, $0.split, Array($0.values)))
          }
        }
      }
      // the write pass's path: windows masked straight from the (unnormalized) entries
      var entries = CompressedGroupFrames()
      try frames.loadEntries(group: g, into: &entries, before: .max)
      let layout = MaskedLayout(rows: 6, features: 5, elementSize: 4)
      var cut: [(Int, SplitName, [UInt8], [Float], Bool)] = []
      var masks = [UInt8](repeating: 0xFF, count: layout.maskBytesPerWindow)
      var values = [Float](repeating: .nan, count: transforms.windowValueCount)
      let entryCounts = masks.withUnsafeMutableBufferPointer { m in
        values.withUnsafeMutableBufferPointer { v in
          transforms.forEachMaskedWindow(entries: entries, empty: empty, masks: m, values: v) {
            cut.append(($0.startDay, $0.split, Array($0.masks), Array($0.values), $0.allDaysEmpty))
          }
        }
      }
      #expect(entryCounts == denseCounts)
      try #require(cut.count == dense.count)
      for (a, b) in zip(cut, dense) {
        #expect(a.0 == b.0 && a.1 == b.1)
        // exactly what encoding the dense window against the all-empty window gives
        var denseMasks = [UInt8](repeating: 0, count: layout.maskBytesPerWindow)
        var denseValues = [UInt32](repeating: 0, count: transforms.windowValueCount)
        let k = b.2.map(\.bitPattern).withUnsafeBufferPointer { w in
          empty.window.map(\.bitPattern).withUnsafeBufferPointer { r in
            layout.encode(w.baseAddress!, reference: r.baseAddress!, masks: &denseMasks, values: &denseValues)
          }
        }
        #expect(a.2 == denseMasks)
        #expect(a.3.map(\.bitPattern) == Array(denseValues[0..<k]))
        let hasData = frames.sparse[g].days.contains { Int($0) >= a.0 && Int($0) < a.0 + 6 }
        #expect(a.4 == !hasData)
        if a.4 { emptyWindows += 1 }
      }
    }
    #expect(emptyWindows > 0)
  }

  /// The production driver: groups in order whatever the thread count, each window the dense one.
  @Test(arguments: [1, 3])
  func groupWindowsArriveInGroupOrderWithTheDenseBits(threads: Int) throws {
    let frames = SparseMemoryFrames(groups: 5, days: 100, features: 4, fill: 0.5, seed: 7)
    let start = frames.calendarStart
    let settings = TransformSettings(
      normalize: .zscore, difference: DifferenceSettings(order: 1, scope: .window),
      window: WindowSettings(length: 5, stride: 3), split: SplitSettings(trainEnd: start + 50, validEnd: start + 75))
    let statistics = try FittedTransforms.fit(frames, settings: settings)
    let transforms = try FittedTransforms(
      settings: settings, statistics: statistics, calendarStart: start, dayCount: frames.dayCount)
    var seen: [Int] = []
    var scratch = [Float](repeating: 0, count: transforms.windowValueCount)
    let empty = transforms.emptyWindow(emptyFrame: frames.emptyDayFrame)
    try transforms.forEachGroupWindows(frames, threads: threads) { windows in
      seen.append(windows.group)
      var dense: [(Int, SplitName, [Float])] = []
      var series = [Float](repeating: 0, count: frames.dayCount * 4)
      scratch.withUnsafeMutableBufferPointer { w in
        series.withUnsafeMutableBufferPointer { s in
          frames.fillSeries(group: windows.group, into: s)
          transforms.prepareSeries(s)
          transforms.forEachWindow(group: windows.group, preparedSeries: UnsafeBufferPointer(s), scratch: w) {
            dense.append(($0.startDay, $0.split, Array($0.values)))
          }
        }
      }
      #expect(windows.startDays == dense.map(\.0))
      #expect(windows.splits == dense.map(\.1))
      #expect(windows.reference.map(\.bitPattern) == empty.window.map(\.bitPattern))
      for (w, window) in dense.enumerated() {
        #expect(windows.window(w).map(\.bitPattern) == window.2.map(\.bitPattern))
        // an all-empty window is the reference itself: no mask bit, no stored value
        if windows.allDaysEmpty[w] { #expect(windows.valueStarts[w] == windows.valueStarts[w + 1]) }
      }
    }
    #expect(seen == Array(0..<5))
  }
}

/// Every bit of fitted statistics (`==` would take −0 for +0).
private func bits(_ s: NormalizationStatistics) -> [UInt64] {
  [UInt64(s.frameCount)] + (s.mean + s.std + s.min + s.max).map(\.bitPattern)
}

@Suite struct EntryStatisticsTests {
  /// Moments of one group: from its dense series, and from its entries.
  private func moments(
    _ frames: SparseMemoryFrames, group: Int, rows: Int
  ) throws -> (dense: NormalizationStatistics?, entries: NormalizationStatistics?) {
    let f = frames.featureNames.count
    var dense = StatisticsAccumulator(featureCount: f)
    var buffer = [Float](repeating: .nan, count: frames.dayCount * f)
    buffer.withUnsafeMutableBufferPointer {
      frames.fillSeries(group: group, into: $0)
      dense.add(UnsafeBufferPointer($0), rows: rows)
    }
    var compressed = CompressedGroupFrames()
    try frames.loadEntries(group: group, into: &compressed, before: rows)
    var fromEntries = StatisticsAccumulator(featureCount: f)
    fromEntries.add(entries: compressed, emptyFrame: frames.emptyDayFrame, rows: rows)
    return (dense.statistics(method: .zscore), fromEntries.statistics(method: .zscore))
  }

  @Test(arguments: [Float(0), Float(0.25), Float(-0.0)])
  func entryMomentsHaveTheBitsOfTheDenseMoments(fill: Float) throws {
    var frames = SparseMemoryFrames(groups: 6, days: 60, features: 5, fill: fill, seed: 5)
    frames.sparse[1] = SparseGroupFrames()  // no day with data
    frames.sparse[2].days.removeAll { $0 < 3 }  // first days empty
    frames.sparse[2].values.removeFirst(frames.sparse[2].values.count - frames.sparse[2].days.count * 5)
    #expect(frames.sparse[0].days.first == 0 && frames.sparse[2].days.first != 0)
    for g in frames.groups.indices {
      for rows in [1, 2, 37, 60] {
        let (dense, entries) = try moments(frames, group: g, rows: rows)
        #expect(try bits(#require(entries)) == bits(#require(dense)), "group \(g), rows \(rows)")
      }
    }
  }

  /// A listed zero of the other sign than the empty value's makes min and max depend on which came
  /// first: the entries path must still give the dense bits.
  @Test(arguments: [Float(0), Float(-0.0)])
  func zerosOfTheOtherSignKeepTheDenseMinimum(fill: Float) throws {
    var frames = SparseMemoryFrames(groups: 2, days: 20, features: 3, fill: fill, seed: 9)
    let other = fill.sign == .minus ? Float(0) : -Float(0)
    for g in 0..<2 {
      // the last feature's listed zero: group 0 before any empty day, group 1 after two
      frames.sparse[g] = SparseGroupFrames()
      frames.sparse[g].days = g == 0 ? [0, 5] : [2, 5]
      frames.sparse[g].values = [1, 2, other, 3, 4, 5]
    }
    for g in 0..<2 {
      let (dense, entries) = try moments(frames, group: g, rows: 20)
      let d = try #require(dense)
      #expect(try bits(#require(entries)) == bits(d), "group \(g)")
      #expect(d.min[2].sign == (g == 0 ? other.sign : fill.sign))
    }
  }
}

/// Aggregated frames seen only through `FrameSeries`, so the fit takes the dense path.
private struct DenseView: FrameSeries {
  let frames: AggregatedFrames
  var featureNames: [String] { frames.featureNames }
  var groups: [String] { frames.groups }
  var calendarStart: Day { frames.calendarStart }
  var dayCount: Int { frames.dayCount }
  func fillSeries(group: Int, into buffer: UnsafeMutableBufferPointer<Float>) {
    frames.fillSeries(group: group, into: buffer)
  }
}

@Test(arguments: [true, false])
func aggregatedFitHasTheBitsOfTheDenseFit(inDayOrder: Bool) throws {
  let start = Day(iso: "2020-01-01")!
  var events: [EventRecord] = []
  var random = SplitMix64(state: 17)
  for day in 0..<120 where day == 0 || random.uniform() < 0.3 {
    for k in 0..<(1 + Int(random.uniform() * 4)) {
      events.append(
        EventRecord(
          eventID: "e\(day).\(k)", date: start + day, sourceSectors: k % 2 == 0 ? ["Gov", "Police"] : ["Rebels"],
          sourceCountry: "", cameoCode: ["010", "190", "073", "0511", "145"][(day + k) % 5],
          intensity: Double(random.uniform()) * 20 - 10, targetSectors: k % 3 == 0 ? ["Media"] : ["Gov"],
          targetCountry: "", country: ["Alpha", "Bravo", "Charlie"][(day * 7 + k) % 3]))
    }
  }
  if !inDayOrder { events.reverse() }
  let builder = try FrameBuilder(
    groupBy: .country,
    features: [
      .oneHot(.quadClass), .oneHot(.cameoRoot), .multiHot(.sourceSectors, topK: 2, other: true),
      .multiHot(.targetSectors, topK: 1, other: false),
      .numeric(.intensity, agg: .mean, scale: -10...10, transform: .none, fill: 0.5),
    ], fitEnd: nil)
  for event in events { try builder.add(event) }
  let frames = try builder.finish()
  for split in [nil, SplitSettings(trainEnd: start + 70, validEnd: start + 95)] {
    let settings = TransformSettings(
      normalize: .zscore, difference: DifferenceSettings(order: 1), window: WindowSettings(length: 7, stride: 7),
      split: split)
    let sparse = try FittedTransforms.fit(frames, settings: settings, threads: 2)
    let dense = try FittedTransforms.fit(DenseView(frames: frames), settings: settings, threads: 2)
    #expect(bits(sparse) == bits(dense))
  }
}
