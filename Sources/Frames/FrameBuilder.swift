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

  private let spill: SpillWriter
  /// Groups and sector sets, interned; one struct so an event takes one exclusivity check, not one per table.
  private var interning = Interning()
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
    // The spill keeps the period's ordinal where a daily calendar keeps the day (the same for days).
    let ordinal = period.ordinal(of: event.date)
    let ids = try interning.intern(
      group: groupName(of: event), source: needsSourceSets ? event.sourceSectors : [],
      target: needsTargetSets ? event.targetSectors : [], contexts: needsContextSets ? event.contexts : [],
      inFit: fitEnd.map { event.date <= $0 } ?? true, ordinal: ordinal)
    if ids.isNewGroup { spill.addGroup() }
    let group = ids.group
    let source = ids.source
    var second = ids.target
    if countsMentions { second = UInt32(clamping: event.mentions) }
    if countsModes { second = UInt32(event.eventMode) }
    let quad = event.quadClass != 0 ? Int(event.quadClass) : QuadClass(root: root).index + 1
    try spill.append(
      SpilledEvent(
        day: Day(index: ordinal), root: root, quad: quad, sourceSet: source, targetSet: second,
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
      let fitCount = field.usesSecondSlot ? interning.targetFitCount : interning.sourceFitCount
      let vocabulary = frozen?[field] ?? interning.fitVocabulary(fitCount: fitCount, topK: topK)
      vocabularies[field] = vocabulary
      sectorTables[field] = interning.slotTable(vocabulary: vocabulary)
    }
    let schema = try FrameSchema(features: features, vocabularies: vocabularies)
    let groupNames = interning.groupNames
    let order = groupNames.indices.sorted { groupNames[$0].precedesInByteOrder(groupNames[$1]) }
    let reader = try spill.finish(order: order)
    let hasEvents = eventCount > 0
    return AggregatedFrames(
      schema: schema, groups: order.map { groupNames[$0] },
      calendarStart: hasEvents ? period.firstDay(ofOrdinal: interning.firstPeriod) : Day(index: 0), period: period,
      dayCount: hasEvents ? Int(interning.lastPeriod - interning.firstPeriod) + 1 : 0,
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

  /// The CAMEO root of a code: its first two digits (`"0214"` → 2, `"20"` → 20); 0 if none.
  static func root(of code: String) -> Int {
    var utf8 = code.utf8.makeIterator()
    guard let a = utf8.next(), let b = utf8.next(),
      (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(a), (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b)
    else { return 0 }
    return Int(a - UInt8(ascii: "0")) * 10 + Int(b - UInt8(ascii: "0"))
  }
}

/// The builder's interning tables: group names and sector sets (set 0 is the empty set), and the
/// range of periods seen.
private struct Interning {
  // Ordinals (`CalendarPeriod.ordinal`) of the first and last period with events.
  var firstPeriod = Int32.max
  var lastPeriod = Int32.min
  var groupIDs: [String: Int] = [:]
  var groupNames: [String] = []
  // Names of set s are setNames[setNameStart[s]..<setNameStart[s + 1]], unique name ids.
  var setIDs: [[String]: UInt32] = [[]: 0]
  var setNameStart: [Int] = [0, 0]
  var setNames: [Int32] = []
  var nameIDs: [String: Int32] = [:]
  var sectorNames: [String] = []
  // Events in the fit range per set, per field.
  var sourceFitCount: [Int] = [0]
  var targetFitCount: [Int] = [0]
  // A direct-mapped cache from an array's element storage to its set id: readers hand out the
  // same interned [String] for repeated sector lists, so most events skip hashing strings. The
  // cache holds the array, so a cached address cannot be reused by a different array.
  static let setCacheSize = 1 << 16
  var setCacheAddresses = [UnsafeRawPointer?](repeating: nil, count: Interning.setCacheSize)
  var setCacheArrays = [[String]](repeating: [], count: Interning.setCacheSize)
  var setCacheIDs = [UInt32](repeating: 0, count: Interning.setCacheSize)
  // The same for group names, keyed by the string's bits: equal bits are the same small string or
  // the same storage (readers intern names too). The cache holds the string, so its storage lives.
  static let groupCacheSize = 1 << 10
  var groupCacheNames = [String](repeating: "", count: Interning.groupCacheSize)
  var groupCacheIDs = [Int](repeating: -1, count: Interning.groupCacheSize)

  /// An event's group id (and whether the group is new) and set ids; widens the period range to `ordinal`.
  mutating func intern(
    group: String, source: [String], target: [String], contexts: [String], inFit: Bool, ordinal: Int32
  ) throws -> (group: Int, isNewGroup: Bool, source: UInt32, target: UInt32) {
    // Sets first: when they throw, no group was added that the spill does not know.
    let (sourceID, targetID) = try setIDs(source: source, target: target, contexts: contexts, inFit: inFit)
    let (id, isNew) = groupID(for: group)
    firstPeriod = min(firstPeriod, ordinal)
    lastPeriod = max(lastPeriod, ordinal)
    return (id, isNew, sourceID, targetID)
  }

  /// The group's id, and whether it is new (numbered in order of appearance).
  mutating func groupID(for name: String) -> (id: Int, isNew: Bool) {
    let bits = unsafeBitCast(name, to: (UInt64, UInt64).self)
    let mixed = (bits.0 ^ (bits.1 &* 0x9E37_79B9_7F4A_7C15)) &* 0x9E37_79B9_7F4A_7C15
    let slot = Int(truncatingIfNeeded: mixed >> 54) & (Interning.groupCacheSize - 1)
    let cachedID = groupCacheIDs[slot]
    if cachedID >= 0 {
      let cached = unsafeBitCast(groupCacheNames[slot], to: (UInt64, UInt64).self)
      if cached == bits { return (cachedID, false) }
    }
    var isNew = false
    let id: Int
    if let known = groupIDs[name] {
      id = known
    } else {
      id = groupNames.count
      groupIDs[name] = id
      groupNames.append(name)
      isNew = true
    }
    groupCacheNames[slot] = name
    groupCacheIDs[slot] = id
    return (id, isNew)
  }

  /// The set ids of an event's first and second slot (0 for an empty list), counting them when
  /// `inFit`; contexts take the first slot (a pipeline never has both them and source sectors).
  mutating func setIDs(source: [String], target: [String], contexts: [String], inFit: Bool) throws -> (UInt32, UInt32) {
    var sourceID: UInt32 = 0
    var targetID: UInt32 = 0
    if !source.isEmpty {
      sourceID = try cachedSetID(for: source)
      if inFit { sourceFitCount[Int(sourceID)] += 1 }
    }
    if !target.isEmpty {
      targetID = try cachedSetID(for: target)
      if inFit { targetFitCount[Int(targetID)] += 1 }
    }
    if !contexts.isEmpty {
      sourceID = try cachedSetID(for: contexts)
      if inFit { sourceFitCount[Int(sourceID)] += 1 }
    }
    return (sourceID, targetID)
  }

  mutating func cachedSetID(for sectors: [String]) throws -> UInt32 {
    let address = sectors.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
    let slot = address.map { Int(bitPattern: UInt(bitPattern: $0) >> 4) & (Interning.setCacheSize - 1) } ?? 0
    if let address, setCacheAddresses[slot] == address { return setCacheIDs[slot] }
    let id = try setID(for: sectors)
    setCacheAddresses[slot] = address
    setCacheArrays[slot] = sectors
    setCacheIDs[slot] = id
    return id
  }

  mutating func setID(for sectors: [String]) throws -> UInt32 {
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

  /// The `topK` names in most fit-range events (each event counts a name once), ties by byte
  /// order of name; names absent from the fit range are never chosen.
  func fitVocabulary(fitCount: [Int], topK: Int) -> [String] {
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
  func slotTable(vocabulary: [String]) -> SectorSlotTable {
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
}
