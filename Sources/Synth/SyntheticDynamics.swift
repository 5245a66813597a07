import Foundation
import EventData
import Support

/// The temporal model of a synthetic dump: how many events each country has on each day and which
/// quad class they fall in. Parameters come from their own generator streams (seed ^ constant), so
/// they do not depend on `rows`.
struct SyntheticDynamics {
  struct Episode {
    var country: Int
    var countryName: String
    var firstDay: Int
    var days: Int
    var kind: EpisodeKind
    /// 1 when the kind leaves volume alone.
    var volumeFactor: Double
    /// The quad class (index) whose logit is raised by `logitShift`; the shift is 0 when the kind
    /// leaves the mix alone.
    var shiftedQuad: Int
    var logitShift: Double
    /// `root` episodes: events of quad class `quad` move to CAMEO root `root` with probability
    /// `rootShare`; nil for the other kinds.
    var rootShift: (quad: Int, root: Int)?

    var `public`: SyntheticEpisode {
      SyntheticEpisode(
        country: countryName, start: startDay + firstDay, days: days, volumeFactor: volumeFactor,
        conflictShift: shiftedQuad == 3 ? logitShift : 0, kind: kind)
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
  /// How often a `root` episode moves an event of its class to its root.
  static let rootShare = 0.6
  /// The CAMEO roots of each quad class, for `root` episodes.
  static let quadRoots: [[Int]] = (0..<4).map { q in (1...20).filter { QuadClass(root: $0).index == q } }

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

    // About `episodeRate` episodes per 400 days, one in each equal segment of the span, in a busy
    // country. Place and crisis parameters come from one stream, the other kinds' parameters from
    // a second one with a fixed number of draws per episode, so crises keep their historic values
    // and every kind shares the same places for a seed.
    var episodeRNG = SplitMix64(state: dump.seed ^ 0xC815_1500_0000_0002)
    var shapeRNG = SplitMix64(state: dump.seed ^ 0x5EA9_E000_0000_0004)
    var episodes: [Episode] = []
    if dump.days >= 28 {
      let count = min(max(1, Int((dump.episodeRate * Double(dump.days) / 400).rounded())), dump.days / 7)
      let segment = dump.days / count
      let eligible = min(countryCount, max(3, countryCount / 3))
      for k in 0..<count {
        let length = min(7 + episodeRNG.below(15), segment)
        let offset = k * segment + episodeRNG.below(max(1, segment - length + 1))
        let country = episodeRNG.below(eligible)
        let volumeFactor = episodeRNG.uniform(2, 4), conflictShift = episodeRNG.uniform(2.5, 3.5)
        let drawnKind = EpisodeKind.drawnByAny[shapeRNG.below(EpisodeKind.drawnByAny.count)]
        let mixQuad = 1 + shapeRNG.below(3), mixShift = shapeRNG.uniform(2, 3)
        let quietFactor = shapeRNG.uniform(0.2, 0.4)
        let rootQuad = shapeRNG.below(4)
        let root = SyntheticDynamics.quadRoots[rootQuad][shapeRNG.below(SyntheticDynamics.quadRoots[rootQuad].count)]
        var episode = Episode(
          country: country, countryName: names[country], firstDay: offset, days: length,
          kind: dump.episodeKind == .any ? drawnKind : dump.episodeKind, volumeFactor: 1, shiftedQuad: 3,
          logitShift: 0, rootShift: nil, startDay: dump.start)
        switch episode.kind {
        case .crisis: (episode.volumeFactor, episode.logitShift) = (volumeFactor, conflictShift)
        case .volume: episode.volumeFactor = volumeFactor
        case .mix: (episode.shiftedQuad, episode.logitShift) = (mixQuad, mixShift)
        case .root: episode.rootShift = (rootQuad, root)
        case .quiet: episode.volumeFactor = quietFactor
        case .any: preconditionFailure("an episode's kind is drawn, never .any")
        }
        episodes.append(episode)
      }
    }
    self.episodes = episodes
  }

  /// Monday = 0 … Sunday = 6 for a day offset from `start`.
  func weekday(_ offset: Int) -> Int {
    let index = Int(start.index) + offset
    return ((index + 3) % 7 + 7) % 7
  }

  /// The episode (index into `episodes`) active for country on day offset, if any. Episodes sit
  /// in disjoint segments in date order, so only the last one starting by `day` can be active.
  func activeEpisode(country: Int, day: Int) -> Int? {
    var lo = 0
    var hi = episodes.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if episodes[mid].firstDay <= day { lo = mid + 1 } else { hi = mid }
    }
    guard lo > 0 else { return nil }
    let episode = episodes[lo - 1]
    return episode.country == country && day < episode.firstDay + episode.days ? lo - 1 : nil
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
      if let episode, q == episodes[episode].shiftedQuad { logit += episodes[episode].logitShift }
      return exp(logit)
    }
    let p0 = weight(0), p1 = weight(1), p2 = weight(2), p3 = weight(3)
    let sum = p0 + p1 + p2 + p3
    out = (p0 / sum, (p0 + p1) / sum, (p0 + p1 + p2) / sum, 1)
  }
}
