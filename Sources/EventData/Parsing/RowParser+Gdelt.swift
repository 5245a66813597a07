import Support

/// GDELT 1.0 / 2.0 event rows, read by column position (the files have no header).
extension RowParser {
  mutating func parseGdeltRow(_ line: UnsafeRawBufferPointer, layout: Layout, splitter: FieldSplitter) -> RowOutcome {
    _ = splitter.split(line)
    guard splitter.lineIsUTF8(line) else { return .rejected("invalid UTF-8") }
    guard splitter.count == layout.columnCount else {
      return .rejected("wrong field count: expected \(layout.columnCount), found \(splitter.count)")
    }
    let c = layout.columns
    func text(_ f: UnsafeRawBufferPointer) -> String { String(decoding: f, as: UTF8.self) }
    let idField = splitter.field(c.eventID)
    guard !idField.isEmpty else { return .rejected("missing GLOBALEVENTID") }
    let dateField = splitter.field(c.eventDate)
    guard let date = ByteParsing.compactDay(dateField) else {
      return .rejected("bad SQLDATE (expected YYYYMMDD): \(text(dateField).messageQuote)")
    }
    guard Day.plausibleRange.contains(date) else {
      return .rejected("SQLDATE out of range 19000101...20991231: \(text(dateField).messageQuote)")
    }
    let rootField = splitter.field(c.rootCode)
    guard rootField.count == 2, let root = ByteParsing.decimal(rootField), (1...20).contains(Int(root)) else {
      return .rejected("bad EventRootCode (expected 01…20): \(text(rootField).messageQuote)")
    }
    let codeField = splitter.field(c.eventCode)
    guard (2...4).contains(codeField.count), codeField.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
      codeField[0] == rootField[0], codeField[1] == rootField[1]
    else {
      return .rejected(
        "bad EventCode (CAMEO digits under EventRootCode \(text(rootField))): \(text(codeField).messageQuote)")
    }
    let quadField = splitter.field(c.quadClass)
    guard quadField.count == 1, (0x31...0x34).contains(quadField[0]) else {
      return .rejected("bad QuadClass (expected 1…4): \(text(quadField).messageQuote)")
    }
    let goldsteinField = splitter.field(c.goldstein)
    guard let goldstein = ByteParsing.decimal(goldsteinField), goldstein >= -10, goldstein <= 10 else {
      return .rejected("bad GoldsteinScale (expected -10…10): \(text(goldsteinField).messageQuote)")
    }
    let mentionsField = splitter.field(c.mentions)
    guard let mentions = ByteParsing.decimal(mentionsField), mentions >= 0, mentions < 1e9,
      mentions.rounded() == mentions
    else {
      return .rejected("bad NumMentions (expected a count): \(text(mentionsField).messageQuote)")
    }
    for (name, index) in [("ActionGeo_Lat", c.latitude), ("ActionGeo_Long", c.longitude)] {
      let f = splitter.field(index)
      if !f.isEmpty, !ByteParsing.isDecimal(f) { return .rejected("non-numeric \(name): \(text(f).messageQuote)") }
    }
    var event = PackedEvent(date: date, intensity: goldstein)
    event.cameoCode = string(codeField)
    event.sourceCountry = country(splitter.field(c.sourceCountry))
    event.targetCountry = country(splitter.field(c.targetCountry))
    event.country = country(splitter.field(c.country))
    event.quadClass = quadField[0] - 0x30
    event.mentions = Int32(mentions)
    return .event(ParsedEvent(eventID: text(idField), key: RowParser.packedKey(idField, date), packed: event))
  }
}
