import Foundation

/// A realistic classic-layout ICEWS dump for demos, tests and benchmarks (`icews synth`).
///
/// Deterministic for a seed (own splitmix64 generator): real CAMEO codes skewed toward the
/// verbal-cooperation roots, codebook Event Text and intensity, multi-valued sectors (including
/// names with ", "), skewed countries, dates spread evenly over `[start, start + days)` in order,
/// and unique `(Event ID, Event Date)` unless `duplicates` > 0 asks for exact repeats.
public struct SyntheticDump: Sendable {
  public var rows: Int
  public var start: Day
  public var days: Int
  public var seed: UInt64
  /// How many of the `rows` are exact copies of an earlier row (0 = none).
  public var duplicates: Int

  public init(rows: Int, start: Day, days: Int, seed: UInt64, duplicates: Int = 0) {
    self.rows = max(0, rows)
    self.start = start
    self.days = max(1, days)
    self.seed = seed
    self.duplicates = min(max(0, duplicates), max(0, rows - 1))
  }

  public static let header =
    "Event ID\tEvent Date\tSource Name\tSource Sectors\tSource Country\tEvent Text\tCAMEO Code\tIntensity\tTarget Name\tTarget Sectors\tTarget Country\tStory ID\tSentence Number\tPublisher\tCity\tDistrict\tProvince\tCountry\tLatitude\tLongitude"

  public func write(to url: URL) throws {
    guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
      throw EventReadError(.unreadable, file: url.path, reason: "cannot create output file")
    }
    let handle = try FileHandle(forWritingTo: url)
    defer { try? handle.close() }
    try write(to: handle)
  }

  public func write(to handle: FileHandle) throws {
    var writer = SyntheticRowWriter(dump: self)
    var buffer: [UInt8] = []
    buffer.reserveCapacity(1 << 22)
    buffer.append(contentsOf: Array(SyntheticDump.header.utf8))
    buffer.append(0x0A)
    for row in 0..<rows {
      writer.appendRow(row, to: &buffer)
      if buffer.count >= 1 << 22 {
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
      }
    }
    try handle.write(contentsOf: buffer)
  }
}

/// splitmix64: small, fast, and the same on every platform.
struct SplitMix64 {
  var state: UInt64

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// Uniform in 0..<bound (bound > 0), by multiply-shift.
  mutating func below(_ bound: Int) -> Int {
    Int(truncatingIfNeeded: (UInt64(bound).multipliedFullWidth(by: next())).high)
  }
}

/// Weighted choice by binary search over cumulative weights.
struct WeightedPicker {
  private let cumulative: [UInt64]

  init(weights: [Double]) {
    var total = 0.0
    var cumulative: [UInt64] = []
    let sum = weights.reduce(0, +)
    for w in weights {
      total += w
      cumulative.append(UInt64(total / sum * Double(1 << 52)))
    }
    cumulative[cumulative.count - 1] = 1 << 52
    self.cumulative = cumulative
  }

  /// Zipf-like weights 1 / (rank + 1)^s.
  init(zipfCount: Int, exponent s: Double) {
    self.init(weights: (0..<zipfCount).map { 1 / pow(Double($0 + 1), s) })
  }

  func pick(_ rng: inout SplitMix64) -> Int {
    let r = rng.next() >> 12
    var lo = 0
    var hi = cumulative.count - 1
    while lo < hi {
      let mid = (lo + hi) / 2
      if cumulative[mid] > r { hi = mid } else { lo = mid + 1 }
    }
    return lo
  }
}

/// Formats rows into a byte buffer; all vocabulary is pre-encoded as bytes.
struct SyntheticRowWriter {
  let dump: SyntheticDump
  var rng: SplitMix64
  let codes: [(code: [UInt8], text: [UInt8], intensity: [UInt8])]
  let codePicker: WeightedPicker
  let countries: [[UInt8]]
  let countryPicker: WeightedPicker
  let sectors: [[UInt8]]
  let sectorPicker: WeightedPicker
  let publishers: [[UInt8]]
  /// Actors as in ICEWS: a name, a fixed sector list and a country; drawn with a Zipf-like skew.
  let actors: [(name: [UInt8], sectors: [UInt8], country: Int)]
  let actorPicker: WeightedPicker
  /// Rows that repeat the last generated row exactly, and that row's bytes (kept only when needed).
  var duplicateRows: Set<Int>
  var previousRow: [UInt8]?

  init(dump: SyntheticDump) {
    self.dump = dump
    rng = SplitMix64(state: dump.seed)
    let book = CameoCodebook.icews
    var chosen: [(code: [UInt8], text: [UInt8], intensity: [UInt8])] = []
    var weights: [Double] = []
    for (i, entry) in book.allEntries.enumerated() where entry.code.utf8.count >= 3 {
      chosen.append((Array(entry.code.utf8), Array(entry.eventText.utf8), Array(book.intensityTexts[i].utf8)))
      weights.append(Double(SyntheticVocabulary.commonCodes.first { $0.code == entry.code }?.weight ?? 1))
    }
    codes = chosen
    codePicker = WeightedPicker(weights: weights)
    countries = SyntheticVocabulary.countries.map { Array($0.utf8) }
    countryPicker = WeightedPicker(zipfCount: countries.count, exponent: 1.1)
    sectors = SyntheticVocabulary.sectors.map { Array($0.utf8) }
    sectorPicker = WeightedPicker(zipfCount: sectors.count, exponent: 0.9)
    publishers = SyntheticVocabulary.publishers.map { Array($0.utf8) }
    var actors: [(name: [UInt8], sectors: [UInt8], country: Int)] = []
    for _ in 0..<SyntheticRowWriter.actorCount {
      let country = countryPicker.pick(&rng)
      var sectorBytes: [UInt8] = []
      var firstSector: Int?
      let count = SyntheticRowWriter.sectorCounts[rng.below(SyntheticRowWriter.sectorCounts.count)]
      var used: [Int] = []
      for _ in 0..<count {
        let pick = sectorPicker.pick(&rng)
        if used.contains(pick) { continue }
        used.append(pick)
        if !sectorBytes.isEmpty { sectorBytes.append(0x2C) }
        sectorBytes.append(contentsOf: sectors[pick])
        if firstSector == nil { firstSector = pick }
      }
      var name: [UInt8]
      if let firstSector {
        name = sectors[firstSector] + Array(" (".utf8) + countries[country] + [0x29]
      } else {
        name = countries[country]
      }
      actors.append((name, sectorBytes, country))
    }
    self.actors = actors
    actorPicker = WeightedPicker(zipfCount: actors.count, exponent: 0.8)
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

  mutating func appendRow(_ row: Int, to out: inout [UInt8]) {
    if duplicateRows.contains(row), let previous = previousRow {
      out.append(contentsOf: previous)
      return
    }
    let lineStart = out.count
    let day = dump.start + Int((Int64(row) * Int64(dump.days)) / Int64(max(1, dump.rows)))
    let code = codes[codePicker.pick(&rng)]
    let source = actors[actorPicker.pick(&rng)]
    let target = actors[actorPicker.pick(&rng)]
    let location = rng.below(10) < 7 ? source.country : target.country

    appendNumber(10_000_000 + row, &out)  // Event ID: unique per row
    out.append(0x09)
    appendDay(day, &out)
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
    if rng.below(2) == 0 {
      out.append(contentsOf: SyntheticRowWriter.capitalCity)
    }
    out.append(0x09)  // District: almost always empty in ICEWS
    out.append(0x09)
    out.append(contentsOf: SyntheticRowWriter.centralProvince)
    out.append(0x09)
    out.append(contentsOf: countries[location])
    out.append(0x09)
    appendCoordinate(rng.below(180_0000) - 90_0000, &out)
    out.append(0x09)
    appendCoordinate(rng.below(360_0000) - 180_0000, &out)
    out.append(0x0A)
    if !duplicateRows.isEmpty {
      previousRow = Array(out[lineStart...])
    }
  }

  static let capitalCity = Array("Capital City".utf8)
  static let centralProvince = Array("Central Province".utf8)
  /// Distinct actors in a dump (real ICEWS has tens of thousands).
  static let actorCount = 20_000
  /// How many sectors an actor has: mostly one or two, a fifth none.
  static let sectorCounts = [0, 1, 1, 2, 2, 3, 1, 2, 4, 0]

  private func appendDay(_ day: Day, _ out: inout [UInt8]) {
    let (y, m, d) = day.components
    appendPadded(y, 4, &out)
    out.append(0x2D)
    appendPadded(m, 2, &out)
    out.append(0x2D)
    appendPadded(d, 2, &out)
  }

  /// Degrees with four decimals from an integer in 1/10000 degree; ICEWS drops trailing zeros.
  private func appendCoordinate(_ tenThousandths: Int, _ out: inout [UInt8]) {
    if tenThousandths < 0 { out.append(0x2D) }
    let magnitude = abs(tenThousandths)
    appendNumber(magnitude / 10_000, &out)
    var fraction = magnitude % 10_000
    guard fraction != 0 else { return }
    var digits = 4
    while fraction % 10 == 0 {
      fraction /= 10
      digits -= 1
    }
    out.append(0x2E)
    appendPadded(fraction, digits, &out)
  }

  private func appendPadded(_ value: Int, _ width: Int, _ out: inout [UInt8]) {
    var divisor = 1
    for _ in 1..<width { divisor *= 10 }
    var v = value
    while divisor > 0 {
      out.append(UInt8(0x30 + (v / divisor) % 10))
      v %= divisor
      divisor /= 10
    }
  }

  private func appendNumber(_ value: Int, _ out: inout [UInt8]) {
    if value >= 10 { appendNumber(value / 10, &out) }
    out.append(UInt8(0x30 + value % 10))
  }
}
