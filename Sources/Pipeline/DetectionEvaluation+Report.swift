import Foundation

/// The two faces of an evaluation: JSON for scripts (`icews evaluate -o`) and a table for people.
extension DetectionEvaluation: Encodable {
  enum CodingKeys: String, CodingKey {
    case topPercent = "top_percent"
    case windows, positives
    case topCount = "top_count"
    case detectors, episodes
  }

  /// An episode as scripts read it: ranks and found keyed by detector name, `null` rank when not counted.
  private struct EpisodeJSON: Encodable {
    var country: String
    var start: String
    var end: String
    var counted: Bool
    var ranks: [String: Int?]
    var found: [String: Bool]
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(topPercent, forKey: .topPercent)
    try c.encode(windows, forKey: .windows)
    try c.encode(positives, forKey: .positives)
    try c.encode(topCount, forKey: .topCount)
    try c.encode(detectors, forKey: .detectors)
    let names = detectors.map(\.name)
    let list = episodes.map { e in
      EpisodeJSON(
        country: e.episode.country, start: e.episode.start.iso, end: e.episode.end.iso, counted: e.counted,
        ranks: Dictionary(uniqueKeysWithValues: zip(names, e.ranks)),
        found: Dictionary(uniqueKeysWithValues: zip(names, e.found)))
    }
    try c.encode(list, forKey: .episodes)
  }

  /// Pretty JSON with sorted keys (stable bytes for the same input), ending in a newline.
  public func json() -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    // Every value is finite or nil, and every key a string: encoding cannot fail.
    return (try! encoder.encode(self)) + Data("\n".utf8)
  }

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
