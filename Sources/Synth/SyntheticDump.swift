import Foundation
import EventData
import Support

/// A realistic ICEWS, POLECAT or GDELT dump for demos, tests and benchmarks (`icews synth`).
///
/// Deterministic for a seed (own splitmix64 generator). Countries have skewed base rates; volume has
/// a weekly cycle and a slow per-country drift; each country's quad-class mix drifts slowly around its
/// own tilt (weekends lean to conflict); a few episodes (`episodes`, crises unless `episodeKind` asks
/// for another shape) change one country's volume or mix for 1–3 weeks. Real CAMEO codes with codebook Event Text and
/// intensity, Zipf-ranked multi-valued sectors (including names with ", "), dates in order over
/// `[start, start + days)`, unique `(Event ID, Event Date)` unless `duplicates` > 0 asks for repeats.
public struct SyntheticDump: Sendable {
  public var rows: Int
  public var start: Day
  public var days: Int
  public var seed: UInt64
  /// How many of the `rows` are exact copies of an earlier row (0 = none).
  public var duplicates: Int
  /// How many countries events happen in, busiest first; 0 = all of them (about 250).
  public var countries: Int
  /// The shape of the planted episodes; `.crisis` gives the same bytes as before kinds existed.
  public var episodeKind: EpisodeKind
  /// Episodes per 400 days (at least one, at most one per 7 days); 1 gives the historic count.
  public var episodeRate: Double
  /// How the rows are written; the events drawn are the same in every format.
  public var format: SyntheticFormat

  /// POLECAT and GDELT dumps name countries by code, so they use the `maxCodedCountries`
  /// busiest countries at most (0 means all of those).
  public init(
    rows: Int, start: Day, days: Int, seed: UInt64, duplicates: Int = 0, countries: Int = 0,
    episodeKind: EpisodeKind = .crisis, episodeRate: Double = 1, format: SyntheticFormat = .icews
  ) {
    self.rows = max(0, rows)
    self.start = start
    self.days = max(1, days)
    self.seed = seed
    self.duplicates = min(max(0, duplicates), max(0, rows - 1))
    let available = format == .icews ? SyntheticVocabulary.countries.count : SyntheticDump.maxCodedCountries
    self.countries = countries <= 0 ? (format == .icews ? 0 : available) : min(countries, available)
    self.episodeKind = episodeKind
    self.episodeRate = episodeRate.isFinite ? max(0, episodeRate) : 1
    self.format = format
  }

  /// Countries a POLECAT or GDELT dump can hold (those with ISO and FIPS codes).
  public static let maxCodedCountries = SyntheticVocabulary.countryCodes.count

  /// How the dump names country `index` where frames group it: the name (ICEWS), the ISO 3166
  /// alpha-3 code (POLECAT's Country) or the FIPS code (GDELT's ActionGeo_CountryCode).
  func countryLabel(_ index: Int) -> String {
    switch format {
    case .icews: SyntheticVocabulary.countries[index]
    case .polecat: SyntheticVocabulary.countryCodes[index].iso3
    case .gdelt: SyntheticVocabulary.countryCodes[index].fips
    }
  }

  public static let header =
    "Event ID\tEvent Date\tSource Name\tSource Sectors\tSource Country\tEvent Text\tCAMEO Code\tIntensity\tTarget "
    + "Name\tTarget Sectors\tTarget Country\tStory ID\tSentence "
    + "Number\tPublisher\tCity\tDistrict\tProvince\tCountry\tLatitude\tLongitude"

  /// The episodes planted in this dump, in date order; they depend on seed, start, days, countries
  /// and the episode kind and rate, not on rows, so a larger dump of the same shape has the same
  /// episodes. For one rate, every kind puts its episodes in the same countries and days.
  /// Episodes name their country as `countryLabel` does, so they match the frames' groups.
  public var episodes: [SyntheticEpisode] {
    SyntheticDynamics(dump: self).episodes.map { episode in
      var planted = episode.public
      planted.country = countryLabel(episode.country)
      return planted
    }
  }

  @discardableResult
  public func write(to url: URL, tallying: Bool = false) throws -> SyntheticTally? {
    let handle: FileHandle
    do {
      handle = try UserOutputFile.openForWriting(url.path)
    } catch let failure as UserOutputFile.Failure {
      throw EventReadError(.unreadable, file: url.path, reason: "cannot create output file (\(failure.reason))")
    }
    defer { try? handle.close() }
    return try write(to: handle, tallying: tallying)
  }

  /// Writes the dump; with `tallying`, also returns the distinct events it holds per country
  /// and day (the generator's own count, for checking a reader against). `progress` gets the rows
  /// written after each 4 MiB flushed.
  @discardableResult
  public func write(
    to handle: FileHandle, tallying: Bool = false, progress: (Int) -> Void = { _ in }
  ) throws -> SyntheticTally? {
    var writer = SyntheticRowWriter(dump: self)
    if tallying { writer.counts = [:] }
    var buffer: [UInt8] = []
    buffer.reserveCapacity(1 << 22)
    switch format {
    case .icews: buffer.append(contentsOf: Array(SyntheticDump.header.utf8))
    case .polecat: buffer.append(contentsOf: Array(SyntheticRowWriter.polecatHeader.utf8))
    case .gdelt: break  // GDELT files have no header
    }
    if format != .gdelt { buffer.append(0x0A) }
    for row in 0..<rows {
      writer.appendRow(row, to: &buffer)
      if buffer.count >= 1 << 22 {
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
        progress(row + 1)
      }
    }
    try handle.write(contentsOf: buffer)
    progress(rows)
    guard let counts = writer.counts else { return nil }
    var tally = SyntheticTally()
    for (key, count) in counts {
      tally.events[countryLabel(key / days), default: [:]][start + key % days] = count
    }
    return tally
  }
}

/// The distinct events a synthetic dump holds, as the generator wrote them: what a reader of the
/// dump must find (exact duplicate rows are not counted).
public struct SyntheticTally: Sendable, Equatable {
  /// Events per country, named as `SyntheticDump.countryLabel` names it, and day.
  public var events: [String: [Day: Int]] = [:]

  public init() {}

  /// All events.
  public var total: Int { events.values.reduce(0) { $0 + $1.values.reduce(0, +) } }
}

extension SplitMix64 {
  /// Uniform in 0..<bound (bound > 0), by multiply-shift.
  mutating func below(_ bound: Int) -> Int {
    Int(truncatingIfNeeded: (UInt64(bound).multipliedFullWidth(by: next())).high)
  }

  /// Uniform in [lo, hi).
  mutating func uniform(_ lo: Double, _ hi: Double) -> Double {
    lo + (hi - lo) * unit()
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
