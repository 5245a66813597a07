import EventData
import Support

/// POLECAT rows of a synthetic dump: the documented 40 columns, tab-separated, `None` for missing.
extension SyntheticRowWriter {
  /// POLECAT's weekly header, as its codebook documents it.
  static let polecatHeader = [
    "Event ID", "Event Date", "Event Type", "Event Mode", "Event Intensity", "Quad Code", "Contexts", "Actor Name",
    "Actor Country", "Actor COW", "Primary Actor Sector", "Actor Sectors", "Actor Title", "Actor Name Raw",
    "Wikipedia Actor ID", "Recipient Name", "Recipient Country", "Recipient COW", "Primary Recipient Sector",
    "Recipient Sectors", "Recipient Title", "Recipient Name Raw", "Wikipedia Recipient ID", "Placename", "City",
    "District", "Province", "Country", "Latitude", "Longitude", "GeoNames ID", "Raw Placename", "Feature Type",
    "Source", "Publication Date", "Story People", "Story Organizations", "Story Locations", "Language", "Version",
  ].joined(separator: "\t")

  /// Per codebook code: the PLOVER type (`ASSAULT`), its Quad Code (`MATERIAL CONFLICT`) and the
  /// mode (`firearms`, or `None`).
  static func polecatCodes(_ entries: [CameoEntry]) -> [PolecatCode] {
    entries.map { entry in
      let type = SyntheticVocabulary.ploverType(code: entry.code, root: entry.root)
      let quad = SyntheticRowWriter.quadCodeWords[type.quadClass.index]
      let mode = SyntheticVocabulary.ploverMode(code: entry.code)?.rawValue ?? "None"
      return PolecatCode(
        type: Array(type.rawValue.uppercased().utf8), quadCode: Array(quad.utf8), mode: Array(mode.utf8),
        ploverType: type)
    }
  }

  mutating func appendPolecat(_ event: DrawnEvent, publisher: Int, hasCity: Bool, to out: inout [UInt8]) {
    let code = codes[event.code]
    let plover = polecatCodes[event.code]
    let place = event.place
    let none = SyntheticRowWriter.noneBytes
    func tab() { out.append(0x09) }
    func field(_ bytes: [UInt8]) {
      out.append(contentsOf: bytes)
      out.append(0x09)
    }
    func nones(_ n: Int) { for _ in 0..<n { field(none) } }
    // Event ID: the day and a number unique in the dump, as POLECAT's `20230103-0001`.
    appendCompactDay(dump.start + event.day, &out)
    out.append(0x2D)
    appendNumber(event.row, &out)
    tab()
    appendDay(dump.start + event.day, &out)
    tab()
    field(plover.type)
    field(plover.mode)
    field(code.intensity)
    field(plover.quadCode)
    appendContexts(plover.ploverType, &out)
    tab()
    field(event.source.name)
    appendCountryList(event.source.country, &out)
    tab()
    nones(4)  // Actor COW, Primary Actor Sector, Actor Sectors, Actor Title
    field(event.source.name)  // Actor Name Raw
    field(none)  // Wikipedia Actor ID
    field(event.target.name)
    appendCountryList(event.target.country, &out)
    tab()
    nones(4)
    field(event.target.name)
    field(none)
    field(hasCity ? place.city : none)  // Placename
    field(hasCity ? place.city : none)  // City
    field(none)  // District
    field(place.province)
    field(iso3[event.country])
    field(place.latitude)
    field(place.longitude)
    field(none)  // GeoNames ID
    field(hasCity ? place.city : none)  // Raw Placename
    field(none)  // Feature Type
    field(publishers[publisher])
    appendDay(dump.start + event.day, &out)  // Publication Date
    tab()
    nones(3)  // Story People, Organizations, Locations
    field(SyntheticRowWriter.languageBytes)
    out.append(contentsOf: SyntheticRowWriter.versionBytes)
    out.append(0x0A)
  }

  /// A country, or now and then two (`USA; GBR`), of which readers keep the first.
  private mutating func appendCountryList(_ country: Int, _ out: inout [UInt8]) {
    out.append(contentsOf: iso3[country])
    if detail.below(12) == 0 {
      out.append(0x3B)
      out.append(0x20)
      out.append(contentsOf: iso3[foreignPicker.pick(&detail)])
    }
  }

  /// 0–3 context tokens, `;`-separated (sometimes `; `), drawn Zipf-like, or `None`; military
  /// contexts are more likely for material conflict.
  private mutating func appendContexts(_ type: PloverEventType, _ out: inout [UInt8]) {
    let count = SyntheticRowWriter.contextCounts[detail.below(SyntheticRowWriter.contextCounts.count)]
    guard count > 0 else {
      out.append(contentsOf: SyntheticRowWriter.noneBytes)
      return
    }
    // Up to three distinct picks, without an array per row.
    var used = (-1, -1, -1)
    var n = 0
    func add(_ pick: Int) {
      guard pick != used.0, pick != used.1, pick != used.2 else { return }
      switch n {
      case 0: used.0 = pick
      case 1: used.1 = pick
      default: used.2 = pick
      }
      n += 1
    }
    if type.quadClass == .materialConflict, detail.below(2) == 0 { add(1) }  // military
    while n < count { add(contextPicker.pick(&detail)) }
    let spaced = detail.below(5) == 0
    for i in 0..<n {
      let pick = i == 0 ? used.0 : i == 1 ? used.1 : used.2
      if i > 0 {
        out.append(0x3B)
        if spaced { out.append(0x20) }
      }
      out.append(contentsOf: contexts[pick])
    }
  }

  static let noneBytes = Array("None".utf8)
  static let languageBytes = Array("en".utf8)
  static let versionBytes = Array("v1.2".utf8)

  /// Quad classes as POLECAT's Quad Code writes them, in `QuadClass` order.
  static let quadCodeWords = ["VERBAL COOPERATION", "MATERIAL COOPERATION", "VERBAL CONFLICT", "MATERIAL CONFLICT"]

  /// How many contexts an event has: a third none, most one or two.
  static let contextCounts = [0, 0, 0, 1, 1, 1, 1, 2, 2, 3]

  func appendCompactDay(_ day: Day, _ out: inout [UInt8]) {
    let (y, m, d) = day.components
    appendPadded(y, 4, &out)
    appendPadded(m, 2, &out)
    appendPadded(d, 2, &out)
  }
}

/// What a POLECAT row writes for one CAMEO code.
struct PolecatCode {
  var type: [UInt8]
  var quadCode: [UInt8]
  var mode: [UInt8]
  var ploverType: PloverEventType
}
