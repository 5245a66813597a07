import Foundation
import Support

/// The scores file `icews score -o` writes and `ScoreTable` reads back.
extension ScoreResult {
  /// `group,start,end,error,score` (plus `mean_baseline_score,zscore_baseline_score` when the baselines
  /// were scored), `percentile,top_features`; one row per window, highest score first.
  public func csv() -> String {
    let baselines = options.baselines
    var text =
      "group,start,end,error,score" + (baselines ? ",mean_baseline_score,zscore_baseline_score" : "")
      + ",percentile,top_features\n"
    func number(_ x: Double?) -> String { x.map { String(format: "%.6g", $0) } ?? "" }
    for w in windows {
      text += "\(csvField(w.group)),\(w.start),\(w.end),\(number(w.error)),\(number(w.score))"
      if baselines { text += ",\(number(w.meanBaselineScore)),\(number(w.zscoreBaselineScore))" }
      text +=
        ",\(w.percentile.map { String(format: "%.2f", $0) } ?? ""),\(csvField(w.topFeatures.joined(separator: "; ")))\n"
    }
    return text
  }
}
