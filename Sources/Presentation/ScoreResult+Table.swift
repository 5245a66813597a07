import Foundation
import Pipeline

/// The highest windows as `icews score -o FILE` prints them.
extension ScoreResult {
  /// The first `count` windows as an aligned table for the terminal.
  public func table(top count: Int = 10) -> String {
    let rows = windows.prefix(count)
    let width = max(5, min(32, rows.map(\.group.count).max() ?? 5))
    var text =
      "rank  " + "group".padding(toLength: width, withPad: " ", startingAt: 0)
      + "  start       end              error      score  pctile  standing out\n"
    for (rank, w) in rows.enumerated() {
      text +=
        String(format: "%4d  ", rank + 1)
        + String(w.group.prefix(width)).padding(toLength: width, withPad: " ", startingAt: 0)
        + "  \(w.start)  \(w.end)" + String(format: "  %11.4g  %9.3f", w.error, w.score)
        + (w.percentile.map { String(format: "  %6.2f", $0) } ?? "       -")
        + "  " + w.topFeatures.prefix(2).joined(separator: ", ") + "\n"
    }
    return text
  }
}
