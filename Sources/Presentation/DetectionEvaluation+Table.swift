import Foundation
import Pipeline

/// The evaluation as people read it (`icews evaluate` on stderr); scripts read its JSON.
extension DetectionEvaluation {
  /// The human summary: counts, one row per detector (and the random ranking), then each counted
  /// episode's best rank per detector with `*` marking the found ones.
  public func table() -> String {
    let percent = String(format: "%g", topPercent)
    let outside = episodes.count(where: { !$0.counted })
    let counted = episodes.count - outside
    var out = "\(windows) windows, \(positives) positive"
    if windows > 0 { out += String(format: " (%.1f %%)", 100 * Double(positives) / Double(windows)) }
    out += "; top \(percent) % = \(topCount) window\(topCount == 1 ? "" : "s")"
    out += "; \(counted) episode\(counted == 1 ? "" : "s") counted"
    if outside > 0 { out += ", \(outside) outside the scored windows" }
    out += "\n\n"

    let metric = { (v: Double?) in v.map { String(format: "%.3f", $0) } ?? "-" }
    var rows = [["detector", "recall", "found", "AUC-PR", "AUC-ROC"]]
    for d in detectors {
      rows.append([d.name, metric(d.recall), "\(d.found)/\(d.episodes)", metric(d.aucPR), metric(d.aucROC)])
    }
    let random = detectors.first?.randomAUCPR
    rows.append(["(random ranking)", "-", "-", metric(random), random == nil ? "-" : "0.500"])
    out += Self.aligned(rows, rightFrom: 1)

    guard counted > 0 else { return out }
    // Episodes of other splits would bury the few that count; the header line gives their number.
    out += "\nbest rank per scored episode (* = in the top \(percent) %):\n"
    var episodeRows = [["country", "start", "end"] + detectors.map(\.name)]
    for e in episodes where e.counted {
      let head = [e.episode.country, e.episode.start.iso, e.episode.end.iso]
      episodeRows.append(
        head + zip(e.ranks, e.found).map { rank, found in rank.map { "\($0)" + (found ? "*" : " ") } ?? "" })
    }
    return out + Self.aligned(episodeRows, rightFrom: 3)
  }

  /// Columns padded to their widest cell, two spaces apart; columns from `rightFrom` on are
  /// right-aligned.
  private static func aligned(_ rows: [[String]], rightFrom: Int) -> String {
    let columns = rows.map(\.count).max() ?? 0
    let widths = (0..<columns).map { c in rows.map { c < $0.count ? $0[c].count : 0 }.max() ?? 0 }
    var out = ""
    for row in rows {
      let cells = row.enumerated().map { c, cell -> String in
        let pad = String(repeating: " ", count: max(0, widths[c] - cell.count))
        return c >= rightFrom ? pad + cell : cell + pad
      }
      var line = cells.joined(separator: "  ")
      while line.hasSuffix(" ") { line.removeLast() }
      out += line + "\n"
    }
    return out
  }
}
