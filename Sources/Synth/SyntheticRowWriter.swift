import Foundation
import EventData
import Support

/// Formats synthetic rows into a byte buffer; all vocabulary is pre-encoded as bytes.
///
/// Rows are assigned to days in order by the quantiles of the day totals of `SyntheticDynamics`, so
/// busy days get more rows; within a day the location country is drawn by its volume, the quad class
/// by that country's mix, then a code, actors of that country (or foreign ones) and a place.
struct SyntheticRowWriter {
  typealias Actor = (name: [UInt8], sectors: [UInt8], country: Int)
  typealias Place = (city: [UInt8], province: [UInt8], latitude: [UInt8], longitude: [UInt8])

  let dump: SyntheticDump
  let dynamics: SyntheticDynamics
  var rng: SplitMix64
  /// Draws of what only POLECAT or GDELT rows carry (contexts, mentions, tone), kept apart so the
  /// events themselves are the same in every format.
  var detail: SplitMix64
  let codes: [(code: [UInt8], text: [UInt8], intensity: [UInt8])]
  /// Per country × quad class: a picker over `quadCodes[q]`, tilted per country by CAMEO root.
  let codePickers: [WeightedPicker]
  let quadCodes: [[Int]]
  /// The codes of each CAMEO root a `root` episode moves events to, and a picker over them.
  let rootCodes: [Int: (codes: [Int], picker: WeightedPicker)]
  let countries: [[UInt8]]
  /// Busy countries are more often the foreign side of an event.
  let foreignPicker: WeightedPicker
  let publishers: [[UInt8]]
  /// Actors of each country (a name, a fixed sector list), drawn Zipf-like within the country.
  let actors: [[Actor]]
  let actorPickers: [WeightedPicker]
  /// Crisis actors per country (security forces, insurgents, protesters) and its civilians, for
  /// `crisis` episodes only: the other kinds change nothing but their one facet.
  let crisisActors: [[Actor]]
  let civilians: [Actor]
  let places: [[Place]]
  let placePicker = WeightedPicker(weights: [0.6, 0.25, 0.15])

  /// Day totals, cumulative, and the state of the current day.
  let dayCumulative: [Double]
  var day = -1
  var countryCumulative: [Double]
  var countryEpisode: [Int]
  var quadCacheDay: [Int]
  var quadCache: [(Double, Double, Double, Double)]

  /// Rows that repeat the last generated row exactly, and that row's bytes (kept only when needed).
  var duplicateRows: Set<Int>
  var previousRow: [UInt8]?
  /// Distinct events written per country × days + day, when the caller asked for a tally.
  var counts: [Int: Int]?

  // POLECAT and GDELT: what each code writes, country codes, contexts and source URLs.
  let polecatCodes: [PolecatCode]
  let gdeltCodes: [GdeltCode]
  let iso3: [[UInt8]]
  let fips: [[UInt8]]
  let upperNames: [[UInt8]]
  let contexts: [[UInt8]]
  let contextPicker: WeightedPicker
  let sourceHosts: [[UInt8]]

  init(dump: SyntheticDump) {
    self.dump = dump
    let dynamics = SyntheticDynamics(dump: dump)
    self.dynamics = dynamics
    let countryCount = dynamics.countryCount
    rng = SplitMix64(state: dump.seed)
    detail = SplitMix64(state: dump.seed ^ 0xDE7A_1100_0000_0005)

    let book = CameoCodebook.icews
    var chosen: [(code: [UInt8], text: [UInt8], intensity: [UInt8])] = []
    var weights: [Double] = []
    var roots: [Int] = []
    var quadCodes: [[Int]] = [[], [], [], []]
    var entries: [CameoEntry] = []
    for (i, entry) in book.allEntries.enumerated() where entry.code.utf8.count >= 3 {
      quadCodes[entry.quadClass.index].append(chosen.count)
      entries.append(entry)
      chosen.append((Array(entry.code.utf8), Array(entry.eventText.utf8), Array(book.intensityTexts[i].utf8)))
      weights.append(Double(SyntheticVocabulary.commonCodes.first { $0.code == entry.code }?.weight ?? 1))
      roots.append(entry.root)
    }
    codes = chosen
    polecatCodes = SyntheticRowWriter.polecatCodes(entries)
    gdeltCodes = SyntheticRowWriter.gdeltCodes(entries, intensities: chosen.map(\.intensity))
    self.quadCodes = quadCodes
    var rootCodes: [Int: (codes: [Int], picker: WeightedPicker)] = [:]
    for root in Set(dynamics.episodes.compactMap { $0.rootShift?.root }) {
      let members = roots.indices.filter { roots[$0] == root }
      rootCodes[root] = (members, WeightedPicker(weights: members.map { weights[$0] }))
    }
    self.rootCodes = rootCodes

    var paramRNG = SplitMix64(state: dump.seed ^ 0xAC70_5000_0000_0003)
    var pickers: [WeightedPicker] = []
    for _ in 0..<countryCount {
      let rootTilt = (0...20).map { _ in exp(paramRNG.uniform(-0.7, 0.7)) }
      for q in 0..<4 {
        pickers.append(WeightedPicker(weights: quadCodes[q].map { weights[$0] * rootTilt[roots[$0]] }))
      }
    }
    codePickers = pickers

    let names = SyntheticVocabulary.countries.prefix(countryCount).map { Array($0.utf8) }
    countries = names
    foreignPicker = WeightedPicker(weights: dynamics.baseRate)
    publishers = SyntheticVocabulary.publishers.map { Array($0.utf8) }
    let codePairs = SyntheticVocabulary.countryCodes
    iso3 = (0..<countryCount).map { $0 < codePairs.count ? Array(codePairs[$0].iso3.utf8) : names[$0] }
    fips = (0..<countryCount).map { $0 < codePairs.count ? Array(codePairs[$0].fips.utf8) : names[$0] }
    upperNames = SyntheticVocabulary.countries.prefix(countryCount).map { Array($0.uppercased().utf8) }
    contexts = SyntheticVocabulary.contexts.map { Array($0.utf8) }
    contextPicker = WeightedPicker(zipfCount: contexts.count, exponent: 1.0)
    sourceHosts = SyntheticRowWriter.sourceHosts(SyntheticVocabulary.publishers)

    // Actors: one per 20 rows (1,000 to 20,000 in all), shared out by country rate, at least 6 each.
    let actorCount = min(SyntheticRowWriter.maxActorCount, max(1_000, dump.rows / 20))
    let sectors = SyntheticVocabulary.sectors.map { Array($0.utf8) }
    let sectorPicker = WeightedPicker(zipfCount: sectors.count, exponent: 1.0)
    let rateSum = dynamics.baseRate.reduce(0, +)
    var actors: [[Actor]] = []
    var actorPickers: [WeightedPicker] = []
    var crisisActors: [[Actor]] = []
    var civilians: [Actor] = []
    var places: [[Place]] = []
    for c in 0..<countryCount {
      let poolSize = max(6, Int(Double(actorCount) * dynamics.baseRate[c] / rateSum))
      var pool: [Actor] = []
      for _ in 0..<poolSize {
        var sectorBytes: [UInt8] = []
        var firstSector: Int?
        let count = SyntheticRowWriter.sectorCounts[paramRNG.below(SyntheticRowWriter.sectorCounts.count)]
        var used: [Int] = []
        for _ in 0..<count {
          let pick = sectorPicker.pick(&paramRNG)
          if used.contains(pick) { continue }
          used.append(pick)
          if !sectorBytes.isEmpty { sectorBytes.append(0x2C) }
          sectorBytes.append(contentsOf: sectors[pick])
          if firstSector == nil { firstSector = pick }
        }
        let name = firstSector.map { sectors[$0] + Array(" (".utf8) + names[c] + [0x29] } ?? names[c]
        pool.append((name, sectorBytes, c))
      }
      actors.append(pool)
      actorPickers.append(WeightedPicker(zipfCount: poolSize, exponent: 0.8))
      crisisActors.append(
        SyntheticVocabulary.crisisSectors.map { sector in
          let bytes = Array(sector.utf8)
          return (bytes + Array(" (".utf8) + names[c] + [0x29], bytes, c)
        })
      civilians.append(
        (Array("Citizen (".utf8) + names[c] + [0x29], Array("General Population / Civilian / Social".utf8), c))
      let latitude = paramRNG.uniform(-50, 65), longitude = paramRNG.uniform(-170, 175)
      places.append(
        SyntheticVocabulary.places.map { place in
          let lat = Int((latitude + paramRNG.uniform(-3, 3)) * 10_000)
          let lon = Int((longitude + paramRNG.uniform(-3, 3)) * 10_000)
          return (Array(place.city.utf8), Array(place.province.utf8), coordinateBytes(lat), coordinateBytes(lon))
        })
    }
    self.actors = actors
    self.actorPickers = actorPickers
    self.crisisActors = crisisActors
    self.civilians = civilians
    self.places = places

    // Day totals over all countries, cumulative, for assigning rows to days in order.
    var cumulative: [Double] = []
    cumulative.reserveCapacity(dump.days)
    var total = 0.0
    for d in 0..<dump.days {
      for c in 0..<countryCount {
        total += dynamics.volume(country: c, day: d, episode: dynamics.activeEpisode(country: c, day: d))
      }
      cumulative.append(total)
    }
    dayCumulative = cumulative
    countryCumulative = Array(repeating: 0, count: countryCount)
    countryEpisode = Array(repeating: -1, count: countryCount)
    quadCacheDay = Array(repeating: -1, count: countryCount)
    quadCache = Array(repeating: (0, 0, 0, 1), count: countryCount)

    // Duplicates: evenly spaced rows that copy the row before them.
    var duplicateRows = Set<Int>()
    if dump.duplicates > 0 {
      let step = max(1, dump.rows / (dump.duplicates + 1))
      var row = step
      while duplicateRows.count < dump.duplicates, row < dump.rows {
        duplicateRows.insert(row)
        row += step
      }
    }
    self.duplicateRows = duplicateRows
  }

  /// Moves to day `d`: the countries' cumulative volumes and active episodes of that day.
  private mutating func enterDay(_ d: Int) {
    day = d
    var total = 0.0
    for c in 0..<dynamics.countryCount {
      let episode = dynamics.activeEpisode(country: c, day: d)
      countryEpisode[c] = episode ?? -1
      total += dynamics.volume(country: c, day: d, episode: episode)
      countryCumulative[c] = total
    }
  }

  /// The day of row `row`: the first day whose cumulative volume passes the row's quantile; the
  /// first and last rows sit on the first and last day so the calendar spans all `days`.
  private func dayOfRow(_ row: Int, from current: Int) -> Int {
    if row == 0 { return 0 }
    let last = dump.days - 1
    if row == dump.rows - 1 { return last }
    let target = (Double(row) + 0.5) / Double(dump.rows) * dayCumulative[last]
    var d = max(0, current)
    while d < last, dayCumulative[d] <= target { d += 1 }
    return d
  }

  private mutating func pickCountry() -> Int {
    let r = rng.unit() * countryCumulative[countryCumulative.count - 1]
    var lo = 0
    var hi = countryCumulative.count - 1
    while lo < hi {
      let mid = (lo + hi) / 2
      if countryCumulative[mid] > r { hi = mid } else { lo = mid + 1 }
    }
    return lo
  }

  private mutating func pickQuad(country c: Int) -> Int {
    if quadCacheDay[c] != day {
      let episode = countryEpisode[c] >= 0 ? countryEpisode[c] : nil
      dynamics.quadCumulative(country: c, day: day, episode: episode, into: &quadCache[c])
      quadCacheDay[c] = day
    }
    let r = rng.unit()
    let q = quadCache[c]
    return r < q.0 ? 0 : r < q.1 ? 1 : r < q.2 ? 2 : 3
  }

  private mutating func pickActor(home c: Int, homeShare: Int) -> Actor {
    let country = rng.below(100) < homeShare ? c : foreignPicker.pick(&rng)
    return actors[country][actorPickers[country].pick(&rng)]
  }

  mutating func appendRow(_ row: Int, to out: inout [UInt8]) {
    let d = dayOfRow(row, from: day)
    if d != day { enterDay(d) }
    if duplicateRows.contains(row), let previous = previousRow {
      out.append(contentsOf: previous)
      return
    }
    let lineStart = out.count
    let c = pickCountry()
    let quad = pickQuad(country: c)
    var codeIndex = quadCodes[quad][codePickers[c * 4 + quad].pick(&rng)]
    let episode = countryEpisode[c]
    if episode >= 0, let shift = dynamics.episodes[episode].rootShift, shift.quad == quad,
      rng.unit() < SyntheticDynamics.rootShare, let pool = rootCodes[shift.root]
    {
      codeIndex = pool.codes[pool.picker.pick(&rng)]
    }
    var source = pickActor(home: c, homeShare: 75)
    var target = pickActor(home: c, homeShare: 55)
    if episode >= 0, dynamics.episodes[episode].kind == .crisis {
      if rng.below(10) < 7 { source = crisisActors[c][rng.below(crisisActors[c].count)] }
      if rng.below(2) == 0 { target = civilians[c] }
    }
    let place = places[c][placePicker.pick(&rng)]
    let event = DrawnEvent(
      row: row, day: d, country: c, code: codeIndex, source: source, target: target, place: place)
    if dump.format == .icews {
      appendICEWS(event, to: &out)
    } else {
      // The three draws an ICEWS row makes (sentence, publisher, city), in its order, so every
      // format draws the same events; what only POLECAT or GDELT write comes from `detail`.
      _ = rng.below(12)
      let publisher = rng.below(publishers.count)
      let hasCity = rng.below(4) != 0
      if dump.format == .polecat {
        appendPolecat(event, publisher: publisher, hasCity: hasCity, to: &out)
      } else {
        appendGdelt(event, publisher: publisher, to: &out)
      }
    }
    counts?[c * dump.days + d, default: 0] += 1
    if !duplicateRows.isEmpty {
      previousRow = Array(out[lineStart...])
    }
  }

  /// What one row says, drawn before it is written in the dump's format.
  struct DrawnEvent {
    var row: Int
    var day: Int
    var country: Int
    var code: Int
    var source: Actor
    var target: Actor
    var place: Place
  }

  /// The classic ICEWS row: its draws (sentence, publisher, city) come after the event's, as
  /// they always did, so ICEWS dumps keep their bytes.
  private mutating func appendICEWS(_ event: DrawnEvent, to out: inout [UInt8]) {
    let (row, d, c) = (event.row, event.day, event.country)
    let (source, target, place) = (event.source, event.target, event.place)
    let code = codes[event.code]
    appendNumber(10_000_000 + row, &out)  // Event ID: unique per row
    out.append(0x09)
    appendDay(dump.start + d, &out)
    out.append(0x09)
    out.append(contentsOf: source.name)
    out.append(0x09)
    out.append(contentsOf: source.sectors)
    out.append(0x09)
    out.append(contentsOf: countries[source.country])
    out.append(0x09)
    out.append(contentsOf: code.text)
    out.append(0x09)
    out.append(contentsOf: code.code)
    out.append(0x09)
    out.append(contentsOf: code.intensity)
    out.append(0x09)
    out.append(contentsOf: target.name)
    out.append(0x09)
    out.append(contentsOf: target.sectors)
    out.append(0x09)
    out.append(contentsOf: countries[target.country])
    out.append(0x09)
    appendNumber(20_000_000 + row / 3, &out)  // Story ID
    out.append(0x09)
    appendNumber(1 + rng.below(12), &out)  // Sentence Number
    out.append(0x09)
    out.append(contentsOf: publishers[rng.below(publishers.count)])
    out.append(0x09)
    if rng.below(4) != 0 { out.append(contentsOf: place.city) }
    out.append(0x09)  // District: almost always empty in ICEWS
    out.append(0x09)
    out.append(contentsOf: place.province)
    out.append(0x09)
    out.append(contentsOf: countries[c])
    out.append(0x09)
    out.append(contentsOf: place.latitude)
    out.append(0x09)
    out.append(contentsOf: place.longitude)
    out.append(0x0A)
  }

  /// Most distinct actors in a dump (real ICEWS has tens of thousands).
  static let maxActorCount = 20_000
  /// How many sectors an actor has: mostly one or two, a fifth none.
  static let sectorCounts = [0, 1, 1, 2, 2, 3, 1, 2, 4, 0]

  func appendDay(_ day: Day, _ out: inout [UInt8]) {
    let (y, m, d) = day.components
    appendPadded(y, 4, &out)
    out.append(0x2D)
    appendPadded(m, 2, &out)
    out.append(0x2D)
    appendPadded(d, 2, &out)
  }

  func appendPadded(_ value: Int, _ width: Int, _ out: inout [UInt8]) {
    var divisor = 1
    for _ in 1..<width { divisor *= 10 }
    var v = value
    while divisor > 0 {
      out.append(UInt8(0x30 + (v / divisor) % 10))
      v %= divisor
      divisor /= 10
    }
  }

  func appendNumber(_ value: Int, _ out: inout [UInt8]) {
    if value >= 10 { appendNumber(value / 10, &out) }
    out.append(UInt8(0x30 + value % 10))
  }
}

/// Degrees with four decimals from an integer in 1/10000 degree; ICEWS drops trailing zeros.
private func coordinateBytes(_ tenThousandths: Int) -> [UInt8] {
  var text = tenThousandths < 0 ? "-" : ""
  let magnitude = abs(tenThousandths)
  text += String(magnitude / 10_000)
  var fraction = magnitude % 10_000
  if fraction != 0 {
    var digits = 4
    while fraction % 10 == 0 {
      fraction /= 10
      digits -= 1
    }
    let padded = String(fraction)
    text += "." + String(repeating: "0", count: digits - padded.count) + padded
  }
  return Array(text.utf8)
}
