import EventData
import Support

/// GDELT 2.0 rows of a synthetic dump: 61 tab-separated columns, no header.
extension SyntheticRowWriter {
  /// Per codebook code: EventCode, EventBaseCode and EventRootCode (CAMEO strings, leading zeros
  /// kept), the QuadClass digit and the GoldsteinScale (the code's CAMEO weight, as `-10.0`).
  static func gdeltCodes(_ entries: [CameoEntry], intensities: [[UInt8]]) -> [GdeltCode] {
    zip(entries, intensities).map { entry, intensity in
      let code = Array(entry.code.utf8)
      return GdeltCode(
        code: code, base: Array(code.prefix(3)), root: Array(code.prefix(2)),
        quadClass: UInt8(0x31 + entry.quadClass.index),
        goldstein: intensity.contains(0x2E) ? intensity : intensity + [0x2E, 0x30])
    }
  }

  mutating func appendGdelt(_ event: DrawnEvent, publisher: Int, to out: inout [UInt8]) {
    let gdelt = gdeltCodes[event.code]
    let day = dump.start + event.day
    let (year, month, dayOfMonth) = day.components
    func tab() { out.append(0x09) }
    func field(_ bytes: [UInt8]) {
      out.append(contentsOf: bytes)
      out.append(0x09)
    }
    func blanks(_ n: Int) { for _ in 0..<n { out.append(0x09) } }
    appendNumber(400_000_000 + event.row, &out)  // GLOBALEVENTID
    tab()
    appendCompactDay(day, &out)  // SQLDATE
    tab()
    appendPadded(year, 4, &out)  // MonthYear
    appendPadded(month, 2, &out)
    tab()
    appendPadded(year, 4, &out)  // Year
    tab()
    // FractionDate: the year plus the elapsed fraction, four decimals.
    let dayOfYear = day - Day(year: year, month: 1, day: 1)!
    appendPadded(year, 4, &out)
    out.append(0x2E)
    appendPadded(min(9999, dayOfYear * 10_000 / 365), 4, &out)
    tab()
    func actor(_ country: Int) {
      field(iso3[country])  // ActorCode
      field(upperNames[country])  // ActorName
      field(iso3[country])  // ActorCountryCode
      blanks(7)  // KnownGroup, Ethnic, Religion1, Religion2, Type1, Type2, Type3
    }
    actor(event.source.country)
    actor(event.target.country)
    out.append(detail.below(3) == 0 ? 0x30 : 0x31)  // IsRootEvent
    tab()
    field(gdelt.code)
    field(gdelt.base)
    field(gdelt.root)
    out.append(gdelt.quadClass)
    tab()
    field(gdelt.goldstein)
    var mentions = 1 + detail.below(6)
    if detail.below(8) == 0 { mentions *= 2 + detail.below(15) }
    appendNumber(mentions, &out)  // NumMentions
    tab()
    appendNumber(1 + detail.below(min(mentions, 4)), &out)  // NumSources
    tab()
    appendNumber(mentions, &out)  // NumArticles
    tab()
    appendTenths(Int((detail.uniform(-6, 4) * 10).rounded()), &out)  // AvgTone
    tab()
    // Actor1Geo and Actor2Geo at each actor's capital, then ActionGeo where the event happened.
    appendGeo(country: event.source.country, place: places[event.source.country][0], &out)
    appendGeo(country: event.target.country, place: places[event.target.country][0], &out)
    appendGeo(country: event.country, place: event.place, &out)
    // DATEADDED: the day and a quarter hour, as the 15-minute files are stamped.
    appendCompactDay(day, &out)
    appendPadded(detail.below(24), 2, &out)
    appendPadded(15 * detail.below(4), 2, &out)
    out.append(0x30)
    out.append(0x30)
    tab()
    out.append(contentsOf: sourceHosts[publisher])
    appendPadded(year, 4, &out)
    out.append(0x2F)
    appendPadded(month, 2, &out)
    out.append(0x2F)
    appendPadded(dayOfMonth, 2, &out)
    out.append(contentsOf: SyntheticRowWriter.storyPath)
    appendNumber(event.row, &out)
    out.append(0x0A)
  }

  /// Geo_Type, FullName, CountryCode (FIPS), ADM1Code, ADM2Code, Lat, Long, FeatureID, each
  /// followed by a tab.
  private mutating func appendGeo(country: Int, place: Place, _ out: inout [UInt8]) {
    out.append(0x34)  // 4: world city
    out.append(0x09)
    out.append(contentsOf: place.city)
    out.append(0x2C)
    out.append(0x20)
    out.append(contentsOf: place.province)
    out.append(0x2C)
    out.append(0x20)
    out.append(contentsOf: countries[country])
    out.append(0x09)
    out.append(contentsOf: fips[country])
    out.append(0x09)
    out.append(contentsOf: fips[country])
    appendPadded(1 + place.city.count % 9, 2, &out)  // ADM1Code
    out.append(0x09)
    if detail.below(2) == 0 { appendNumber(10_000 + detail.below(90_000), &out) }  // ADM2Code (2.0), often blank
    out.append(0x09)
    out.append(contentsOf: place.latitude)
    out.append(0x09)
    out.append(contentsOf: place.longitude)
    out.append(0x09)
    out.append(0x2D)  // FeatureID: GeoNames-like, negative for generated places
    appendNumber(1_000_000 + country * 10 + place.city.count % 10, &out)
    out.append(0x09)
  }

  static let storyPath = Array("/story-".utf8)

  /// A number of tenths as a decimal with one digit (`-23` → `-2.3`).
  private func appendTenths(_ tenths: Int, _ out: inout [UInt8]) {
    if tenths < 0 { out.append(0x2D) }
    appendNumber(abs(tenths) / 10, &out)
    out.append(0x2E)
    out.append(UInt8(0x30 + abs(tenths) % 10))
  }

  /// Where SOURCEURL points, one per publisher.
  static func sourceHosts(_ publishers: [String]) -> [[UInt8]] {
    publishers.map { name in
      let host = name.lowercased().filter { $0.isLetter || $0.isNumber }
      return Array("https://www.\(host).com/".utf8)
    }
  }
}

/// What a GDELT row writes for one CAMEO code.
struct GdeltCode {
  var code: [UInt8]
  var base: [UInt8]
  var root: [UInt8]
  var quadClass: UInt8
  var goldstein: [UInt8]
}
