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
  /// A record may continue on the next line while a quoted field is open (comma-separated files;
  /// ICEWS's own tab files never break a record).
  public var multilineRecords: Bool { delimiter == 0x2C }
  var columns: Columns

  /// Column positions by header name; -1 where the layout has no such column.
  struct Columns: Sendable, Equatable {
    var eventID = -1, eventDate = -1, sourceSectors = -1, sourceCountry = -1, eventText = -1
    var cameoCode = -1, intensity = -1, targetSectors = -1, targetCountry = -1, country = -1
    var latitude = -1, longitude = -1
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
