import Support

/// The periods an analyst reads after scoring: the windows one detector flags (`ScoreTable.flagged`, its
/// top k % as `icews evaluate` counts them), merged per group. Flagged windows of a group that overlap or
/// touch (one ends the day before the next starts) are one alert, so a one-week episode seen by eight
/// overlapping weekly windows is listed once, not eight times (docs/EVALUATION.md).
public struct AlertList: Sendable, Equatable {
  public struct Alert: Sendable, Equatable {
    public var group: String
    /// First and last day of the alert's flagged windows (their union, one unbroken run of days).
    public var start: Day
    public var end: Day
    /// From the first to the last day that the most of its flagged windows cover: where the unusual
    /// days most likely are, since every window holding them was flagged.
    public var coreStart: Day
    public var coreEnd: Day
    /// Its flagged windows (indices into the scores' windows), by start day.
    public var windows: [Int]
    /// Its highest-ranked window (ties: the earlier line of the file).
    public var peak: Int
    public var peakScore: Double
  }

  /// The detector's column name.
  public var detector: String
  public var topPercent: Double
  /// Windows scored, and windows flagged.
  public var scored: Int
  public var flagged: Int
  /// Highest peak first (ties in file order of the peaks).
  public var alerts: [Alert]

  /// The alerts of detector `d` (index into `scores.detectors`) at its top `topPercent` % (0 < k ≤ 100).
  public init(scores: ScoreTable, detector d: Int, topPercent: Double) {
    precondition(topPercent > 0 && topPercent <= 100, "a percentage in (0, 100]")
    let ranking = scores.ranking(detector: d)
    let top = scores.flagged(detector: d, topPercent: topPercent)
    var position = [Int](repeating: 0, count: ranking.count)
    for (r, i) in ranking.enumerated() { position[i] = r }

    var byGroup: [String: [Int]] = [:]
    for i in top { byGroup[scores.windows[i].group, default: []].append(i) }
    var alerts: [Alert] = []
    for (_, flagged) in byGroup {
      let ordered = flagged.sorted {
        let (a, b) = (scores.windows[$0], scores.windows[$1])
        return (a.start, a.end, $0) < (b.start, b.end, $1)
      }
      var run: [Int] = []
      var runEnd = Day(index: .min)
      for i in ordered {
        let w = scores.windows[i]
        if !run.isEmpty && w.start > runEnd + 1 {
          alerts.append(Self.alert(run, scores: scores, detector: d, position: position))
          run = []
        }
        runEnd = run.isEmpty ? w.end : max(runEnd, w.end)
        run.append(i)
      }
      if !run.isEmpty { alerts.append(Self.alert(run, scores: scores, detector: d, position: position)) }
    }
    alerts.sort { position[$0.peak] < position[$1.peak] }

    detector = scores.detectors[d]
    self.topPercent = topPercent
    scored = scores.windows.count
    flagged = top.count
    self.alerts = alerts
  }

  /// One alert from its windows (by start day), with its core found by a sweep over window starts and ends.
  private static func alert(_ run: [Int], scores: ScoreTable, detector d: Int, position: [Int]) -> Alert {
    let windows = run.map { scores.windows[$0] }
    // coverage changes +1 on a window's first day and −1 the day after its last
    var changes: [(day: Day, delta: Int)] = []
    for w in windows { changes += [(w.start, 1), (w.end + 1, -1)] }
    changes.sort { ($0.day, $0.delta) < ($1.day, $1.delta) }
    var covered = 0
    var most = 0
    var coreStart = windows[0].start
    var coreEnd = windows[0].end
    for (k, change) in changes.enumerated() {
      covered += change.delta
      // the count holds from this change to the next one's day
      guard k + 1 < changes.count, changes[k + 1].day > change.day else { continue }
      if covered > most {
        most = covered
        coreStart = change.day
        coreEnd = changes[k + 1].day + (-1)
      } else if covered == most {
        coreEnd = changes[k + 1].day + (-1)
      }
    }
    let peak = run.min { position[$0] < position[$1] }!
    return Alert(
      group: windows[0].group, start: windows[0].start, end: windows.map(\.end).max()!,
      coreStart: coreStart, coreEnd: coreEnd, windows: run, peak: peak, peakScore: scores.scores[d][peak])
  }

  /// For each alert, the first episode of its group that overlaps it (one of its windows is then positive).
  /// An episode some alert overlaps is one `DetectionEvaluation` counts as found by the same detector.
  public func matches(_ truth: EpisodeTable) -> [EpisodeTable.Episode?] {
    alerts.map { alert in
      truth.episodes.first { $0.country == alert.group && $0.overlaps(alert.start, alert.end) }
    }
  }
}

extension AlertList {
  /// `rank,group,start,end,core_start,core_end,windows,peak_start,peak_end,peak_score,top_features` (the peak
  /// window's, from the scores file), plus `episode_start,episode_end` (empty when none) with `truth`.
  public func csv(scores: ScoreTable, truth: EpisodeTable? = nil) -> String {
    var text =
      "rank,group,start,end,core_start,core_end,windows,peak_start,peak_end,peak_score,top_features"
      + (truth == nil ? "" : ",episode_start,episode_end") + "\n"
    let matched = truth.map(matches)
    for (r, a) in alerts.enumerated() {
      let peak = scores.windows[a.peak]
      text +=
        "\(r + 1),\(csvField(a.group)),\(a.start),\(a.end),\(a.coreStart),\(a.coreEnd),\(a.windows.count),"
        + "\(peak.start),\(peak.end),\(String(format: "%.6g", a.peakScore)),\(csvField(peak.topFeatures))"
      if let matched {
        text += matched[r].map { ",\($0.start),\($0.end)" } ?? ",,"
      }
      text += "\n"
    }
    return text
  }
}
