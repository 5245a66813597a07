import EventData
import Foundation

/// ICEWS events aggregated per (group, day), materialized densely one group at a time.
///
/// Frame of a group-day with n events: `one_hot` = fraction of the n events per class;
/// `multi_hot` slot v = fraction whose sector set contains v, `(other)` = fraction with a sector
/// outside the vocabulary; `numeric` = the aggregate, transformed then scaled. A day without
/// events is zeros, numeric features their `fill`.
public struct AggregatedFrames: FrameSeries {
  public let schema: FrameSchema
  public let groups: [String]
  public let calendarStart: Day
  public let dayCount: Int
  /// Events aggregated (after the reader dropped rejects and duplicates).
  public let eventCount: Int

  let spill: SpillReader
  let sourceSlots: SectorSlotTable?
  let targetSlots: SectorSlotTable?

  init(
    schema: FrameSchema, groups: [String], calendarStart: Day, dayCount: Int, eventCount: Int,
    spill: SpillReader, sourceSlots: SectorSlotTable?, targetSlots: SectorSlotTable?
  ) {
    self.schema = schema
    self.groups = groups
    self.calendarStart = calendarStart
    self.dayCount = dayCount
    self.eventCount = eventCount
    self.spill = spill
    self.sourceSlots = sourceSlots
    self.targetSlots = targetSlots
  }

  public var featureNames: [String] { schema.featureNames }
  /// The vocabularies these frames were encoded with, to freeze into a manifest.
  public var vocabularies: FrameVocabularies { schema.vocabularies }

  /// Number of events of group `group` (index into `groups`).
  public func eventCount(group: Int) -> Int { spill.eventCount(group: group) }

  /// The protocol's entry point. The spill file is ours and unlinked, so a read failure means a
  /// failing disk; it stops the process with the reason. Use `materialize` to get it as an error.
  public func fillSeries(group: Int, into buffer: UnsafeMutableBufferPointer<Float>) {
    do {
      try materialize(group: group, into: buffer)
    } catch {
      fatalError("\(error)")
    }
  }

  /// Writes group `group`'s `dayCount × featureNames.count` frames, row-major, into `buffer`.
  public func materialize(group: Int, into buffer: UnsafeMutableBufferPointer<Float>) throws {
    let width = schema.width
    precondition(buffer.count == dayCount * width, "buffer must hold dayCount × featureNames.count floats")
    var cell = DayCounts(dayCount: dayCount, source: sourceSlots, target: targetSlots, features: schema.features)
    let start = calendarStart.index
    try spill.forEachChunk(group: group) { events in
      for event in events { cell.add(event, day: Int(event.dayIndex - start)) }
    }
    for day in 0..<dayCount {
      let row = UnsafeMutableBufferPointer(rebasing: buffer[day * width..<(day + 1) * width])
      cell.writeFrame(day: day, schema: schema, into: row)
    }
  }
}

/// Per-day counts of one group, the scratch of `AggregatedFrames.materialize`.
private struct DayCounts {
  let dayCount: Int
  var events: [UInt32]
  /// dayCount × 20, CAMEO roots 01…20.
  var roots: [UInt32]
  var intensitySum: [Double]
  var intensityMin: [Float]
  var intensityMax: [Float]
  let source: SectorSlotTable?
  let target: SectorSlotTable?
  /// dayCount × (vocabulary slots + 1): slot counts then the outside count.
  var sourceCounts: [UInt32]
  var targetCounts: [UInt32]
  let sourceWidth: Int
  let targetWidth: Int

  init(dayCount: Int, source: SectorSlotTable?, target: SectorSlotTable?, features: [FeatureSpec]) {
    self.dayCount = dayCount
    events = [UInt32](repeating: 0, count: dayCount)
    roots = [UInt32](repeating: 0, count: dayCount * 20)
    intensitySum = [Double](repeating: 0, count: dayCount)
    intensityMin = [Float](repeating: .infinity, count: dayCount)
    intensityMax = [Float](repeating: -.infinity, count: dayCount)
    self.source = source
    self.target = target
    var sourceTopK = 0
    var targetTopK = 0
    for case .multiHot(let field, let topK, _) in features {
      if field == .sourceSectors { sourceTopK = topK } else { targetTopK = topK }
    }
    sourceWidth = source == nil ? 0 : sourceTopK + 1
    targetWidth = target == nil ? 0 : targetTopK + 1
    sourceCounts = [UInt32](repeating: 0, count: dayCount * sourceWidth)
    targetCounts = [UInt32](repeating: 0, count: dayCount * targetWidth)
  }

  mutating func add(_ event: SpilledEvent, day: Int) {
    events[day] += 1
    roots[day * 20 + event.root - 1] += 1
    intensitySum[day] += Double(event.intensity)
    intensityMin[day] = Swift.min(intensityMin[day], event.intensity)
    intensityMax[day] = Swift.max(intensityMax[day], event.intensity)
    if let source, event.sourceSet != 0 {
      DayCounts.count(set: Int(event.sourceSet), table: source, into: &sourceCounts, row: day * sourceWidth, outside: sourceWidth - 1)
    }
    if let target, event.targetSet != 0 {
      DayCounts.count(set: Int(event.targetSet), table: target, into: &targetCounts, row: day * targetWidth, outside: targetWidth - 1)
    }
  }

  private static func count(set: Int, table: SectorSlotTable, into counts: inout [UInt32], row: Int, outside: Int) {
    for k in Int(table.start[set])..<Int(table.start[set + 1]) {
      counts[row + Int(table.slots[k])] += 1
    }
    if table.hasOutside[set] { counts[row + outside] += 1 }
  }

  func writeFrame(day: Int, schema: FrameSchema, into row: UnsafeMutableBufferPointer<Float>) {
    let n = events[day]
    for (feature, offset) in zip(schema.features, schema.offsets) {
      switch feature {
      case .oneHot(.quadClass):
        var quads = (UInt32(0), UInt32(0), UInt32(0), UInt32(0))
        for r in 0..<20 {
          let c = roots[day * 20 + r]
          switch r + 1 {
          case 1...5: quads.0 += c
          case 6...8: quads.1 += c
          case 9...13: quads.2 += c
          default: quads.3 += c
          }
        }
        row[offset] = DayCounts.fraction(quads.0, of: n)
        row[offset + 1] = DayCounts.fraction(quads.1, of: n)
        row[offset + 2] = DayCounts.fraction(quads.2, of: n)
        row[offset + 3] = DayCounts.fraction(quads.3, of: n)
      case .oneHot(.cameoRoot):
        for r in 0..<20 { row[offset + r] = DayCounts.fraction(roots[day * 20 + r], of: n) }
      case .multiHot(let field, let topK, let other):
        let counts = field == .sourceSectors ? sourceCounts : targetCounts
        let width = field == .sourceSectors ? sourceWidth : targetWidth
        for slot in 0..<topK { row[offset + slot] = DayCounts.fraction(counts[day * width + slot], of: n) }
        if other { row[offset + topK] = DayCounts.fraction(counts[day * width + topK], of: n) }
      case .numeric(let field, let agg, let scale, let transform, let fill):
        guard n > 0 else {
          row[offset] = Float(fill)
          continue
        }
        var value: Double
        switch (field, agg) {
        case (.eventCount, _): value = Double(n)
        case (.intensity, .mean): value = intensitySum[day] / Double(n)
        case (.intensity, .sum): value = intensitySum[day]
        case (.intensity, .min): value = Double(intensityMin[day])
        case (.intensity, .max): value = Double(intensityMax[day])
        }
        if transform == .log1p { value = Foundation.log1p(value) }
        if let scale { value = (value - scale.lowerBound) / (scale.upperBound - scale.lowerBound) }
        row[offset] = Float(value)
      }
    }
  }

  private static func fraction(_ count: UInt32, of n: UInt32) -> Float {
    n == 0 ? 0 : Float(Double(count) / Double(n))
  }
}
