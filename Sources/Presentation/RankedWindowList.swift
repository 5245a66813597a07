import Foundation
import Pipeline

/// The top of one detector's ranking with every window that overlaps a known episode marked: the
/// list an analyst reads first, with the ground truth next to it.
public struct RankedWindowList: Sendable {
  public var lines: [String]

  /// The `count` highest windows of detector `detector` (index into `scores.detectors`).
  public init(scores: ScoreTable, episodes: EpisodeTable, detector: Int = 0, count: Int) {
    let ranking = scores.ranking(detector: detector)
    let shown = ranking.prefix(count)
    let width = max(5, min(28, shown.map { scores.windows[$0].group.count }.max() ?? 5))
    func pad(_ s: String) -> String { String(s.prefix(width)).padding(toLength: width, withPad: " ", startingAt: 0) }
    var lines = [
      "rank  " + pad("group") + "  start       end         " + scores.detectors[detector] + "   planted episode"
    ]
    for (r, i) in shown.enumerated() {
      let w = scores.windows[i]
      let hit = episodes.episodes.first { $0.country == w.group && $0.overlaps(w.start, w.end) }
      let mark = hit.map { "* \($0.start.iso) … \($0.end.iso)" } ?? ""
      lines.append(
        String(format: "%4d  ", r + 1) + pad(w.group) + "  \(w.start.iso)  \(w.end.iso)"
          + String(format: "  %9.3f   ", scores.scores[detector][i]) + mark)
    }
    self.lines = lines
  }

  public var text: String { lines.joined(separator: "\n") + "\n" }
}
