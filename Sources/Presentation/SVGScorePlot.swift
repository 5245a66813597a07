import EventData
import Foundation
import Pipeline
import Support

/// One detector's score over time as a standalone SVG of small multiples: a panel per group with
/// the score of each window at its end date, the global top-k % threshold as a dashed line and
/// the group's episodes as shaded bands — the picture that shows *why* an evaluation came out as
/// it did. All panels share both axes, so heights compare across groups.
public struct SVGScorePlot: SVGDrawing {
  public var scores: ScoreTable
  /// Index into `scores.detectors`.
  public var detector: Int
  /// The groups to draw, one panel each, in this order.
  public var groups: [String]
  /// Ground truth to shade; episodes of other groups are ignored.
  public var episodes: [EpisodeTable.Episode]
  public var topPercent: Double

  static let width = 1000.0
  static let header = 78.0
  /// Inner margins of a panel: left (y labels), right, top (group name), bottom (dates).
  static let inset = (left: 52.0, right: 14.0, top: 24.0, bottom: 30.0)
  static let seriesColor = "#1f77b4"
  static let flaggedColor = "#d62728"
  static let bandColor = "#ff7f0e"

  public init(
    scores: ScoreTable, detector: Int = 0, groups: [String], episodes: [EpisodeTable.Episode] = [],
    topPercent: Double = 5
  ) {
    precondition(scores.detectors.indices.contains(detector) && topPercent > 0 && topPercent <= 100)
    self.scores = scores
    self.detector = detector
    self.groups = groups
    self.episodes = episodes
    self.topPercent = topPercent
  }

  /// The `count` groups whose highest window score is largest, highest first (ties by name):
  /// where a reader looks first.
  public static func highestGroups(in scores: ScoreTable, detector: Int, count: Int) -> [String] {
    var best: [String: Double] = [:]
    for (i, w) in scores.windows.enumerated() {
      let v = ScoreTable.rankKey(scores.scores[detector][i])
      best[w.group] = max(best[w.group] ?? -.infinity, v)
    }
    return best.keys.sorted { best[$0]! != best[$1]! ? best[$0]! > best[$1]! : $0 < $1 }.prefix(count).map { $0 }
  }

  /// Windows flagged by this detector over every group (`ScoreTable.flagged`).
  public var flagged: Set<Int> { Set(scores.flagged(detector: detector, topPercent: topPercent)) }

  /// The lowest score among the flagged windows: the line a window must reach to be in the top k %.
  public var threshold: Double? {
    guard let last = scores.flagged(detector: detector, topPercent: topPercent).last else { return nil }
    let value = scores.scores[detector][last]
    return value.isFinite ? value : nil
  }

  /// The dates the x axis spans: every scored window's end date, with a margin of 1 % (at least
  /// 3 days) that keeps the edge dots whole.
  public var timeRange: (first: Day, last: Day) {
    let ends = scores.windows.map(\.end)
    let first = ends.min() ?? Day(index: 0)
    let last = ends.max() ?? Day(index: 0)
    let margin = max(3, (last - first) / 100)
    return (first + -margin, last + margin)
  }

  /// The episodes drawn as bands: those of the drawn groups that reach into `timeRange`.
  public var shownEpisodes: [EpisodeTable.Episode] {
    let (first, last) = timeRange
    let drawn = Set(groups)
    return episodes.filter { drawn.contains($0.country) && $0.overlaps(first, last) }
  }

  public func render() -> String {
    let columns = groups.count > 3 ? 2 : 1
    let rows = max(1, (groups.count + columns - 1) / columns)
    let panelWidth = Self.width / Double(columns)
    let panelHeight = columns == 1 ? 220.0 : 200.0
    let height = Self.header + Double(rows) * panelHeight + 8
    let name = scores.detectors[detector]
    let percent = String(format: "%g", topPercent)
    let flagged = self.flagged
    let threshold = self.threshold

    // Shared axes: time over every scored window, scores over the drawn groups and the threshold.
    let (first, last) = timeRange
    let drawn = Set(groups)
    let values =
      scores.windows.indices.filter { drawn.contains(scores.windows[$0].group) }
      .map { scores.scores[detector][$0] }.filter(\.isFinite) + (threshold.map { [$0] } ?? [])
    let ticks = Self.niceTicks(lo: values.min() ?? 0, hi: values.max() ?? 1)
    let axes = Axes(first: first, last: last, lo: ticks.first!, hi: ticks.last!, ticks: ticks)

    var svg = """
      <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(Self.width))" height="\(Int(height))" \
      viewBox="0 0 \(Int(Self.width)) \(Int(height))" font-family="Helvetica, Arial, sans-serif">
      <rect width="100%" height="100%" fill="white"/>

      """
    let file = URL(fileURLWithPath: scores.file).lastPathComponent
    svg += text(10, 22, "\(name) over time · \(file)", size: 16, weight: "bold")
    var subtitle = "\(scores.windows.count) windows · top \(percent) % = \(flagged.count) windows"
    if let threshold { subtitle += " (\(name) ≥ \(String(format: "%.4g", threshold)))" }
    subtitle += " · \(groups.count) group\(groups.count == 1 ? "" : "s") · x = window end date"
    svg += text(10, 40, subtitle, size: 12, color: "#555")
    svg += legend(x: 10, y: 62, percent: percent)
    for (k, group) in groups.enumerated() {
      svg += panel(
        group: group, index: k, axes: axes, flagged: flagged, threshold: threshold,
        x: Double(k % columns) * panelWidth, y: Self.header + Double(k / columns) * panelHeight,
        width: panelWidth, height: panelHeight)
    }
    return svg + "</svg>\n"
  }

  /// The shared scales of every panel.
  private struct Axes {
    var first: Day
    var last: Day
    var lo: Double
    var hi: Double
    var ticks: [Double]
  }

  private func legend(x: Double, y: Double, percent: String) -> String {
    var s = line(x, y - 4, x + 22, y - 4, color: Self.seriesColor, width: 1.5)
    s += circle(x + 11, y - 4, r: 2.5, color: Self.seriesColor)
    s += text(x + 28, y, "window score", size: 12)
    s += circle(x + 130, y - 4, r: 3.2, color: Self.flaggedColor)
    s += text(x + 139, y, "in the top \(percent) %", size: 12)
    s += line(x + 250, y - 4, x + 280, y - 4, color: Self.flaggedColor, width: 1.2, dash: true)
    s += text(x + 286, y, "top \(percent) % threshold", size: 12)
    s +=
      "<rect x=\"\(f1(x + 420))\" y=\"\(f1(y - 11))\" width=\"22\" height=\"12\" fill=\"\(Self.bandColor)\" "
      + "fill-opacity=\"0.22\" stroke=\"\(Self.bandColor)\" stroke-opacity=\"0.6\"/>\n"
    s += text(x + 448, y, "episode (ground truth)", size: 12)
    return s
  }

  private func panel(
    group: String, index: Int, axes: Axes, flagged: Set<Int>, threshold: Double?, x: Double, y: Double,
    width: Double, height: Double
  ) -> String {
    let left = x + Self.inset.left
    let right = x + width - Self.inset.right
    let top = y + Self.inset.top
    let bottom = y + height - Self.inset.bottom
    let span = Double(max(1, axes.last - axes.first))
    let px = { (d: Day) in left + (right - left) * Double(d - axes.first) / span }
    let py = { (v: Double) in bottom - (bottom - top) * (v - axes.lo) / (axes.hi - axes.lo) }
    let members = scores.windows.indices.filter { scores.windows[$0].group == group }
      .sorted {
        scores.windows[$0].end != scores.windows[$1].end ? scores.windows[$0].end < scores.windows[$1].end : $0 < $1
      }
    let values = members.map { scores.scores[detector][$0] }

    var s = "<g class=\"panel\" data-group=\"\(Self.escaped(group))\">\n"
    s +=
      "<clipPath id=\"plot\(index)\"><rect x=\"\(f1(left))\" y=\"\(f1(top))\" width=\"\(f1(right - left))\" "
      + "height=\"\(f1(bottom - top))\"/></clipPath>\n"
    s += text(left, y + 16, group, size: 13, weight: "bold")
    let inTop = members.count(where: { flagged.contains($0) })
    let maxLabel = values.filter(\.isFinite).max().map { "max \(String(format: "%.3g", $0))" } ?? "no finite score"
    s += text(
      right, y + 16,
      "\(maxLabel) · \(inTop) of \(members.count) windows in the top \(String(format: "%g", topPercent)) %", size: 11,
      color: "#666", anchor: "end")

    // Bands first, so the grid, threshold and series draw over them.
    for e in shownEpisodes where e.country == group {
      let x1 = max(left, px(e.start))
      let x2 = min(right, max(px(e.end), x1 + 3))
      s +=
        "<rect class=\"episode\" x=\"\(f1(x1))\" y=\"\(f1(top))\" width=\"\(f1(x2 - x1))\" "
        + "height=\"\(f1(bottom - top))\" "
        + "fill=\"\(Self.bandColor)\" fill-opacity=\"0.22\"/>\n"
      s += text(
        min(x1 + 2, right - 2), top + 11, "\(e.start.iso) · \(e.end - e.start + 1) d", size: 9, color: "#b35900",
        anchor: x1 + 90 > right ? "end" : "start")
    }
    s +=
      "<rect x=\"\(f1(left))\" y=\"\(f1(top))\" width=\"\(f1(right - left))\" height=\"\(f1(bottom - top))\" "
      + "fill=\"none\" stroke=\"#bbb\"/>\n"
    let step = axes.ticks.count > 1 ? axes.ticks[1] - axes.ticks[0] : 1
    for v in axes.ticks {
      s += line(left - 4, py(v), right, py(v), color: "#eee", width: 1)
      s += text(left - 6, py(v) + 3.5, Self.tickLabel(v, step: step), size: 10, anchor: "end")
    }
    for tick in Self.timeTicks(from: axes.first, to: axes.last, maxTicks: max(2, Int((right - left) / 80))) {
      s += line(px(tick.day), top, px(tick.day), bottom, color: "#f2f2f2", width: 1)
      s += line(px(tick.day), bottom, px(tick.day), bottom + 4, color: "#888", width: 1)
      // A label that would run past the panel's right edge ends at its tick instead.
      let anchor = px(tick.day) + 24 > x + width ? "end" : "middle"
      s += text(px(tick.day), bottom + 16, tick.label, size: 10, anchor: anchor)
    }
    if let threshold {
      s +=
        "<g class=\"threshold\">"
        + line(left, py(threshold), right, py(threshold), color: Self.flaggedColor, width: 1.2, dash: true) + "</g>\n"
    }
    s += "<g clip-path=\"url(#plot\(index))\">\n"
    s += polyline(
      zip(members, values).map { (px(scores.windows[$0.0].end), py($0.1)) }, color: Self.seriesColor, dash: false,
      width: 1.4)
    for (i, v) in zip(members, values) where v.isFinite {
      let hit = flagged.contains(i)
      s += circle(
        px(scores.windows[i].end), py(v), r: hit ? 3.2 : 2.2, color: hit ? Self.flaggedColor : Self.seriesColor)
    }
    s += "</g>\n"
    return s + "</g>\n"
  }

  private func circle(_ x: Double, _ y: Double, r: Double, color: String) -> String {
    "<circle cx=\"\(f1(x))\" cy=\"\(f1(y))\" r=\"\(r)\" fill=\"\(color)\"/>\n"
  }

  /// Dates to label between `first` and `last`, at most `maxTicks` where possible: first days of
  /// months, quarters or years ("2019-04", "2019") over two months or more, else every 1, 2, 7, 14
  /// or 28 days (ISO dates).
  static func timeTicks(from first: Day, to last: Day, maxTicks: Int) -> [(day: Day, label: String)] {
    guard last - first >= 62 else {
      let every = [1, 2, 7, 14, 28].first { (last - first) / $0 + 1 <= maxTicks } ?? 28
      return stride(from: 0, through: last - first, by: every).map { (first + $0, (first + $0).iso) }
    }
    for months in [1, 3, 6, 12, 24, 60, 120] {
      var ticks: [(day: Day, label: String)] = []
      var (year, month, _) = first.components
      while let day = Day(year: year, month: month, day: 1), day <= last {
        if day >= first, (year * 12 + month - 1) % months == 0 {
          ticks.append((day, months >= 12 ? String(year) : String(day.iso.prefix(7))))
        }
        (year, month) = month == 12 ? (year + 1, 1) : (year, month + 1)
      }
      if ticks.count <= maxTicks { return ticks }
    }
    return [(first, first.iso), (last, last.iso)]
  }
}
