import Support

/// One event of an `EventBatch`: its strings and lists are indices into the batch's `strings` and
/// `lists`, so the event holds no references and a consumer can map each distinct value once per batch.
public struct PackedEvent: Sendable, Equatable {
  public var date: Day
  /// ICEWS intensity, −10…10 (GDELT: Goldstein).
  public var intensity: Double
  /// The CAMEO code, in `strings` (`""` for POLECAT, which has PLOVER types instead).
  public var cameoCode: UInt32 = 0
  public var sourceSectors: UInt32 = 0
  public var targetSectors: UInt32 = 0
  public var contexts: UInt32 = 0
  public var sourceCountry: UInt32 = 0
  public var targetCountry: UInt32 = 0
  public var country: UInt32 = 0
  public var quadClass: UInt8 = 0
  public var ploverType: UInt8 = 0
  public var eventMode: UInt8 = 0
  public var mentions: Int32 = 0

  public init(date: Day, intensity: Double) {
    self.date = date
    self.intensity = intensity
  }
}

/// Accepted, de-duplicated events in input order, as the reader delivers them: a run of one chunk's
/// events with the chunk's tables of distinct values. `record(_:)` gives an event as an `EventRecord`.
public struct EventBatch: Sendable {
  /// Distinct country names and CAMEO codes; index 0 is `""` (missing).
  public let strings: [String]
  /// Distinct sector and context lists; index 0 is `[]` (missing).
  public let lists: [[String]]
  let events: [ParsedEvent]
  /// The chunk's events in this batch, as indices into `events`.
  let selected: [Int32]

  init(events: [ParsedEvent], selected: [Int32], strings: [String], lists: [[String]]) {
    self.events = events
    self.selected = selected
    self.strings = strings
    self.lists = lists
  }

  /// A batch of `records` (each distinct string and list stored once), for callers that hold records.
  public init(records: [EventRecord]) {
    var strings = Interned(first: "")
    var lists = Interned<[String]>(first: [])
    var events: [ParsedEvent] = []
    for record in records {
      var packed = PackedEvent(date: record.date, intensity: record.intensity)
      packed.cameoCode = strings.index(of: record.cameoCode)
      packed.sourceSectors = lists.index(of: record.sourceSectors)
      packed.targetSectors = lists.index(of: record.targetSectors)
      packed.contexts = lists.index(of: record.contexts)
      packed.sourceCountry = strings.index(of: record.sourceCountry)
      packed.targetCountry = strings.index(of: record.targetCountry)
      packed.country = strings.index(of: record.country)
      packed.quadClass = record.quadClass
      packed.ploverType = record.ploverType
      packed.eventMode = record.eventMode
      packed.mentions = record.mentions
      events.append(ParsedEvent(eventID: record.eventID, key: 0, packed: packed))
    }
    self.init(
      events: events, selected: events.indices.map { Int32($0) }, strings: strings.values, lists: lists.values)
  }

  public var count: Int { selected.count }

  public subscript(i: Int) -> PackedEvent { events[Int(selected[i])].packed }

  public func eventID(_ i: Int) -> String { events[Int(selected[i])].eventID }

  public func record(_ i: Int) -> EventRecord {
    let e = self[i]
    return EventRecord(
      eventID: eventID(i), date: e.date, sourceSectors: lists[Int(e.sourceSectors)],
      sourceCountry: strings[Int(e.sourceCountry)], cameoCode: strings[Int(e.cameoCode)], intensity: e.intensity,
      targetSectors: lists[Int(e.targetSectors)], targetCountry: strings[Int(e.targetCountry)],
      country: strings[Int(e.country)], quadClass: e.quadClass, ploverType: e.ploverType,
      contexts: lists[Int(e.contexts)], mentions: e.mentions, eventMode: e.eventMode)
  }
}

/// Distinct values numbered in order of first appearance (`first` is index 0).
private struct Interned<Value: Hashable> {
  private(set) var values: [Value]
  private var indices: [Value: UInt32]

  init(first: Value) {
    values = [first]
    indices = [first: 0]
  }

  mutating func index(of value: Value) -> UInt32 {
    if let i = indices[value] { return i }
    let i = UInt32(values.count)
    values.append(value)
    indices[value] = i
    return i
  }
}
