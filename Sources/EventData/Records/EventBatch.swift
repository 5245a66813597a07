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
    var strings = [""]
    var lists: [[String]] = [[]]
    var stringIndex: [String: UInt32] = ["": 0]
    var listIndex: [[String]: UInt32] = [[]: 0]
    func string(_ s: String) -> UInt32 {
      if let i = stringIndex[s] { return i }
      let i = UInt32(strings.count)
      strings.append(s)
      stringIndex[s] = i
      return i
    }
    func list(_ l: [String]) -> UInt32 {
      if let i = listIndex[l] { return i }
      let i = UInt32(lists.count)
      lists.append(l)
      listIndex[l] = i
      return i
    }
    var events: [ParsedEvent] = []
    for record in records {
      var packed = PackedEvent(date: record.date, intensity: record.intensity)
      packed.cameoCode = string(record.cameoCode)
      packed.sourceSectors = list(record.sourceSectors)
      packed.targetSectors = list(record.targetSectors)
      packed.contexts = list(record.contexts)
      packed.sourceCountry = string(record.sourceCountry)
      packed.targetCountry = string(record.targetCountry)
      packed.country = string(record.country)
      packed.quadClass = record.quadClass
      packed.ploverType = record.ploverType
      packed.eventMode = record.eventMode
      packed.mentions = record.mentions
      events.append(ParsedEvent(eventID: record.eventID, key: 0, packed: packed))
    }
    self.init(events: events, selected: events.indices.map { Int32($0) }, strings: strings, lists: lists)
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
