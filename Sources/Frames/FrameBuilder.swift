import EventData
import Foundation
import Support

/// Aggregates events into per-(group, period) frames (days by default) in one pass and bounded memory.
///
/// Each event is reduced to 16 bytes (day, CAMEO root, intensity, interned source and target
/// sector-set ids) and spilled per group to an unlinked temporary file; strings are interned once.
/// Vocabularies are fitted at `finish()` from per-set counts over the fit range (events dated
/// ≤ `fitEnd`, or all), then `AggregatedFrames` materializes dense frames one group at a time.
/// A class: it owns the spill file; use one builder per input, from one thread.
public final class FrameBuilder {
  public let groupBy: GroupBy
  public let features: [FeatureSpec]
  public let fitEnd: Day?
  public let frozen: FrameVocabularies?
  /// What one frame covers; events are aggregated per (group, period).
  public let period: CalendarPeriod

  /// Events added so far.
  public private(set) var eventCount = 0

  private var spill: SpillWriter
  private var groupIDs: [String: Int] = [:]
  private var groupNames: [String] = []
  // Ordinals (`CalendarPeriod.ordinal`) of the first and last period with events.
  private var firstPeriod = Int32.max
  private var lastPeriod = Int32.min

  // Sector sets, interned: set 0 is the empty set. Names of set s are
  // setNames[setNameStart[s]..<setNameStart[s + 1]], unique name ids.
  private var setIDs: [[String]: UInt32] = [[]: 0]
  private var setNameStart: [Int] = [0, 0]
  private var setNames: [Int32] = []
  private var nameIDs: [String: Int32] = [:]
  private var sectorNames: [String] = []
  // Events in the fit range per set, per field.
  private var sourceFitCount: [Int] = [0]
  private var targetFitCount: [Int] = [0]
  // A direct-mapped cache from an array's element storage to its set id: readers hand out the
  // same interned [String] for repeated sector lists, so most events skip hashing strings. The
  // cache holds the array, so a cached address cannot be reused by a different array.
  private static let setCacheSize = 1 << 16
  private var setCacheAddresses = [UnsafeRawPointer?](repeating: nil, count: FrameBuilder.setCacheSize)
  private var setCacheArrays = [[String]](repeating: [], count: FrameBuilder.setCacheSize)
  private var setCacheIDs = [UInt32](repeating: 0, count: FrameBuilder.setCacheSize)
  private let needsSourceSets: Bool
  private let needsTargetSets: Bool
  private let needsContextSets: Bool
  private let countsMentions: Bool
  /// POLECAT's Event Mode rides in the target-set slot (POLECAT has no sectors, GDELT no modes).
  private let countsModes: Bool
  private var finished = false

  /// `frozen` (from an earlier manifest) replaces fitting; it must give every `multi_hot`
  /// feature a vocabulary of at most `top_k` names. The spill file goes to `spillDirectory`
  /// (default: the temporary directory).
  public init(
    groupBy: GroupBy, features: [FeatureSpec], fitEnd: Day?, frozen: FrameVocabularies? = nil,
    period: CalendarPeriod = .day, spillDirectory: URL? = nil
  ) throws {
    self.groupBy = groupBy
    self.period = period
    self.features = features
    self.fitEnd = fitEnd
    self.frozen = frozen
    let fields = features.compactMap { feature -> SectorField? in
      if case .multiHot(let field, _, _) = feature { return field }
      return nil
    }
    guard !(fields.contains(.sourceSectors) && fields.contains(.contexts)) else {
      throw FrameError(.badFeature, context: "multi_hot", "contexts and source_sectors cannot be combined")
    }
    countsMentions = features.contains { if case .numeric(.mentions, _, _, _, _) = $0 { true } else { false } }
    guard !(countsMentions && fields.contains(.targetSectors)) else {
      throw FrameError(.badFeature, context: "numeric", "mentions (GDELT) cannot be combined with target_sectors")
    }
    countsModes = features.contains(.oneHot(.eventMode))
    guard !(countsModes && (countsMentions || fields.contains(.targetSectors))) else {
      throw FrameError(
        .badFeature, context: "one_hot", "event_mode (POLECAT) cannot be combined with target_sectors or mentions")
    }
    needsSourceSets = fields.contains(.sourceSectors)
    needsTargetSets = fields.contains(.targetSectors)
    needsContextSets = fields.contains(.contexts)
    if let frozen {
      _ = try FrameSchema(features: features, vocabularies: frozen)
    }
    spill = try SpillWriter(directory: spillDirectory)
  }

  /// Adds one event. Throws when its CAMEO code has no root 01…20 (and it has no PLOVER type)
  /// or the spill file fails.
  public func add(_ event: EventRecord) throws {
    precondition(!finished, "FrameBuilder.add after finish()")
    let root = event.ploverType != 0 ? Int(event.ploverType) : FrameBuilder.root(of: event.cameoCode)
    guard (1...20).contains(root) else {
      throw FrameError(
        .badCameoCode, context: "event \(event.eventID) (\(event.date))",
        "CAMEO code '\(event.cameoCode)' has no root 01…20; the reader should have rejected it")
    }
    let group = groupID(for: groupName(of: event))
    let inFit = fitEnd.map { event.date <= $0 } ?? true
    var source: UInt32 = 0
    var target: UInt32 = 0
    if needsSourceSets && !event.sourceSectors.isEmpty {
      source = try cachedSetID(for: event.sourceSectors)
      if inFit { sourceFitCount[Int(source)] += 1 }
    }
    if needsTargetSets && !event.targetSectors.isEmpty {
      target = try cachedSetID(for: event.targetSectors)
      if inFit { targetFitCount[Int(target)] += 1 }
    }
    if needsContextSets && !event.contexts.isEmpty {
      source = try cachedSetID(for: event.contexts)
      if inFit { sourceFitCount[Int(source)] += 1 }
    }
    if countsMentions { target = UInt32(clamping: event.mentions) }
    if countsModes { target = UInt32(event.eventMode) }
    let quad = event.quadClass != 0 ? Int(event.quadClass) : QuadClass(root: root).index + 1
    // The spill keeps the period's ordinal where a daily calendar keeps the day (the same for days).
    let ordinal = period.ordinal(of: event.date)
    firstPeriod = min(firstPeriod, ordinal)
    lastPeriod = max(lastPeriod, ordinal)
    try spill.append(
      SpilledEvent(
        day: Day(index: ordinal), root: root, quad: quad, sourceSet: source, targetSet: target,
        intensity: Float(event.intensity)),
      group: group)
    eventCount += 1
  }

  /// Fits (or takes the frozen) vocabularies, orders groups by byte order of name and hands the
  /// spilled events to `AggregatedFrames`. Call once.
  public func finish() throws -> AggregatedFrames {
    precondition(!finished, "FrameBuilder.finish() called twice")
    finished = true
    var vocabularies = frozen ?? FrameVocabularies()
    var sectorTables: [SectorField: SectorSlotTable] = [:]
    for feature in features {
      guard case .multiHot(let field, let topK, _) = feature else { continue }
      let fitCount = field.usesSecondSlot ? targetFitCount : sourceFitCount
      let vocabulary = frozen?[field] ?? fitVocabulary(fitCount: fitCount, topK: topK)
      vocabularies[field] = vocabulary
      sectorTables[field] = slotTable(vocabulary: vocabulary)
    }
    let schema = try FrameSchema(features: features, vocabularies: vocabularies)
    let order = groupNames.indices.sorted { groupNames[$0].precedesInByteOrder(groupNames[$1]) }
    let reader = try spill.finish(order: order)
    let hasEvents = eventCount > 0
    return AggregatedFrames(
      schema: schema, groups: order.map { groupNames[$0] },
      calendarStart: hasEvents ? period.firstDay(ofOrdinal: firstPeriod) : Day(index: 0), period: period,
      dayCount: hasEvents ? Int(lastPeriod - firstPeriod) + 1 : 0,
      eventCount: eventCount, spill: reader,
      sourceSlots: sectorTables[.sourceSectors] ?? sectorTables[.contexts], targetSlots: sectorTables[.targetSectors])
  }

  // MARK: - Interning

  private func groupName(of event: EventRecord) -> String {
    let name: String
    switch groupBy {
    case .country: name = event.country
    case .sourceCountry: name = event.sourceCountry
    case .targetCountry: name = event.targetCountry
    case .none: return "(all)"
    }
    return name.isEmpty ? "(none)" : name
  }

  private func groupID(for name: String) -> Int {
    if let id = groupIDs[name] { return id }
    let id = groupNames.count
    groupIDs[name] = id
    groupNames.append(name)
    spill.addGroup()
    return id
  }

  private func cachedSetID(for sectors: [String]) throws -> UInt32 {
    let address = sectors.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
    let slot = address.map { Int(bitPattern: UInt(bitPattern: $0) >> 4) & (FrameBuilder.setCacheSize - 1) } ?? 0
    if let address, setCacheAddresses[slot] == address { return setCacheIDs[slot] }
    let id = try setID(for: sectors)
    setCacheAddresses[slot] = address
    setCacheArrays[slot] = sectors
    setCacheIDs[slot] = id
    return id
  }

  private func setID(for sectors: [String]) throws -> UInt32 {
    if let id = setIDs[sectors] { return id }
    guard setNameStart.count - 1 < Int(UInt32.max) else {
      throw FrameError(.tooManySectorSets, context: "sector sets", "more than 2³² distinct sector sets")
    }
    let id = UInt32(setNameStart.count - 1)
    setIDs[sectors] = id
    var ids: [Int32] = []
    for name in sectors where !name.isEmpty {
      let nameID: Int32
      if let known = nameIDs[name] {
        nameID = known
      } else {
        nameID = Int32(sectorNames.count)
        nameIDs[name] = nameID
        sectorNames.append(name)
      }
      if !ids.contains(nameID) { ids.append(nameID) }
    }
    setNames += ids
    setNameStart.append(setNames.count)
    sourceFitCount.append(0)
    targetFitCount.append(0)
    return id
  }

  // MARK: - Vocabulary

  /// The `topK` names in most fit-range events (each event counts a name once), ties by byte
  /// order of name; names absent from the fit range are never chosen.
  private func fitVocabulary(fitCount: [Int], topK: Int) -> [String] {
    var counts = [Int](repeating: 0, count: sectorNames.count)
    for set in fitCount.indices where fitCount[set] > 0 {
      for k in setNameStart[set]..<setNameStart[set + 1] {
        counts[Int(setNames[k])] += fitCount[set]
      }
    }
    let ranked = counts.indices.filter { counts[$0] > 0 }.sorted { a, b in
      counts[a] != counts[b] ? counts[a] > counts[b] : sectorNames[a].precedesInByteOrder(sectorNames[b])
    }
    return ranked.prefix(topK).map { sectorNames[$0] }
  }

  /// Per interned set: the vocabulary slots its names hit, and whether a name falls outside.
  private func slotTable(vocabulary: [String]) -> SectorSlotTable {
    var slotOfName = [Int32](repeating: -1, count: sectorNames.count)
    for (slot, name) in vocabulary.enumerated() {
      if let id = nameIDs[name] { slotOfName[Int(id)] = Int32(slot) }
    }
    let setCount = setNameStart.count - 1
    var table = SectorSlotTable(setCount: setCount)
    for set in 0..<setCount {
      var outside = false
      for k in setNameStart[set]..<setNameStart[set + 1] {
        let slot = slotOfName[Int(setNames[k])]
        if slot >= 0 { table.slots.append(slot) } else { outside = true }
      }
      table.start.append(Int32(table.slots.count))
      table.hasOutside[set] = outside
    }
    return table
  }

  /// The CAMEO root of a code: its first two digits (`"0214"` → 2, `"20"` → 20); 0 if none.
  static func root(of code: String) -> Int {
    var utf8 = code.utf8.makeIterator()
    guard let a = utf8.next(), let b = utf8.next(),
      (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(a), (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b)
    else { return 0 }
    return Int(a - UInt8(ascii: "0")) * 10 + Int(b - UInt8(ascii: "0"))
  }
}
