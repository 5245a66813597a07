import Foundation

/// The temporal model of a synthetic dump: how many events each country has on each day and which
/// quad class they fall in. Parameters come from their own generator streams (seed ^ constant), so
/// they do not depend on `rows`.
struct SyntheticDynamics {
  struct Episode {
    var country: Int
    var countryName: String
    var firstDay: Int
    var days: Int
    var volumeFactor: Double
    var conflictShift: Double

    var `public`: SyntheticEpisode {
      SyntheticEpisode(
        country: countryName, start: startDay + firstDay, days: days, volumeFactor: volumeFactor,
        conflictShift: conflictShift)
    }
    var startDay: Day
  }

  let countryCount: Int
  let days: Int
  let start: Day
  /// Relative event rate of each country (Zipf-like: a few busy countries, a long quiet tail).
  let baseRate: [Double]
  private let volumeAmplitude: [Double]
  private let volumeFrequency: [Double]
  private let volumePhase: [Double]
  /// Per country × quad class: fixed tilt, drift frequency (radians/day) and phase.
  private let quadTilt: [Double]
  private let quadFrequency: [Double]
  private let quadPhase: [Double]
  let episodes: [Episode]

  /// ICEWS-like overall shares: verbal cooperation dominates, material conflict next.
  static let baseQuadLogits: [Double] = [0.62, 0.10, 0.13, 0.15].map { log($0) }
  /// Logit drift amplitude of each quad class over months to years.
  static let quadDriftAmplitude = 0.6
  /// Weekend news leans away from diplomacy toward conflict.
  static let weekendQuadTilt: [Double] = [-0.35, -0.2, 0.1, 0.5]
  /// Volume by weekday, Monday first (1970-01-01, day index 0, was a Thursday).
  static let weekdayVolume: [Double] = [1.1, 1.15, 1.15, 1.1, 1.0, 0.75, 0.65]

  init(dump: SyntheticDump) {
    let names = SyntheticVocabulary.countries
    countryCount = dump.countries == 0 ? names.count : dump.countries
    days = dump.days
    start = dump.start
    baseRate = (0..<countryCount).map { 1 / pow(Double($0 + 1), 1.1) }

    var rng = SplitMix64(state: dump.seed ^ 0x5EED_D1CE_0000_0001)
    var amplitude: [Double] = [], frequency: [Double] = [], phase: [Double] = []
    for _ in 0..<countryCount {
      amplitude.append(rng.uniform(0.15, 0.45))
      frequency.append(2 * Double.pi / rng.uniform(180, 900))
      phase.append(rng.uniform(0, 2 * Double.pi))
    }
    volumeAmplitude = amplitude
    volumeFrequency = frequency
    volumePhase = phase
    var tilt: [Double] = [], qFrequency: [Double] = [], qPhase: [Double] = []
    for _ in 0..<(countryCount * 4) {
      tilt.append(rng.uniform(-0.6, 0.6))
      qFrequency.append(2 * Double.pi / rng.uniform(250, 1200))
      qPhase.append(rng.uniform(0, 2 * Double.pi))
    }
    quadTilt = tilt
    quadFrequency = qFrequency
    quadPhase = qPhase

    // About one episode per 400 days, one in each equal segment of the span, in a busy country.
    var episodeRNG = SplitMix64(state: dump.seed ^ 0xC815_1500_0000_0002)
    var episodes: [Episode] = []
    if dump.days >= 28 {
      let count = max(1, Int((Double(dump.days) / 400).rounded()))
      let segment = dump.days / count
      let eligible = min(countryCount, max(3, countryCount / 3))
      for k in 0..<count {
        let length = min(7 + episodeRNG.below(15), segment)
        let offset = k * segment + episodeRNG.below(max(1, segment - length + 1))
        let country = episodeRNG.below(eligible)
        episodes.append(
          Episode(
            country: country, countryName: names[country], firstDay: offset, days: length,
            volumeFactor: episodeRNG.uniform(2, 4), conflictShift: episodeRNG.uniform(2.5, 3.5),
            startDay: dump.start))
      }
    }
    self.episodes = episodes
  }

  /// Monday = 0 … Sunday = 6 for a day offset from `start`.
  func weekday(_ offset: Int) -> Int {
    let index = Int(start.index) + offset
    return ((index + 3) % 7 + 7) % 7
  }

  /// The episode (index into `episodes`) active for country on day offset, if any.
  func activeEpisode(country: Int, day: Int) -> Int? {
    episodes.firstIndex { $0.country == country && day >= $0.firstDay && day < $0.firstDay + $0.days }
  }

  /// Expected events of a country on a day offset, relative to the others.
  func volume(country c: Int, day: Int, episode: Int?) -> Double {
    let t = Double(day)
    var v = baseRate[c] * SyntheticDynamics.weekdayVolume[weekday(day)]
    v *= exp(volumeAmplitude[c] * sin(volumeFrequency[c] * t + volumePhase[c]))
    if let episode { v *= episodes[episode].volumeFactor }
    return v
  }

  /// Cumulative quad-class probabilities of a country on a day offset, into `out` (4 values, last 1).
  func quadCumulative(country c: Int, day: Int, episode: Int?, into out: inout (Double, Double, Double, Double)) {
    let t = Double(day)
    let weekend = weekday(day) >= 5
    func weight(_ q: Int) -> Double {
      var logit = SyntheticDynamics.baseQuadLogits[q] + quadTilt[c * 4 + q]
      logit += SyntheticDynamics.quadDriftAmplitude * sin(quadFrequency[c * 4 + q] * t + quadPhase[c * 4 + q])
      if weekend { logit += SyntheticDynamics.weekendQuadTilt[q] }
      if q == 3, let episode { logit += episodes[episode].conflictShift }
      return exp(logit)
    }
    let p0 = weight(0), p1 = weight(1), p2 = weight(2), p3 = weight(3)
    let sum = p0 + p1 + p2 + p3
    out = (p0 / sum, (p0 + p1) / sum, (p0 + p1 + p2) / sum, 1)
  }
}
