import Foundation
import Support

/// A realistic classic-layout ICEWS dump for demos, tests and benchmarks (`icews synth`).
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

  public init(
    rows: Int, start: Day, days: Int, seed: UInt64, duplicates: Int = 0, countries: Int = 0,
    episodeKind: EpisodeKind = .crisis, episodeRate: Double = 1
  ) {
    self.rows = max(0, rows)
    self.start = start
    self.days = max(1, days)
    self.seed = seed
    self.duplicates = min(max(0, duplicates), max(0, rows - 1))
    self.countries = countries <= 0 ? 0 : min(countries, SyntheticVocabulary.countries.count)
    self.episodeKind = episodeKind
    self.episodeRate = episodeRate.isFinite ? max(0, episodeRate) : 1
  }

  public static let header =
    "Event ID\tEvent Date\tSource Name\tSource Sectors\tSource Country\tEvent Text\tCAMEO Code\tIntensity\tTarget Name\tTarget Sectors\tTarget Country\tStory ID\tSentence Number\tPublisher\tCity\tDistrict\tProvince\tCountry\tLatitude\tLongitude"

  /// The episodes planted in this dump, in date order; they depend on seed, start, days, countries
  /// and the episode kind and rate, not on rows, so a larger dump of the same shape has the same
  /// episodes. For one rate, every kind puts its episodes in the same countries and days.
  public var episodes: [SyntheticEpisode] {
    SyntheticDynamics(dump: self).episodes.map(\.public)
  }

  public func write(to url: URL) throws {
    guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
      throw EventReadError(.unreadable, file: url.path, reason: "cannot create output file")
    }
    let handle = try FileHandle(forWritingTo: url)
    defer { try? handle.close() }
    try write(to: handle)
  }

  /// Writes the header and every row; `progress` gets the rows written after each 4 MiB flushed.
  public func write(to handle: FileHandle, progress: (Int) -> Void = { _ in }) throws {
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
        progress(row + 1)
      }
    }
    try handle.write(contentsOf: buffer)
    progress(rows)
  }
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
