import EventData
import Foundation
import Support

/// Per-day counts of one group over the whole calendar, touched (and later cleared) only on the
/// days that have events, so a group costs its events, not its calendar. Reusable across groups.
final class GroupDayCounts {
  let schema: FrameSchema
  let dayCount: Int
  /// Ordinal of the calendar's first period (the spill holds ordinals).
  let calendarStart: Int32
  let spill: SpillReader
  let source: SectorSlotTable?
  let target: SectorSlotTable?
  let sourceWidth: Int
  let targetWidth: Int
  /// Days with events of the loaded group, ascending after `load`.
  private(set) var days: [Int32] = []
  // Dense over the calendar, zero-filled by calloc (untouched pages stay unmapped).
  private let events: UnsafeMutablePointer<UInt32>
  /// dayCount × 20, CAMEO roots 01…20.
  private let roots: UnsafeMutablePointer<UInt32>
  /// dayCount × 4, quad classes as each event gave it (or its root implied).
  private let quads: UnsafeMutablePointer<UInt32>
  /// GDELT NumMentions summed (spilled in the target-set slot).
  private let mentionSum: UnsafeMutablePointer<Double>
  private let countsMentions: Bool
  /// dayCount × (57 modes, `(none)`, `(other)`): POLECAT Event Modes (spilled in the target-set slot).
  private let modes: UnsafeMutablePointer<UInt32>
  private let countsModes: Bool
  private static let modeWidth = OneHotField.eventMode.classCount
  private let intensitySum: UnsafeMutablePointer<Double>
  private let intensityMin: UnsafeMutablePointer<Float>
  private let intensityMax: UnsafeMutablePointer<Float>
  /// dayCount × (vocabulary slots + 1): slot counts then the outside count.
  private let sourceCounts: UnsafeMutablePointer<UInt32>
  private let targetCounts: UnsafeMutablePointer<UInt32>

  init(frames: AggregatedFrames) {
    schema = frames.schema
    dayCount = frames.dayCount
    calendarStart = frames.period.ordinal(of: frames.calendarStart)
    spill = frames.spill
    source = frames.sourceSlots
    target = frames.targetSlots
    var sourceTopK = 0
    var targetTopK = 0
    for case .multiHot(let field, let topK, _) in schema.features {
      if field.usesSecondSlot { targetTopK = topK } else { sourceTopK = topK }
    }
    sourceWidth = source == nil ? 0 : sourceTopK + 1
    targetWidth = target == nil ? 0 : targetTopK + 1
    func zeroed<T>(_ count: Int, _: T.Type) -> UnsafeMutablePointer<T> {
      calloc(max(1, count), MemoryLayout<T>.stride)!.bindMemory(to: T.self, capacity: max(1, count))
    }
    events = zeroed(dayCount, UInt32.self)
    roots = zeroed(dayCount * 20, UInt32.self)
    quads = zeroed(dayCount * 4, UInt32.self)
    mentionSum = zeroed(dayCount, Double.self)
    countsMentions = schema.features.contains { if case .numeric(.mentions, _, _, _, _) = $0 { true } else { false } }
    countsModes = schema.features.contains(.oneHot(.eventMode))
    modes = zeroed(countsModes ? dayCount * GroupDayCounts.modeWidth : 0, UInt32.self)
    intensitySum = zeroed(dayCount, Double.self)
    intensityMin = zeroed(dayCount, Float.self)
    intensityMax = zeroed(dayCount, Float.self)
    sourceCounts = zeroed(dayCount * sourceWidth, UInt32.self)
    targetCounts = zeroed(dayCount * targetWidth, UInt32.self)
  }

  deinit {
    free(events)
    free(roots)
    free(quads)
    free(mentionSum)
    free(modes)
    free(intensitySum)
    free(intensityMin)
    free(intensityMax)
    free(sourceCounts)
    free(targetCounts)
  }

  /// Clears the previous group's days and counts `group`'s spilled events (those on days before
  /// `dayLimit`).
  func load(group: Int, before dayLimit: Int = .max) throws {
    for day in days {
      let d = Int(day)
      events[d] = 0
      intensitySum[d] = 0
      (roots + d * 20).update(repeating: 0, count: 20)
      (quads + d * 4).update(repeating: 0, count: 4)
      mentionSum[d] = 0
      if countsModes {
        (modes + d * GroupDayCounts.modeWidth).update(repeating: 0, count: GroupDayCounts.modeWidth)
      }
      (sourceCounts + d * sourceWidth).update(repeating: 0, count: sourceWidth)
      (targetCounts + d * targetWidth).update(repeating: 0, count: targetWidth)
    }
    days.removeAll(keepingCapacity: true)
    if dayLimit >= dayCount {
      try spill.forEachChunk(group: group) { chunk in
        for event in chunk { add(event) }
      }
    } else {
      let limit = Int32(truncatingIfNeeded: dayLimit) + calendarStart
      try spill.forEachChunk(group: group) { chunk in
        for event in chunk where event.dayIndex < limit { add(event) }
      }
    }
    days.sort()
  }

  private func add(_ event: SpilledEvent) {
    let day = Int(event.dayIndex - calendarStart)
    let intensity = event.intensity
    if events[day] == 0 {
      days.append(Int32(day))
      intensityMin[day] = intensity
      intensityMax[day] = intensity
    } else {
      intensityMin[day] = Swift.min(intensityMin[day], intensity)
      intensityMax[day] = Swift.max(intensityMax[day], intensity)
    }
    events[day] += 1
    roots[day * 20 + event.root - 1] += 1
    quads[day * 4 + event.quad - 1] += 1
    if countsMentions { mentionSum[day] += Double(event.targetSet) }
    if countsModes {
      // Mode numbers 1…57 take slots 0…56; 0 (missing) is `(none)`, 58 `(other)`.
      let mode = Int(event.targetSet), width = GroupDayCounts.modeWidth
      modes[day * width + (mode == 0 ? width - 2 : mode == width - 1 ? mode : mode - 1)] += 1
    }
    intensitySum[day] += Double(intensity)
    if let source, event.sourceSet != 0 {
      GroupDayCounts.count(
        set: Int(event.sourceSet), table: source, into: sourceCounts + day * sourceWidth, outside: sourceWidth - 1)
    }
    if !countsMentions, !countsModes, let target, event.targetSet != 0 {
      GroupDayCounts.count(
        set: Int(event.targetSet), table: target, into: targetCounts + day * targetWidth, outside: targetWidth - 1)
    }
  }

  private static func count(set: Int, table: SectorSlotTable, into row: UnsafeMutablePointer<UInt32>, outside: Int) {
    for k in Int(table.start[set])..<Int(table.start[set + 1]) {
      row[Int(table.slots[k])] += 1
    }
    if table.hasOutside[set] { row[outside] += 1 }
  }

  /// Writes the frame of `day` (a day of `days`) into the `schema.width` floats at `row`.
  func writeFrame(day: Int, into row: UnsafeMutablePointer<Float>) {
    let n = events[day]
    for (feature, offset) in zip(schema.features, schema.offsets) {
      switch feature {
      case .oneHot(.quadClass):
        let q = quads + day * 4
        for i in 0..<4 { row[offset + i] = GroupDayCounts.fraction(q[i], of: n) }
      case .oneHot(.cameoRoot):
        GroupDayCounts.fractions(roots + day * 20, count: 20, of: n, into: row + offset)
      case .oneHot(.ploverEventType):
        GroupDayCounts.fractions(roots + day * 20, count: 16, of: n, into: row + offset)
      case .oneHot(.eventMode):
        let width = GroupDayCounts.modeWidth
        GroupDayCounts.fractions(modes + day * width, count: width, of: n, into: row + offset)
      case .multiHot(let field, let topK, let other):
        let width = field.usesSecondSlot ? targetWidth : sourceWidth
        let counts = (field.usesSecondSlot ? targetCounts : sourceCounts) + day * width
        GroupDayCounts.fractions(counts, count: topK, of: n, into: row + offset)
        if other { row[offset + topK] = GroupDayCounts.fraction(counts[topK], of: n) }
      case .numeric(let field, let agg, let scale, let transform, let fill):
        guard n > 0 else {
          row[offset] = Float(fill)
          continue
        }
        var value: Double
        switch (field, agg) {
        case (.eventCount, _): value = Double(n)
        case (.intensity, .mean), (.goldstein, .mean): value = intensitySum[day] / Double(n)
        case (.intensity, .sum), (.goldstein, .sum): value = intensitySum[day]
        case (.intensity, .min), (.goldstein, .min): value = Double(intensityMin[day])
        case (.intensity, .max), (.goldstein, .max): value = Double(intensityMax[day])
        case (.mentions, .mean): value = mentionSum[day] / Double(n)
        case (.mentions, _): value = mentionSum[day]
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

  /// `fraction` of `count` values at once, in a loop the compiler vectorizes (the same bits).
  @inline(__always)
  private static func fractions(
    _ counts: UnsafePointer<UInt32>, count: Int, of n: UInt32, into row: UnsafeMutablePointer<Float>
  ) {
    guard n > 0 else {
      row.update(repeating: 0, count: count)
      return
    }
    let total = Double(n)
    for i in 0..<count { row[i] = Float(Double(counts[i]) / total) }
  }
}
