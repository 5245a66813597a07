import Support

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// An accepted event as a worker hands it over: its strings and lists are indices into its chunk's
/// `strings` and `lists` (see `PackedEvent`), so events cost no reference counting, across threads
/// least of all.
struct ParsedEvent: Sendable {
  var eventID: String
  /// The packed de-duplication key (0 when the key does not pack).
  var key: UInt64
  var packed: PackedEvent
}

/// A rejected line of a chunk: where it sits relative to the chunk and to the chunk's events.
struct ChunkRejection {
  /// 1-based line within the chunk.
  var lineInChunk: Int
  /// Number of the chunk's accepted events that come before this line.
  var eventsBefore: Int
  var reason: String
  var raw: String
}

/// What a worker returns for one chunk of whole lines.
struct ChunkResult {
  var events: [ParsedEvent] = []
  /// The distinct country names and CAMEO codes (codebook or GDELT) the events use; 0 is the empty string (missing).
  var strings: [String] = [""]
  /// The distinct sector and context lists the events use; 0 is the empty list (missing).
  var lists: [[String]] = [[]]
  var rejects: [ChunkRejection] = []
  /// Physical lines in the chunk (blank ones included).
  var lines = 0
  /// The line (within the chunk) that is longer than `EventReader.maxLineBytes`; parsing stopped there.
  var overlongLine: Int?
}

/// Turns chunks of whole lines into events or rejections for one layout at a time.
///
/// Kept from chunk to chunk: owns a `FieldSplitter` per quoting and delimiter (quoted tab, plain tab,
/// comma) and the interning tables, so a row's country, sector and context values are made only the
/// first time their bytes are seen. A struct, so the hot loop mutates its tables without dynamic
/// exclusivity checks.
/// `@unchecked Sendable`: used by one thread at a time (`ParseWorkers` hands it out through a `ReusePool`).
struct RowParser: @unchecked Sendable {
  let codebook: CameoCodebook
  private lazy var quotedSplitter = FieldSplitter(quoted: true)
  lazy var plainSplitter = FieldSplitter(quoted: false)
  private lazy var commaSplitter = FieldSplitter(quoted: true, delimiter: 0x2C)
  var countries = ByteInterner<String>(maxEntries: 1 << 16)
  var sectorLists = ByteInterner<[String]>(maxEntries: 1 << 16)
  var eventTexts = ByteInterner<Int>(maxEntries: 1 << 16)
  var contextLists = ByteInterner<[String]>(maxEntries: 1 << 16)
  /// Numbers the chunks this parser has parsed (see `ByteInterner.index(for:stamp:in:make:)`).
  private var stamp: UInt32 = 0
  /// Per codebook entry: the chunk that last used its code, and the code's index in that chunk's strings.
  private var codeStamps: [UInt32] = []
  private var codeIndices: [UInt32] = []
  /// The last accepted Event Date field and its day (a dump's rows mostly come in date order).
  private var lastDate = DateMemo()
  /// The chunk being parsed: its values and events so far.
  var current = ChunkResult()
  /// Delivered results handed back (`ParseJob.recycle()`), freed at the start of the next chunk.
  let spent = LockedValue<[ChunkResult]>([])

  init(codebook: CameoCodebook) {
    self.codebook = codebook
  }

  mutating func parse(_ chunk: UnsafeRawBufferPointer, layout: Layout) -> ChunkResult {
    // Frees the delivered results here, on this parser's thread, keeping one events array.
    var delivered = spent.withLock { results in
      defer { results = [] }
      return results
    }
    var events = delivered.popLast()?.events ?? []
    delivered = []
    events.removeAll(keepingCapacity: true)
    stamp &+= 1
    if stamp == 0 {
      // After 2^32 chunks: stamps restart, so no entry may keep an old one.
      stamp = 1
      countries = ByteInterner(maxEntries: 1 << 16)
      sectorLists = ByteInterner(maxEntries: 1 << 16)
      contextLists = ByteInterner(maxEntries: 1 << 16)
      codeStamps = []
    }
    // Every return leaves `current` empty, so the result handed back is the only owner of its arrays.
    defer { current = ChunkResult() }
    current.events = events
    current.events.reserveCapacity(chunk.count / 200)
    let splitter = layout.delimiter == 0x2C ? commaSplitter : layout.quoted ? quotedSplitter : plainSplitter
    guard let base = chunk.baseAddress else { return current }
    var position = 0
    while position < chunk.count {
      let end: Int
      let firstLine = current.lines + 1
      if layout.multilineRecords {
        let record = RecordBoundary.record(in: chunk, from: position, atEnd: true)!
        end = record.end
        current.lines += record.lines
      } else {
        let remaining = chunk.count - position
        let newline = memchr(base + position, 0x0A, remaining)
        end = newline.map { base.distance(to: UnsafeRawPointer($0)) } ?? chunk.count
        current.lines += 1
      }
      if end - position > EventReader.maxLineBytes {
        current.overlongLine = firstLine
        break
      }
      var lineEnd = end
      if lineEnd > position, chunk[lineEnd - 1] == 0x0D { lineEnd -= 1 }
      let line = UnsafeRawBufferPointer(rebasing: chunk[position..<lineEnd])
      position = end + 1
      if line.isEmpty { continue }
      switch parseRow(line, layout: layout, splitter: splitter) {
      case .event(let event):
        current.events.append(event)
      case .rejected(let reason):
        current.rejects.append(
          ChunkRejection(
            lineInChunk: firstLine, eventsBefore: current.events.count, reason: reason,
            raw: String(decoding: line, as: UTF8.self)))
      }
    }
    return current
  }

  enum RowOutcome {
    case event(ParsedEvent)
    case rejected(String)
  }

  private mutating func parseRow(
    _ line: UnsafeRawBufferPointer, layout: Layout, splitter: FieldSplitter
  ) -> RowOutcome {
    switch layout.source {
    case .icews: break
    case .polecat: return parsePolecatRow(line, layout: layout, splitter: splitter)
    case .gdelt: return parseGdeltRow(line, layout: layout, splitter: splitter)
    }
    let closed = splitter.split(line)
    guard splitter.lineIsUTF8(line) else { return .rejected("invalid UTF-8") }
    if !closed || splitter.count != layout.columnCount, layout.quoted, layout.delimiter == 0x09,
      RowParser.hasExtraQuotes(line)
    {
      // Values wrapped in extra quotes (`""Canada""`) are not CSV quoting: split on tabs and
      // unwrap each field (below).
      let plain = plainSplitter
      _ = plain.split(line)
      return parseIcewsFields(line, layout: layout, splitter: plain)
    } else if !closed {
      return .rejected("unterminated quoted field")
    }
    // (the common path hands on the caller's splitter as is: a local copy of the reference would
    // retain and release it once per row)
    return parseIcewsFields(line, layout: layout, splitter: splitter)
  }

  /// The rest of `parseRow` for an ICEWS row once `splitter` holds its fields.
  private mutating func parseIcewsFields(
    _ line: UnsafeRawBufferPointer, layout: Layout, splitter: FieldSplitter
  ) -> RowOutcome {
    guard splitter.count == layout.columnCount else {
      // An opening quote without its closing one swallows the delimiters after it.
      if layout.quoted, (0..<splitter.count).contains(where: { splitter.field($0).contains(layout.delimiter) }) {
        return .rejected("unterminated quoted field")
      }
      return .rejected("wrong field count: expected \(layout.columnCount), found \(splitter.count)")
    }
    let c = layout.columns
    @inline(__always) func missing(_ f: UnsafeRawBufferPointer) -> Bool { ByteParsing.isMissing(f) }
    func text(_ f: UnsafeRawBufferPointer) -> String { String(decoding: f, as: UTF8.self) }
    // Quoted layouts: values wrapped in extra quotes (2017 re-release) read as the value.
    let quoted = layout.quoted
    @inline(__always) func field(_ i: Int) -> UnsafeRawBufferPointer {
      quoted ? ByteParsing.unwrappingQuotes(splitter.field(i)) : splitter.field(i)
    }

    let idField = field(c.eventID)
    guard !missing(idField) else { return .rejected("missing Event ID") }
    let dateField = field(c.eventDate)
    guard !missing(dateField) else { return .rejected("missing Event Date") }
    let date: Day
    if let known = lastDate.day(of: dateField, slashDates: layout.slashDates) {
      date = known
    } else {
      guard let parsed = layout.slashDates ? ByteParsing.slashDay(dateField) : ByteParsing.isoDay(dateField)
      else {
        let expected = layout.slashDates ? "M/D/YYYY" : "YYYY-MM-DD"
        return .rejected("bad Event Date (expected \(expected)): \(text(dateField).messageQuote)")
      }
      guard Day.plausibleRange.contains(parsed) else {
        return .rejected(
          "Event Date out of range \(Day.plausibleRange.lowerBound.iso)...\(Day.plausibleRange.upperBound.iso): "
            + "\(text(dateField).messageQuote)")
      }
      lastDate.remember(dateField, slashDates: layout.slashDates, day: parsed)
      date = parsed
    }

    var entryIndex: Int
    let codeField = c.cameoCode >= 0 ? field(c.cameoCode) : UnsafeRawBufferPointer(start: nil, count: 0)
    if c.cameoCode >= 0, !missing(codeField) {
      if let i = codebook.index(forCodeBytes: codeField) {
        entryIndex = i
      } else {
        switch recoverUnknownCode(codeField, eventText: field(c.eventText)) {
        case .success(let i): entryIndex = i
        case .failure(let reason): return .rejected(reason.text)
        }
      }
    } else {
      let eventText = field(c.eventText)
      guard !missing(eventText) else { return .rejected("missing CAMEO Code and Event Text") }
      let codebook = self.codebook
      entryIndex = eventTexts.value(for: eventText) { bytes in
        codebook.index(forEventText: String(decoding: bytes, as: UTF8.self)) ?? -1
      }
      guard entryIndex >= 0 else {
        return .rejected("unknown Event Text (no CAMEO Code to recover): \(text(eventText).messageQuote)")
      }
    }

    let intensityField = field(c.intensity)
    guard !missing(intensityField) else { return .rejected("missing Intensity") }
    guard let intensity = ByteParsing.decimal(intensityField) else {
      return .rejected("non-numeric Intensity: \(text(intensityField).messageQuote)")
    }
    guard intensity >= -10, intensity <= 10 else {
      return .rejected("Intensity out of range -10...10: \(text(intensityField).messageQuote)")
    }
    if c.latitude >= 0 {
      let f = field(c.latitude)
      if !missing(f), !ByteParsing.isDecimal(f) {
        return .rejected("non-numeric Latitude: \(text(f).messageQuote)")
      }
    }
    if c.longitude >= 0 {
      let f = field(c.longitude)
      if !missing(f), !ByteParsing.isDecimal(f) {
        return .rejected("non-numeric Longitude: \(text(f).messageQuote)")
      }
    }

    var event = PackedEvent(date: date, intensity: intensity)
    event.cameoCode = code(entryIndex)
    event.sourceSectors = sectors(field(c.sourceSectors))
    event.sourceCountry = country(field(c.sourceCountry))
    event.targetSectors = sectors(field(c.targetSectors))
    event.targetCountry = country(field(c.targetCountry))
    event.country = country(field(c.country))
    return .event(ParsedEvent(eventID: text(idField), key: RowParser.packedKey(idField, date), packed: event))
  }

  /// True when some tab-separated field starts with `""` and every field that starts with a
  /// quote also ends with one: the 2017 re-release's extra quotes, not an unterminated field.
  static func hasExtraQuotes(_ line: UnsafeRawBufferPointer) -> Bool {
    var doubled = false
    var start = 0
    for i in 0...line.count where i == line.count || line[i] == 0x09 {
      let n = i - start
      if n > 0, line[start] == 0x22 {
        guard n >= 2, line[i - 1] == 0x22 else { return false }
        if n >= 4, line[start + 1] == 0x22 { doubled = true }
      }
      start = i + 1
    }
    return doubled
  }

  private struct RejectReason: Error {
    var text: String
  }

  /// A code outside the codebook with letters after its digits (`13y`) takes the code its Event Text
  /// gives, when that code starts with the digits the bad code starts with (`13y` + `Threaten with
  /// repression` → `137`); otherwise the row is rejected saying why.
  private mutating func recoverUnknownCode(
    _ code: UnsafeRawBufferPointer, eventText: UnsafeRawBufferPointer
  ) -> Result<Int, RejectReason> {
    let shown = String(decoding: code, as: UTF8.self)
    let digits = code.prefix { $0 >= 0x30 && $0 <= 0x39 }
    guard digits.count >= 2, digits.count < code.count, !ByteParsing.isMissing(eventText) else {
      return .failure(RejectReason(text: "unknown CAMEO Code: \(shown.messageQuote)"))
    }
    let codebook = self.codebook
    let recovered = eventTexts.value(for: eventText) { bytes in
      codebook.index(forEventText: String(decoding: bytes, as: UTF8.self)) ?? -1
    }
    let text = String(decoding: eventText, as: UTF8.self)
    guard recovered >= 0 else {
      return .failure(
        RejectReason(text: "unknown CAMEO Code: \(shown.messageQuote) (Event Text \(text.messageQuote) gives no code)"))
    }
    let candidate = codebook.allEntries[recovered].code
    guard candidate.utf8.starts(with: digits) else {
      return .failure(
        RejectReason(
          text: "unknown CAMEO Code: \(shown.messageQuote) (Event Text \(text.messageQuote) gives \(candidate), "
            + "which does not start with \(String(decoding: digits, as: UTF8.self)))"))
    }
    return .success(recovered)
  }

  /// The country's index in the chunk's strings (0: missing).
  mutating func country(_ f: UnsafeRawBufferPointer) -> UInt32 {
    ByteParsing.isMissing(f) ? 0 : string(f)
  }

  /// The sector list's index in the chunk's lists (0: missing).
  mutating func sectors(_ f: UnsafeRawBufferPointer) -> UInt32 {
    if ByteParsing.isMissing(f) { return 0 }
    return sectorLists.index(for: f, stamp: stamp, in: &current.lists) { ByteParsing.sectors($0) }
  }

  /// The context list's index in the chunk's lists (0: missing).
  mutating func contexts(_ f: UnsafeRawBufferPointer) -> UInt32 {
    if ByteParsing.isMissing(f) { return 0 }
    return contextLists.index(for: f, stamp: stamp, in: &current.lists) { ByteParsing.tokens($0) }
  }

  /// The bytes' index in the chunk's strings (GDELT's event codes), missing or not.
  mutating func string(_ f: UnsafeRawBufferPointer) -> UInt32 {
    countries.index(for: f, stamp: stamp, in: &current.strings) { String(decoding: $0, as: UTF8.self) }
  }

  /// The code of codebook entry `entry`, as an index in the chunk's strings.
  mutating func code(_ entry: Int) -> UInt32 {
    if codeStamps.isEmpty {
      codeStamps = [UInt32](repeating: 0, count: codebook.allEntries.count)
      codeIndices = codeStamps
    }
    if codeStamps[entry] != stamp {
      codeStamps[entry] = stamp
      codeIndices[entry] = UInt32(current.strings.count)
      current.strings.append(codebook.allEntries[entry].code)
    }
    return codeIndices[entry]
  }

  /// `(Event ID, day)` packed into 64 bits when the ID is a canonical decimal below 2^43 and the
  /// day lies in 1970...4840; 0 otherwise (the caller then keys on the strings).
  static func packedKey(_ id: UnsafeRawBufferPointer, _ day: Day) -> UInt64 {
    guard id.count <= 13, id[0] != 0x30 || id.count == 1, day.index >= 0, day.index < 1 << 20 else { return 0 }
    var value: UInt64 = 0
    for b in id {
      guard b >= 0x30, b <= 0x39 else { return 0 }
      value = value * 10 + UInt64(b - 0x30)
    }
    guard value < 1 << 43 else { return 0 }
    return (value << 20 | UInt64(day.index)) + 1
  }
}

/// One accepted Event Date field and its day, so rows repeating the field skip parsing it.
struct DateMemo {
  /// The field's first and last eight bytes, which with its length are all its bytes (8...16 long).
  private var words: (UInt64, UInt64) = (0, 0)
  private var count = -1
  private var slashDates = false
  private var day = Day(index: 0)

  func day(of field: UnsafeRawBufferPointer, slashDates: Bool) -> Day? {
    guard field.count == count, slashDates == self.slashDates, let words = DateMemo.words(field),
      words == self.words
    else { return nil }
    return day
  }

  mutating func remember(_ field: UnsafeRawBufferPointer, slashDates: Bool, day: Day) {
    guard let words = DateMemo.words(field) else { return }
    self.words = words
    count = field.count
    self.slashDates = slashDates
    self.day = day
  }

  private static func words(_ field: UnsafeRawBufferPointer) -> (UInt64, UInt64)? {
    guard field.count >= 8, field.count <= 16 else { return nil }
    return ByteParsing.edgeWords(field)
  }
}
