import Support

/// POLECAT rows: PLOVER event type, quad, intensity, contexts and countries.
extension RowParser {
  mutating func parsePolecatRow(_ line: UnsafeRawBufferPointer, layout: Layout, splitter: FieldSplitter) -> RowOutcome {
    _ = splitter.split(line)
    guard splitter.lineIsUTF8(line) else {
      // Some releases are ISO-8859-1: every byte is one code point.
      let converted = ByteParsing.latin1ToUTF8(line)
      return converted.withUnsafeBytes { parsePolecatRow($0, layout: layout, splitter: splitter) }
    }
    let n = splitter.count
    // Trailing tabs: extra fields past the named columns are accepted when empty.
    guard
      n == layout.columnCount
        || (n >= layout.namedColumnCount && (layout.namedColumnCount..<n).allSatisfy { splitter.field($0).isEmpty })
    else {
      return .rejected("wrong field count: expected \(layout.namedColumnCount), found \(n)")
    }
    let c = layout.columns
    func field(_ i: Int) -> UnsafeRawBufferPointer {
      i >= 0 && i < n ? splitter.field(i) : UnsafeRawBufferPointer(start: nil, count: 0)
    }
    func text(_ f: UnsafeRawBufferPointer) -> String { String(decoding: f, as: UTF8.self) }

    let idField = field(c.eventID)
    guard !ByteParsing.isMissing(idField) else { return .rejected("missing Event ID") }
    let dateField = field(c.eventDate)
    guard !ByteParsing.isMissing(dateField) else { return .rejected("missing Event Date") }
    guard let date = ByteParsing.isoDayPrefix(dateField) else {
      return .rejected("bad Event Date (expected YYYY-MM-DD): \(text(dateField).messageQuote)")
    }
    guard Day.plausibleRange.contains(date) else {
      return .rejected(
        "Event Date out of range \(Day.plausibleRange.lowerBound.iso)...\(Day.plausibleRange.upperBound.iso): "
          + "\(text(dateField).messageQuote)")
    }
    let typeField = field(c.eventType)
    guard !ByteParsing.isMissing(typeField) else { return .rejected("missing Event Type") }
    guard let type = PloverEventType.parse(typeField) else {
      return .rejected("unknown Event Type (not one of the 16 PLOVER types): \(text(typeField).messageQuote)")
    }
    var quad = type.quadClass
    let quadField = field(c.quadCode)
    if !ByteParsing.isMissing(quadField) {
      guard let given = QuadClass.parse(quadField) else {
        return .rejected("unknown Quad Code: \(text(quadField).messageQuote)")
      }
      quad = given
    }
    let intensityField = field(c.intensity)
    guard !ByteParsing.isMissing(intensityField) else { return .rejected("missing Event Intensity") }
    guard let intensity = ByteParsing.decimal(intensityField) else {
      return .rejected("non-numeric Event Intensity: \(text(intensityField).messageQuote)")
    }
    guard intensity >= -10, intensity <= 10 else {
      return .rejected("Event Intensity out of range -10...10: \(text(intensityField).messageQuote)")
    }
    for (name, index) in [("Latitude", c.latitude), ("Longitude", c.longitude)] where index >= 0 {
      let f = field(index)
      if !ByteParsing.isMissing(f), !ByteParsing.isDecimal(f) {
        return .rejected("non-numeric \(name): \(text(f).messageQuote)")
      }
    }
    let modeField = field(c.eventMode)
    let mode =
      ByteParsing.isMissing(modeField) ? 0 : PloverEventMode.parse(modeField)?.number ?? PloverEventMode.otherNumber
    var event = PackedEvent(date: date, intensity: intensity)
    event.contexts = contexts(field(c.contexts))
    event.sourceCountry = country(ByteParsing.firstListed(field(c.sourceCountry)))
    event.targetCountry = country(ByteParsing.firstListed(field(c.targetCountry)))
    event.country = country(ByteParsing.firstListed(field(c.country)))
    event.quadClass = UInt8(quad.index + 1)
    event.ploverType = type.number
    event.eventMode = mode
    return .event(ParsedEvent(eventID: text(idField), key: RowParser.packedKey(idField, date), packed: event))
  }
}
