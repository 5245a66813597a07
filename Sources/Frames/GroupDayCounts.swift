import EventData
import Foundation
import Support

/// Per-day counts of one group over the whole calendar, touched (and later cleared) only on the
/// days that have events, so a group costs its events, not its calendar. Reusable across groups.
/// Made with `dayCount: 1`, it holds one day at a time (see `SparseLoadState`).
final class GroupDayCounts {
  let schema: FrameSchema
  /// Days (records) the counts have room for.
  let dayCount: Int
  /// Ordinal of the calendar's first period (the spill holds ordinals).
  let calendarStart: Int32
  let spill: SpillReader
  let source: SectorSlotTable?
  let target: SectorSlotTable?
  let sourceWidth: Int
  let targetWidth: Int
  /// Days with events of the loaded group, ascending after `load`; valid until the next change.
  var days: UnsafeBufferPointer<Int32> { UnsafeBufferPointer(start: dayList, count: dayListCount.pointee) }
  // `days` and the touched-cell count live behind pointers, as a class's stored `var` would cost a
  // runtime exclusivity check on each access, in loops run per event.
  private let dayList: UnsafeMutablePointer<Int32>
  private let dayListCount: UnsafeMutablePointer<Int>
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
  /// `fractionTable[n × (tabledEvents + 1) + c]` = `fraction(c, of: n)` for n, c ≤ `tabledEvents`: one
  /// table for every instance, made on first use and kept for the process (`nonisolated(unsafe)`:
  /// written once, inside the lazy initializer, and only read after).
  nonisolated(unsafe) private static let fractionTable: UnsafePointer<Float> = {
    let side = tabledEvents + 1
    let table = UnsafeMutablePointer<Float>.allocate(capacity: side * side)
    for n in 0..<side {
      for c in 0..<side { table[n * side + c] = fraction(UInt32(c), of: UInt32(n)) }
    }
    return UnsafePointer(table)
  }()
  private static let tabledEvents = 31
  /// Spilled events read back by `load` (grown as chunks need).
  private var chunkBuffer = UnsafeMutableBufferPointer<SpilledEvent>.allocate(capacity: 0)
  /// One day's entries for `appendEntries` (`schema.width` each).
  private let entryFeatures: UnsafeMutablePointer<Int32>
  private let entryValues: UnsafeMutablePointer<Float>
  /// One-day counts of a schema that reads each count cell for at most one feature note the cells
  /// the day's events made non-zero, so `appendEntries` and `clear` cost the day's events, not the
  /// frame width. `cellFeature` is the feature a touched cell counts for, or -1.
  private let tracksCells: Bool
  private let touchedCells: UnsafeMutablePointer<UnsafeMutablePointer<UInt32>>
  private let cellFeature: UnsafeMutablePointer<Int32>
  private let touchedCount: UnsafeMutablePointer<Int>
  /// The first feature of each count array (-1: none) and how many of its cells are features.
  private let quadFeature: Int
  private let rootFeature: (offset: Int, width: Int)
  private let modeFeature: Int
  private let sourceFeature: (offset: Int, width: Int)
  private let targetFeature: (offset: Int, width: Int)
  /// The numeric features and their offsets (every day lists them).
  private let numericFeatures: [(FeatureSpec, Int)]

  init(frames: AggregatedFrames, dayCount: Int? = nil) {
    schema = frames.schema
    self.dayCount = dayCount ?? frames.dayCount
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
    events = zeroed(self.dayCount, UInt32.self)
    roots = zeroed(self.dayCount * 20, UInt32.self)
    quads = zeroed(self.dayCount * 4, UInt32.self)
    mentionSum = zeroed(self.dayCount, Double.self)
    countsMentions = schema.features.contains { if case .numeric(.mentions, _, _, _, _) = $0 { true } else { false } }
    countsModes = schema.features.contains(.oneHot(.eventMode))
    modes = zeroed(countsModes ? self.dayCount * GroupDayCounts.modeWidth : 0, UInt32.self)
    intensitySum = zeroed(self.dayCount, Double.self)
    intensityMin = zeroed(self.dayCount, Float.self)
    intensityMax = zeroed(self.dayCount, Float.self)
    sourceCounts = zeroed(self.dayCount * sourceWidth, UInt32.self)
    targetCounts = zeroed(self.dayCount * targetWidth, UInt32.self)
    entryFeatures = .allocate(capacity: max(1, schema.width))
    entryValues = .allocate(capacity: max(1, schema.width))
    var quad = -1
    var root = (offset: -1, width: 0)
    var mode = -1
    var sourceFeature = (offset: -1, width: 0)
    var targetFeature = (offset: -1, width: 0)
    var numeric: [(FeatureSpec, Int)] = []
    var readTwice = false
    for (feature, offset) in zip(schema.features, schema.offsets) {
      switch feature {
      case .oneHot(.quadClass):
        readTwice = readTwice || quad >= 0
        quad = offset
      case .oneHot(.cameoRoot), .oneHot(.ploverEventType):
        readTwice = readTwice || root.offset >= 0
        root = (offset, feature.width)
      case .oneHot(.eventMode):
        readTwice = readTwice || mode >= 0
        mode = offset
      case .multiHot(let field, _, _):
        if field.usesSecondSlot {
          readTwice = readTwice || targetFeature.offset >= 0
          targetFeature = (offset, feature.width)
        } else {
          readTwice = readTwice || sourceFeature.offset >= 0
          sourceFeature = (offset, feature.width)
        }
      case .numeric: numeric.append((feature, offset))
      }
    }
    quadFeature = quad
    rootFeature = root
    modeFeature = mode
    self.sourceFeature = sourceFeature
    self.targetFeature = targetFeature
    numericFeatures = numeric
    tracksCells = self.dayCount == 1 && !readTwice
    let cells = 4 + 20 + (countsModes ? GroupDayCounts.modeWidth : 0) + sourceWidth + targetWidth
    touchedCells = .allocate(capacity: tracksCells ? cells : 1)
    cellFeature = .allocate(capacity: tracksCells ? cells : 1)
    touchedCount = .allocate(capacity: 1)
    touchedCount.initialize(to: 0)
    dayList = .allocate(capacity: max(1, self.dayCount))
    dayListCount = .allocate(capacity: 1)
    dayListCount.initialize(to: 0)
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
    entryFeatures.deallocate()
    entryValues.deallocate()
    touchedCells.deallocate()
    cellFeature.deallocate()
    touchedCount.deallocate()
    dayList.deallocate()
    dayListCount.deallocate()
    chunkBuffer.deallocate()
  }

  /// Clears the previous group's days and counts `group`'s spilled events (those on days before
  /// `dayLimit`).
  func load(group: Int, before dayLimit: Int = .max) throws {
    clear()
    if dayLimit >= dayCount {
      try spill.forEachChunk(group: group, buffer: &chunkBuffer) { chunk in
        for event in chunk { add(event, day: Int(event.dayIndex - calendarStart)) }
        return true
      }
    } else {
      let limit = Int32(truncatingIfNeeded: dayLimit) + calendarStart
      try spill.forEachChunk(group: group, buffer: &chunkBuffer) { chunk in
        for event in chunk where event.dayIndex < limit { add(event, day: Int(event.dayIndex - calendarStart)) }
        return true
      }
    }
    var sorted = UnsafeMutableBufferPointer(start: dayList, count: dayListCount.pointee)
    sorted.sort()
  }

  /// Zeroes the counts of the days in `days` and empties it.
  func clear() {
    guard dayListCount.pointee > 0 else { return }
    clear(days)
    dayListCount.pointee = 0
  }

  private func clear(_ days: UnsafeBufferPointer<Int32>) {
    if tracksCells {
      for t in 0..<touchedCount.pointee { touchedCells[t].pointee = 0 }
      touchedCount.pointee = 0
      events[0] = 0
      intensitySum[0] = 0
      mentionSum[0] = 0
      return
    }
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
  }

  /// Counts `event` on record `day` (its day, or 0 for one-day counts).
  func add(_ event: SpilledEvent, day: Int) {
    let intensity = event.intensity
    if events[day] == 0 {
      dayList[dayListCount.pointee] = Int32(day)
      dayListCount.pointee += 1
      intensityMin[day] = intensity
      intensityMax[day] = intensity
    } else {
      intensityMin[day] = Swift.min(intensityMin[day], intensity)
      intensityMax[day] = Swift.max(intensityMax[day], intensity)
    }
    events[day] += 1
    bump(roots + day * 20 + event.root - 1, cell: event.root - 1, of: rootFeature)
    bump(quads + day * 4 + event.quad - 1, cell: event.quad - 1, of: (quadFeature, 4))
    if countsMentions { mentionSum[day] += Double(event.targetSet) }
    if countsModes {
      // Mode numbers 1…57 take slots 0…56; 0 (missing) is `(none)`, 58 `(other)`.
      let mode = Int(event.targetSet), width = GroupDayCounts.modeWidth
      let slot = mode == 0 ? width - 2 : mode == width - 1 ? mode : mode - 1
      bump(modes + day * width + slot, cell: slot, of: (modeFeature, width))
    }
    intensitySum[day] += Double(intensity)
    if let source, event.sourceSet != 0 {
      count(
        set: Int(event.sourceSet), table: source, into: sourceCounts + day * sourceWidth, outside: sourceWidth - 1,
        of: sourceFeature)
    }
    if !countsMentions, !countsModes, let target, event.targetSet != 0 {
      count(
        set: Int(event.targetSet), table: target, into: targetCounts + day * targetWidth, outside: targetWidth - 1,
        of: targetFeature)
    }
  }

  /// Counts one more event in cell `cell` of a count array whose first `feature.width` cells are
  /// features `feature.offset...`, noting the cell when it was 0 (one-day counts).
  @inline(__always)
  private func bump(_ counter: UnsafeMutablePointer<UInt32>, cell: Int, of feature: (offset: Int, width: Int)) {
    if tracksCells && counter.pointee == 0 {
      let t = touchedCount.pointee
      touchedCells[t] = counter
      cellFeature[t] = feature.offset >= 0 && cell < feature.width ? Int32(feature.offset + cell) : -1
      touchedCount.pointee = t + 1
    }
    counter.pointee += 1
  }

  private func count(
    set: Int, table: SectorSlotTable, into row: UnsafeMutablePointer<UInt32>, outside: Int,
    of feature: (offset: Int, width: Int)
  ) {
    for k in Int(table.start[set])..<Int(table.start[set + 1]) {
      let slot = Int(table.slots[k])
      bump(row + slot, cell: slot, of: feature)
    }
    if table.hasOutside[set] { bump(row + outside, cell: outside, of: feature) }
  }

  /// Writes the frame of `day` (a day of `days`) into the `schema.width` floats at `row`.
  func writeFrame(day: Int, into row: UnsafeMutablePointer<Float>) {
    let n = events[day]
    if tracksCells && n > 0 {
      // Every fraction not noted is 0/n = +0.
      row.update(repeating: 0, count: schema.width)
      var entries = dayEntries(day)
      appendNotedEntries(day: day, to: &entries)
      for k in 0..<entries.count { row[Int(entryFeatures[k])] = entryValues[k] }
      return
    }
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
        row[offset] = numericValue(field, agg, scale, transform, day: day)
      }
    }
  }

  /// Appends record `day` of the counts (one of `days`; 0 for one-day counts) to `frames` as frame day
  /// `frameDay`, listing the non-zero fractions and every numeric feature: what `writeFrame` writes
  /// (the rest is 0, as in the empty frame).
  func appendEntries(record day: Int, as frameDay: Int32, to frames: inout CompressedGroupFrames) {
    var entries = dayEntries(day)
    if tracksCells {
      appendNotedEntries(day: day, to: &entries)
    } else {
      appendScannedEntries(day: day, to: &entries)
    }
    frames.append(
      day: frameDay, features: UnsafeBufferPointer(start: entryFeatures, count: entries.count),
      values: UnsafeBufferPointer(start: entryValues, count: entries.count))
  }

  /// Empty entries of record `day`, written into `entryFeatures` and `entryValues`.
  private func dayEntries(_ day: Int) -> DayEntries {
    let n = events[day]
    let side = GroupDayCounts.tabledEvents + 1
    return DayEntries(
      features: entryFeatures, values: entryValues, n: n,
      fractions: n < side ? GroupDayCounts.fractionTable + Int(n) * side : nil)
  }

  /// The fractions of the noted cells (one-day counts), then the numeric features.
  private func appendNotedEntries(day: Int, to entries: inout DayEntries) {
    for t in 0..<touchedCount.pointee where cellFeature[t] >= 0 {
      entries.append(Int(cellFeature[t]), entries.fraction(touchedCells[t].pointee))
    }
    for case (.numeric(let field, let agg, let scale, let transform, _), let offset) in numericFeatures {
      entries.append(offset, numericValue(field, agg, scale, transform, day: day))
    }
  }

  /// The non-zero fractions found by scanning every count of record `day`, and the numeric features.
  private func appendScannedEntries(day: Int, to entries: inout DayEntries) {
    for (feature, offset) in zip(schema.features, schema.offsets) {
      switch feature {
      case .oneHot(.quadClass): entries.appendFractions(quads + day * 4, count: 4, at: offset)
      case .oneHot(.cameoRoot): entries.appendFractions(roots + day * 20, count: 20, at: offset)
      case .oneHot(.ploverEventType): entries.appendFractions(roots + day * 20, count: 16, at: offset)
      case .oneHot(.eventMode):
        entries.appendFractions(modes + day * GroupDayCounts.modeWidth, count: GroupDayCounts.modeWidth, at: offset)
      case .multiHot(let field, let topK, let other):
        let width = field.usesSecondSlot ? targetWidth : sourceWidth
        let counts = (field.usesSecondSlot ? targetCounts : sourceCounts) + day * width
        entries.appendFractions(counts, count: other ? topK + 1 : topK, at: offset)
      case .numeric(let field, let agg, let scale, let transform, _):
        entries.append(offset, numericValue(field, agg, scale, transform, day: day))
      }
    }
  }

  /// The entries of the day `appendEntries` is writing.
  private struct DayEntries {
    let features: UnsafeMutablePointer<Int32>
    let values: UnsafeMutablePointer<Float>
    /// The day's events, and `fraction(c, of: n)` by c when n is at most `tabledEvents`.
    let n: UInt32
    let fractions: UnsafePointer<Float>?
    var count = 0

    @inline(__always)
    mutating func append(_ feature: Int, _ value: Float) {
      features[count] = Int32(feature)
      values[count] = value
      count += 1
    }

    /// `fraction(c, of: n)`.
    @inline(__always)
    func fraction(_ c: UInt32) -> Float {
      // (a sector set names a slot once, so c ≤ n; the check keeps the table safe regardless)
      if let fractions, c <= n { return fractions[Int(c)] }
      return GroupDayCounts.fraction(c, of: n)
    }

    /// The non-zero counts of `counts[0..<count]` as fractions of features `offset...`.
    mutating func appendFractions(_ counts: UnsafePointer<UInt32>, count: Int, at offset: Int) {
      // Most counts of a day are 0: skip them eight at a time (four 64-bit loads of two counts each),
      // the last few one by one.
      var i = 0
      while i + 8 <= count {
        let raw = UnsafeRawPointer(counts + i)
        let words = (
          raw.loadUnaligned(as: UInt64.self), raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self),
          raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self), raw.loadUnaligned(fromByteOffset: 24, as: UInt64.self)
        )
        if words.0 | words.1 | words.2 | words.3 != 0 {
          appendPair(words.0, counts, at: i, offset)
          appendPair(words.1, counts, at: i + 2, offset)
          appendPair(words.2, counts, at: i + 4, offset)
          appendPair(words.3, counts, at: i + 6, offset)
        }
        i += 8
      }
      for l in i..<count where counts[l] != 0 { append(offset + l, fraction(counts[l])) }
    }

    /// Counts `l` and `l + 1`, which `word` holds, when either is non-zero.
    @inline(__always)
    private mutating func appendPair(_ word: UInt64, _ counts: UnsafePointer<UInt32>, at l: Int, _ offset: Int) {
      guard word != 0 else { return }
      if counts[l] != 0 { append(offset + l, fraction(counts[l])) }
      if counts[l + 1] != 0 { append(offset + l + 1, fraction(counts[l + 1])) }
    }
  }

  /// A numeric feature's value on `day`, which has events.
  private func numericValue(
    _ field: NumericField, _ agg: NumericAggregation, _ scale: ClosedRange<Double>?, _ transform: NumericTransform,
    day: Int
  ) -> Float {
    let n = events[day]
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
    return Float(value)
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
