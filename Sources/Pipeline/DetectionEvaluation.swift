import Foundation

/// How well each detector's ranking of the scored windows finds the ground-truth episodes: the
/// measure the autoencoder exists for (docs/EVALUATION.md), computed the same way for baselines.
///
/// A window is positive when its group is an episode's country and their inclusive day ranges
/// overlap. Episodes that overlap no scored window of their group are kept (listed) but not
/// counted in recall. Each detector ranks all N windows by its score, highest first, ties in file
/// order; the top k % are its first ⌈k/100 · N⌉ windows (`ScoreTable.flagged`: NaN scores are never
/// among them); an episode is found when one of its
/// windows is among them. AUC-PR is average precision over that ranking; AUC-ROC is Mann–Whitney
/// with score ties counted ½. Both are nil when the windows hold no positive or no negative.
public struct DetectionEvaluation: Sendable, Equatable {
  /// One detector's summary.
  public struct DetectorResult: Sendable, Equatable, Encodable {
    public var name: String
    /// found / counted episodes; nil when no episode is counted.
    public var recall: Double?
    public var found: Int
    /// Counted episodes (those overlapping a scored window).
    public var episodes: Int
    public var aucPR: Double?
    public var aucROC: Double?
    /// What a random ranking scores on average: the positive fraction (AUC-ROC of random is ½).
    public var randomAUCPR: Double?

    enum CodingKeys: String, CodingKey {
      case name, recall, found, episodes
      case aucPR = "auc_pr"
      case aucROC = "auc_roc"
      case randomAUCPR = "random_auc_pr"
    }

    /// Every key, `null` included: scripts read a fixed shape.
    public func encode(to encoder: any Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(name, forKey: .name)
      try c.encode(recall, forKey: .recall)
      try c.encode(found, forKey: .found)
      try c.encode(episodes, forKey: .episodes)
      try c.encode(aucPR, forKey: .aucPR)
      try c.encode(aucROC, forKey: .aucROC)
      try c.encode(randomAUCPR, forKey: .randomAUCPR)
    }
  }

  /// One episode against every detector; `ranks` and `found` follow `detectors`' order.
  public struct EpisodeResult: Sendable, Equatable {
    public var episode: EpisodeTable.Episode
    /// False when the episode overlaps no scored window ("outside the scored windows").
    public var counted: Bool
    /// Best (smallest, 1-based) rank among the episode's windows per detector; nil when not counted.
    public var ranks: [Int?]
    public var found: [Bool]
  }

  public var topPercent: Double
  public var windows: Int
  public var positives: Int
  /// ⌈topPercent/100 · windows⌉: how many windows of each ranking are "flagged".
  public var topCount: Int
  public var detectors: [DetectorResult]
  public var episodes: [EpisodeResult]

  /// Evaluates every detector column of `scores`; `topPercent` must be in (0, 100].
  public init(scores: ScoreTable, episodes table: EpisodeTable, topPercent: Double = 5) {
    precondition(topPercent > 0 && topPercent <= 100, "topPercent must be in (0, 100]")
    let n = scores.windows.count
    self.topPercent = topPercent
    windows = n
    let top = Self.topCount(percent: topPercent, of: n)
    topCount = top

    var windowsOfGroup: [String: [Int]] = [:]
    for (i, w) in scores.windows.enumerated() { windowsOfGroup[w.group, default: []].append(i) }
    var positive = [Bool](repeating: false, count: n)
    let overlapping = table.episodes.map { e in
      (windowsOfGroup[e.country] ?? []).filter { e.overlaps(scores.windows[$0].start, scores.windows[$0].end) }
    }
    for list in overlapping { for i in list { positive[i] = true } }
    positives = positive.count(where: { $0 })

    var results = table.episodes.indices.map {
      EpisodeResult(episode: table.episodes[$0], counted: !overlapping[$0].isEmpty, ranks: [], found: [])
    }
    detectors = []
    let counted = results.count(where: \.counted)
    let defined = positives > 0 && positives < n
    for d in scores.detectors.indices {
      let ranking = scores.ranking(detector: d)
      var rank = [Int](repeating: 0, count: n)
      for (r, i) in ranking.enumerated() { rank[i] = r + 1 }
      let flagged = Set(scores.flagged(detector: d, topPercent: topPercent))
      var found = 0
      for e in results.indices {
        let best = overlapping[e].map { rank[$0] }.min()
        let isFound = overlapping[e].contains(where: flagged.contains)
        results[e].ranks.append(best)
        results[e].found.append(isFound)
        if isFound { found += 1 }
      }
      detectors.append(
        DetectorResult(
          name: scores.detectors[d], recall: counted > 0 ? Double(found) / Double(counted) : nil, found: found,
          episodes: counted, aucPR: Self.averagePrecision(ranking: ranking, positive: positive),
          aucROC: Self.rocAUC(scores: scores.scores[d], positive: positive),
          randomAUCPR: defined ? Double(positives) / Double(n) : nil))
    }
    self.episodes = results
  }

  /// ⌈percent/100 · n⌉, at most n; N·k is formed first so whole percentages of round counts are exact.
  public static func topCount(percent: Double, of n: Int) -> Int {
    min(n, Int((Double(n) * percent / 100).rounded(.up)))
  }

  /// Mean over positive windows of the precision at that window's rank in `ranking` (window
  /// indices, best first); nil without positives or without negatives.
  public static func averagePrecision(ranking: [Int], positive: [Bool]) -> Double? {
    let p = positive.count(where: { $0 })
    guard p > 0, p < positive.count else { return nil }
    var hits = 0
    var sum = 0.0
    for (r, i) in ranking.enumerated() where positive[i] {
      hits += 1
      sum += Double(hits) / Double(r + 1)
    }
    return sum / Double(p)
  }

  /// P(a random positive scores above a random negative), ties ½ (Mann–Whitney U / (P·Nₙ)); NaN
  /// scores count as the lowest. Nil without positives or without negatives.
  public static func rocAUC(scores: [Double], positive: [Bool]) -> Double? {
    let p = positive.count(where: { $0 })
    let negatives = positive.count - p
    guard p > 0, negatives > 0 else { return nil }
    let key = scores.map(ScoreTable.rankKey)
    let ascending = scores.indices.sorted { key[$0] < key[$1] }
    var negativesBelow = 0
    var u = 0.0
    var start = 0
    while start < ascending.count {
      var end = start
      while end < ascending.count, key[ascending[end]] == key[ascending[start]] { end += 1 }
      let tiedPositives = ascending[start..<end].count(where: { positive[$0] })
      let tiedNegatives = end - start - tiedPositives
      // Each positive here beats every negative below and half-beats the tied ones.
      u += Double(tiedPositives) * (Double(negativesBelow) + 0.5 * Double(tiedNegatives))
      negativesBelow += tiedNegatives
      start = end
    }
    return u / (Double(p) * Double(negatives))
  }
}
