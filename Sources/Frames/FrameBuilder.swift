import EventData
import Foundation
import Support

/// Aggregates events into per-(group, period) frames (days by default) in one pass and bounded memory.
///
/// Each event is reduced to 16 bytes (day, CAMEO root, intensity, interned source and target
/// sector-set ids) and kept per group by a `SpillWriter` (in memory up to its limit, then in an
/// unlinked temporary file); strings are interned once. Vocabularies are fitted at `finish()` from
/// per-set counts over the fit range (events dated ≤ `fitEnd`, or all), then `AggregatedFrames`
/// counts one group at a time into its frames (dense, or only the days with data).
/// A class: it owns the spill file; use one builder per input, from one thread.
public final class FrameBuilder {
  public let groupBy: GroupBy
  public let features: [FeatureSpec]
  public let fitEnd: Day?
  public let frozen: FrameVocabularies?
  /// What one frame covers; events are aggregated per (group, period).
  public let period: CalendarPeriod

  /// Events added so far.
  public var eventCount: Int { accumulator.eventCount }

  private let spill: SpillWriter
  /// Everything `add` changes, in one struct so a batch takes one exclusivity check, not one per table and event.
  private var accumulator = Accumulator()
  private let options: AddOptions
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
    let countsMentions = features.contains { if case .numeric(.mentions, _, _, _, _) = $0 { true } else { false } }
    guard !(countsMentions && fields.contains(.targetSectors)) else {
      throw FrameError(.badFeature, context: "numeric", "mentions (GDELT) cannot be combined with target_sectors")
    }
    let countsModes = features.contains(.oneHot(.eventMode))
    guard !(countsModes && (countsMentions || fields.contains(.targetSectors))) else {
      throw FrameError(
        .badFeature, context: "one_hot", "event_mode (POLECAT) cannot be combined with target_sectors or mentions")
    }
    options = AddOptions(
      groupBy: groupBy, fitEnd: fitEnd, period: period, needsSourceSets: fields.contains(.sourceSectors),
      needsTargetSets: fields.contains(.targetSectors), needsContextSets: fields.contains(.contexts),
      countsMentions: countsMentions, countsModes: countsModes)
    if let frozen {
      _ = try FrameSchema(features: features, vocabularies: frozen)
    }
    spill = try SpillWriter(directory: spillDirectory)
  }

  /// Adds one event. Throws when its CAMEO code has no root 01…20 (and it has no PLOVER type)
  /// or the spill file fails.
  public func add(_ event: EventRecord) throws {
    try add(EventBatch(records: [event]))
  }

  /// Adds a batch of events in order (each distinct group name and sector list is looked up once);
  /// throws as `add(_:)` does, after adding the events before the one at fault.
  public func add(_ batch: EventBatch) throws {
    precondition(!finished, "FrameBuilder.add after finish()")
    try accumulator.add(batch, options: options, spill: spill)
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
      let fitCount = field.usesSecondSlot ? accumulator.targetFitCount : accumulator.sourceFitCount
      let vocabulary = frozen?[field] ?? accumulator.fitVocabulary(fitCount: fitCount, topK: topK)
      vocabularies[field] = vocabulary
      sectorTables[field] = accumulator.slotTable(vocabulary: vocabulary)
    }
    let schema = try FrameSchema(features: features, vocabularies: vocabularies)
    let groupNames = accumulator.groupNames
    let order = groupNames.indices.sorted { groupNames[$0].precedesInByteOrder(groupNames[$1]) }
    let reader = try spill.finish(order: order)
    let hasEvents = eventCount > 0
    return AggregatedFrames(
      schema: schema, groups: order.map { groupNames[$0] },
      calendarStart: hasEvents ? period.firstDay(ofOrdinal: accumulator.firstPeriod) : Day(index: 0),
      period: period, dayCount: hasEvents ? Int(accumulator.lastPeriod - accumulator.firstPeriod) + 1 : 0,
      eventCount: eventCount, spill: reader,
      sourceSlots: sectorTables[.sourceSectors] ?? sectorTables[.contexts], targetSlots: sectorTables[.targetSectors])
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

/// What the builder's configuration says `add` does with an event.
private struct AddOptions {
  var groupBy: GroupBy
  var fitEnd: Day?
  var period: CalendarPeriod
  var needsSourceSets: Bool
  var needsTargetSets: Bool
  var needsContextSets: Bool
  var countsMentions: Bool
  /// POLECAT's Event Mode rides in the target-set slot (POLECAT has no sectors, GDELT no modes).
  var countsModes: Bool
}

/// The builder's tables: group names and sector sets, interned (set 0 is the empty set), the
/// per-set counts over the fit range, the range of periods seen and the event count.
private struct Accumulator {
  var eventCount = 0
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
  // Set ids by an array's storage object: readers hand out the same interned [String] for repeated
  // sector lists, so batches skip hashing strings.
  var listSets = ListSetCache()

  /// Adds the batch's events in order. Each distinct string or list of the batch is mapped once
  /// (CAMEO root, group id, set id), when an event first uses it, so ids are numbered in order of
  /// first appearance exactly as event by event.
  mutating func add(_ batch: EventBatch, options o: AddOptions, spill: SpillWriter) throws {
    var rootOfString = [Int8](repeating: -1, count: batch.strings.count)
    var groupOfString = [Int](repeating: -1, count: batch.strings.count)
    var setOfList = [UInt32](repeating: .max, count: batch.lists.count)
    var allGroup = -1
    func setID(_ list: UInt32) throws -> UInt32 {
      if setOfList[Int(list)] == .max {
        setOfList[Int(list)] = try cachedSetID(in: batch.lists, at: Int(list))
      }
      return setOfList[Int(list)]
    }
    for i in 0..<batch.count {
      let event = batch[i]
      let root: Int
      if event.ploverType != 0 {
        root = Int(event.ploverType)
      } else {
        if rootOfString[Int(event.cameoCode)] < 0 {
          rootOfString[Int(event.cameoCode)] = Int8(FrameBuilder.root(of: batch.strings[Int(event.cameoCode)]))
        }
        root = Int(rootOfString[Int(event.cameoCode)])
      }
      guard (1...20).contains(root) else {
        let code = batch.strings[Int(event.cameoCode)]
        throw FrameError(
          .badCameoCode, context: "event \(batch.eventID(i)) (\(event.date))",
          "CAMEO code '\(code)' has no root 01…20; the reader should have rejected it")
      }
      // Sets first (source, target, contexts, as event by event); set 0 is the empty set.
      let inFit = o.fitEnd.map { event.date <= $0 } ?? true
      var source: UInt32 = 0
      var target: UInt32 = 0
      if o.needsSourceSets {
        source = try setID(event.sourceSectors)
        if inFit && source != 0 { sourceFitCount[Int(source)] += 1 }
      }
      if o.needsTargetSets {
        target = try setID(event.targetSectors)
        if inFit && target != 0 { targetFitCount[Int(target)] += 1 }
      }
      if o.needsContextSets {
        let contexts = try setID(event.contexts)
        if contexts != 0 {
          source = contexts
          if inFit { sourceFitCount[Int(source)] += 1 }
        }
      }
      let group: Int
      switch o.groupBy {
      case .none:
        if allGroup < 0 { allGroup = groupID(for: "(all)", spill: spill) }
        group = allGroup
      case .country, .sourceCountry, .targetCountry:
        let name =
          o.groupBy == .country
          ? event.country : o.groupBy == .sourceCountry ? event.sourceCountry : event.targetCountry
        if groupOfString[Int(name)] < 0 {
          let text = batch.strings[Int(name)]
          groupOfString[Int(name)] = groupID(for: text.isEmpty ? "(none)" : text, spill: spill)
        }
        group = groupOfString[Int(name)]
      }
      if o.countsMentions { target = UInt32(clamping: event.mentions) }
      if o.countsModes { target = UInt32(event.eventMode) }
      let quad = event.quadClass != 0 ? Int(event.quadClass) : QuadClass(root: root).index + 1
      // The spill keeps the period's ordinal where a daily calendar keeps the day (the same for days).
      let ordinal = o.period.ordinal(of: event.date)
      firstPeriod = min(firstPeriod, ordinal)
      lastPeriod = max(lastPeriod, ordinal)
      try spill.append(
        SpilledEvent(
          day: Day(index: ordinal), root: root, quad: quad, sourceSet: source, targetSet: target,
          intensity: Float(event.intensity)),
        group: group)
      eventCount += 1
    }
  }

  /// The group's id (groups are numbered in order of appearance, and each new one gets a spill slot).
  mutating func groupID(for name: String, spill: SpillWriter) -> Int {
    if let id = groupIDs[name] { return id }
    let id = groupNames.count
    groupIDs[name] = id
    groupNames.append(name)
    spill.addGroup()
    return id
  }

  /// The set id of `lists[i]` (0 for an empty list). A list seen before is found by its storage
  /// object, read without retaining it: the object itself is not touched, so its cache line stays
  /// with the core that parsed it.
  mutating func cachedSetID(in lists: [[String]], at i: Int) throws -> UInt32 {
    // An array is one reference to its storage object (folded away at compile time).
    precondition(MemoryLayout<[String]>.size == MemoryLayout<UInt>.size)
    let object = lists.withUnsafeBytes { $0.load(fromByteOffset: i * MemoryLayout<[String]>.stride, as: UInt.self) }
    if let id = listSets.id(of: object) { return id }
    let sectors = lists[i]
    let id = sectors.isEmpty ? 0 : try setID(for: sectors)
    listSets.insert(object, id: id, keepingAlive: sectors)
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

/// Set ids by the storage object of a `[String]`, in an open-addressed table that keeps every array it
/// holds alive (so no address is reused by another array while it is a key). Each parse thread interns
/// its own copy of a list, so a run sees each list a few times over; past half the capacity on
/// pathological input the table starts over (a missed object only costs a dictionary lookup).
struct ListSetCache {
  private static let capacity = 1 << 17
  /// Object and id side by side, one cache line per probe; object 0 marks a free slot.
  private var slots = [UInt](repeating: 0, count: 2 * ListSetCache.capacity)
  private var arrays: [[String]] = []

  private static func start(_ object: UInt) -> Int {
    Int(truncatingIfNeeded: (object &* 0x9E37_79B9_7F4A_7C15) >> 47) & (capacity - 1)
  }

  func id(of object: UInt) -> UInt32? {
    slots.withUnsafeBufferPointer { table in
      var s = Self.start(object)
      while table[2 * s] != 0 {
        if table[2 * s] == object { return UInt32(truncatingIfNeeded: table[2 * s + 1]) }
        s = (s + 1) & (Self.capacity - 1)
      }
      return nil
    }
  }

  mutating func insert(_ object: UInt, id: UInt32, keepingAlive array: [String]) {
    if arrays.count >= Self.capacity / 2 {
      slots.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
      arrays.removeAll(keepingCapacity: true)
    }
    arrays.append(array)
    var s = Self.start(object)
    while slots[2 * s] != 0 { s = (s + 1) & (Self.capacity - 1) }
    slots[2 * s] = object
    slots[2 * s + 1] = UInt(id)
  }
}
