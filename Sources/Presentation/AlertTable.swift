import Foundation
import Pipeline

/// `icews alerts`'s table: one line per alert, highest peak first, with the days its flagged windows share
/// most, how many windows it merges, its peak score and the features that stood out in the peak window;
/// with ground truth, the episode it overlaps is marked `*`.
public struct AlertTable: Sendable {
  public var lines: [String]

  /// The first `count` alerts of `list` (all of them when nil).
  public init(_ list: AlertList, scores: ScoreTable, truth: EpisodeTable? = nil, count: Int? = nil) {
    let shown = Array(list.alerts.prefix(count ?? list.alerts.count))
    let matched = truth.map { Array(list.matches($0).prefix(shown.count)) }
    let width = max(5, min(24, shown.map(\.group.count).max() ?? 5))
    func pad(_ s: String, _ n: Int) -> String {
      let cut = s.count > n ? String(s.prefix(n - 1)) + "…" : s
      return cut.padding(toLength: n, withPad: " ", startingAt: 0)
    }
    var lines = [
      "rank  " + pad("group", width) + "  likely days              windows        peak  " + pad("why (peak window)", 44)
        + (truth == nil ? "" : "  planted episode")
    ]
    for (r, a) in shown.enumerated() {
      let why = scores.windows[a.peak].topFeatures
      var line =
        String(format: "%4d  ", r + 1) + pad(a.group, width) + "  \(a.coreStart.iso) … \(a.coreEnd.iso)"
        + String(format: "  %7d  %10.3f  ", a.windows.count, a.peakScore) + pad(why.isEmpty ? "-" : why, 44)
      if let matched { line += matched[r].map { "  * \($0.start.iso) … \($0.end.iso)" } ?? "" }
      lines.append(line.replacingOccurrences(of: " +$", with: "", options: .regularExpression))
    }
    self.lines = lines
  }

  public var text: String { lines.joined(separator: "\n") + "\n" }
}
