/// How one input file encodes events, detected from its header and first rows (never its name).
public struct Layout: Sendable, Equatable {
  public enum Kind: String, Sendable {
    /// Dataverse 1995 → 2023: unquoted, empty = missing, `YYYY-MM-DD`.
    case classic
    /// Dataverse re-encoded `.tab` (2015, 2016): string fields in double quotes.
    case dataverseQuoted = "dataverse_quoted"
    /// The 2017 re-release: `M/D/YYYY`, `NULL` = missing, comma fields quoted, CAMEO Code optional.
    case rerelease2017 = "rerelease_2017"
    /// The longer government layout: extra columns, `NULL` = missing, CAMEO Code optional.
    case government
  }

  /// The data set the file comes from; it decides which features a pipeline can ask for.
  public enum Source: String, Sendable {
    case icews, polecat, gdelt

    /// The name as people write it (`POLECAT`).
    public var title: String { rawValue.uppercased() }
  }

  public var kind: Kind
  /// Number of columns every data row must have.
  public var columnCount: Int
  /// Fields may be wrapped in double quotes.
  public var quoted: Bool
  /// Event Date is `M/D/YYYY` rather than `YYYY-MM-DD`.
  public var slashDates: Bool
  /// The field delimiter, sniffed from the header: tab (`0x09`), or comma (`0x2C`) for re-exports
  /// written by pandas or R.
  public var delimiter: UInt8 = 0x09
  public var source: Source = .icews
  /// False for GDELT: its files have no header, line 1 is an event.
  public var hasHeader = true
  /// Columns that carry a name; a row may have more fields than this only when they are empty
  /// (POLECAT's trailing tabs). Equal to `columnCount` for ICEWS.
  var namedColumnCount = -1
  /// A record may continue on the next line while a quoted field is open (comma-separated files;
  /// ICEWS's own tab files never break a record).
  public var multilineRecords: Bool { delimiter == 0x2C }
  var columns: Columns

  /// Column positions by header name; -1 where the layout has no such column.
  struct Columns: Sendable, Equatable {
    var eventID = -1, eventDate = -1, sourceSectors = -1, sourceCountry = -1, eventText = -1
    var cameoCode = -1, intensity = -1, targetSectors = -1, targetCountry = -1, country = -1
    var latitude = -1, longitude = -1
    // POLECAT (country, intensity, latitude and longitude above are shared).
    var eventType = -1, eventMode = -1, quadCode = -1, contexts = -1
    // GDELT (fixed positions).
    var eventCode = -1, rootCode = -1, quadClass = -1, goldstein = -1, mentions = -1
  }

  /// Whether the file carries a CAMEO Code column (else codes come from Event Text).
  public var hasCameoCode: Bool { columns.cameoCode >= 0 }

  static let requiredColumns = [
    "Event ID", "Event Date", "Source Sectors", "Source Country", "Event Text", "Intensity",
    "Target Sectors", "Target Country", "Country",
  ]
  static let governmentColumns = ["Event Sentence", "Source", "Headline", "Product ID", "Holding ID", "Language"]

  /// The delimiter of a header line: tab when it holds one, else comma when it holds one.
  static func sniffDelimiter(_ header: UnsafeRawBufferPointer) -> UInt8 {
    header.contains(0x09) || !header.contains(0x2C) ? 0x09 : 0x2C
  }

  /// A header name as matched: ASCII case, blanks, `_`, `.` and `-` ignored, so `Event ID`,
  /// `Event_ID`, `event.id` (R) and `EVENT-ID` are one column.
  static func matchKey(_ name: String) -> String {
    String(
      decoding: name.utf8.compactMap { b -> UInt8? in
        switch b {
        case 0x20, 0x5F, 0x2E, 0x2D: return nil
        case 0x41...0x5A: return b + 0x20
        default: return b
        }
      }, as: UTF8.self
    ).replacingOccurrences(of: "\u{FEFF}", with: "")
  }

  /// Detects the layout from the header line and up to the first rows of a file.
  static func detect(header: UnsafeRawBufferPointer, sample: [UnsafeRawBufferPointer], file: String) throws -> Layout {
    if let gdelt = gdelt(firstLine: header) { return gdelt }
    guard ByteParsing.isValidUTF8(header) else {
      throw EventReadError(.unknownLayout, file: file, line: 1, reason: "header is not valid UTF-8")
    }
    let delimiter = sniffDelimiter(header)
    let splitter = FieldSplitter(quoted: true, delimiter: delimiter)
    _ = splitter.split(header)
    var names: [String] = []
    for i in 0..<splitter.count {
      names.append(matchKey(String(decoding: splitter.field(i), as: UTF8.self)))
    }
    func column(_ name: String) -> Int { names.firstIndex(of: matchKey(name)) ?? -1 }
    if column("Event Type") >= 0, column("Quad Code") >= 0 {
      return try polecat(names: names, file: file)
    }
    let missing = requiredColumns.filter { column($0) < 0 }
    guard missing.isEmpty else {
      let separated = delimiter == 0x09 ? "tab" : "comma"
      throw EventReadError(
        .unknownLayout, file: file, line: 1,
        reason: "not an ICEWS event file: header lacks \(missing.joined(separator: ", ")) "
          + "(read as \(names.count) \(separated)-separated columns)")
    }
    var columns = Columns()
    columns.eventID = column("Event ID")
    columns.eventDate = column("Event Date")
    columns.sourceSectors = column("Source Sectors")
    columns.sourceCountry = column("Source Country")
    columns.eventText = column("Event Text")
    columns.cameoCode = column("CAMEO Code")
    columns.intensity = column("Intensity")
    columns.targetSectors = column("Target Sectors")
    columns.targetCountry = column("Target Country")
    columns.country = column("Country")
    columns.latitude = column("Latitude")
    columns.longitude = column("Longitude")

    // Quoting: the header or any sampled field wrapped in double quotes; always in comma files.
    var quoted = header.contains(0x22) || delimiter == 0x2C
    var slashVotes = 0
    var isoVotes = 0
    if delimiter == 0x2C {
      // Commas inside quoted fields: count columns with the parser (a line that ends inside a
      // quoted field is part of a longer record and does not vote).
      for line in sample where splitter.split(line) && splitter.count == names.count {
        let f = ByteParsing.unwrappingQuotes(splitter.field(columns.eventDate))
        if f.contains(0x2F) { slashVotes += 1 } else if f.contains(0x2D) { isoVotes += 1 }
      }
    }
    for line in sample where delimiter == 0x09 {
      var fieldStart = 0
      var index = 0
      for i in 0...line.count {
        if i == line.count || line[i] == 0x09 {
          if i - fieldStart >= 2, line[fieldStart] == 0x22, line[i - 1] == 0x22 { quoted = true }
          if index == columns.eventDate {
            let f = UnsafeRawBufferPointer(rebasing: line[fieldStart..<i])
            if f.contains(0x2F) { slashVotes += 1 } else if f.contains(0x2D) { isoVotes += 1 }
          }
          fieldStart = i + 1
          index += 1
        }
      }
    }
    let slashDates = slashVotes > isoVotes
    // The 2017 re-release quotes fields with commas, which the first rows may happen not to have.
    if slashDates { quoted = true }
    let government = governmentColumns.contains { column($0) >= 0 }
    let kind: Kind =
      government ? .government : slashDates ? .rerelease2017 : quoted ? .dataverseQuoted : .classic
    return Layout(
      kind: kind, columnCount: names.count, quoted: quoted, slashDates: slashDates, delimiter: delimiter,
      columns: columns)
  }
}

extension Layout {
  /// POLECAT's tab-separated weekly and yearly files, recognized by `Event Type` and `Quad Code`.
  static func polecat(names: [String], file: String) throws -> Layout {
    func column(_ name: String) -> Int { names.firstIndex(of: matchKey(name)) ?? -1 }
    var columns = Columns()
    columns.eventID = column("Event ID")
    columns.eventDate = column("Event Date")
    columns.eventType = column("Event Type")
    columns.eventMode = column("Event Mode")
    columns.quadCode = column("Quad Code")
    columns.contexts = column("Contexts")
    columns.intensity = column("Event Intensity") >= 0 ? column("Event Intensity") : column("Intensity")
    columns.sourceCountry = column("Actor Country")
    columns.targetCountry = column("Recipient Country")
    columns.country = column("Country")
    columns.latitude = column("Latitude")
    columns.longitude = column("Longitude")
    let required: [(String, Int)] = [
      ("Event ID", columns.eventID), ("Event Date", columns.eventDate), ("Event Intensity", columns.intensity),
      ("Country", columns.country),
    ]
    let missing = required.filter { $0.1 < 0 }.map(\.0)
    guard missing.isEmpty else {
      throw EventReadError(
        .unknownLayout, file: file, line: 1,
        reason: "a POLECAT header (Event Type, Quad Code) that lacks \(missing.joined(separator: ", "))")
    }
    var named = names.count
    while named > 0, names[named - 1].isEmpty { named -= 1 }
    var layout = Layout(
      kind: .classic, columnCount: names.count, quoted: false, slashDates: false, delimiter: 0x09, columns: columns)
    layout.source = .polecat
    layout.namedColumnCount = named
    return layout
  }

  /// GDELT event files have no header: 57 or 58 tab-separated columns in 1.0, 61 in 2.0, the first
  /// a numeric GLOBALEVENTID and the second a `YYYYMMDD` SQLDATE.
  static func gdelt(firstLine line: UnsafeRawBufferPointer) -> Layout? {
    var fields: [Range<Int>] = []
    var start = 0
    for i in 0...line.count where i == line.count || line[i] == 0x09 {
      fields.append(start..<i)
      start = i + 1
      if fields.count > 61 { return nil }
    }
    guard [57, 58, 61].contains(fields.count) else { return nil }
    func field(_ i: Int) -> UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: line[fields[i]]) }
    guard !field(0).isEmpty, field(0).allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), ByteParsing.compactDay(field(1)) != nil
    else { return nil }
    let v2 = fields.count == 61
    var columns = Columns()
    columns.eventID = 0
    columns.eventDate = 1
    columns.sourceCountry = 7  // Actor1CountryCode
    columns.targetCountry = 17  // Actor2CountryCode
    columns.eventCode = 26
    columns.rootCode = 28
    columns.quadClass = 29
    columns.goldstein = 30
    columns.mentions = 31
    columns.country = v2 ? 53 : 51  // ActionGeo_CountryCode (FIPS)
    columns.latitude = v2 ? 56 : 53
    columns.longitude = v2 ? 57 : 54
    var layout = Layout(
      kind: .classic, columnCount: fields.count, quoted: false, slashDates: false, delimiter: 0x09, columns: columns)
    layout.source = .gdelt
    layout.hasHeader = false
    return layout
  }
}
