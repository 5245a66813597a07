import EventData
import Frames
import Shards
import Transforms

/// What a window's values are, feature by feature, in one space: the y-axis labels of `reconstruct`'s
/// plot ("fraction of the week's events", "z-score", "log(1 + events per week)"), derived from the
/// pipeline's features, normalization and differencing as the manifest records them.
public enum FeatureUnits {
  /// One label per feature of `manifest` in `space`; `value` for features the pipeline does not
  /// describe (frames-csv input, whose columns are the user's own).
  public static func labels(for manifest: ShardManifest, space: WindowSpace) -> [String] {
    let config =
      (try? PipelineConfig.parse(yaml: manifest.pipeline.canonical, file: "manifest.json"))
      ?? (try? PipelineConfig.parse(yaml: manifest.pipeline.source, file: "manifest.json"))
    var raw = [String](repeating: "value", count: manifest.featureCount)
    if let features = config?.features, FrameSchema.width(of: features) == manifest.featureCount {
      raw = features.flatMap { repeatElement(Self.raw($0, period: manifest.period), count: $0.width) }
    }
    let t = manifest.transforms
    return raw.map {
      transformed($0, normalize: t.normalize, difference: t.difference, period: manifest.period, space: space)
    }
  }

  /// The frame's own unit of `feature` (what raw space shows).
  static func raw(_ feature: FeatureSpec, period: CalendarPeriod) -> String {
    switch feature {
    case .oneHot, .multiHot:
      return "fraction of the \(period.rawValue)'s events"
    case .numeric(let field, let agg, let scale, let transform, _):
      var unit =
        switch field {
        case .eventCount: "events per \(period.rawValue)"
        case .intensity: "\(agg.rawValue) intensity"
        case .goldstein: "\(agg.rawValue) Goldstein scale"
        case .mentions: agg == .sum ? "mentions per \(period.rawValue)" : "\(agg.rawValue) mentions"
        }
      if transform == .log1p { unit = "log(1 + \(unit))" }
      if let scale { unit += ", scaled to \(number(scale.lowerBound))…\(number(scale.upperBound))" }
      return unit
    }
  }

  /// `raw` after normalization and, where `space` still holds it, differencing.
  static func transformed(
    _ raw: String, normalize: NormalizeMethod, difference: DifferenceSettings, period: CalendarPeriod,
    space: WindowSpace
  ) -> String {
    guard space != .raw else { return raw }
    let level =
      switch normalize {
      case .zscore: "z-score"
      case .minmax: "scaled to the train min…max"
      case .none: raw
      }
    guard difference.order > 0 else { return level }
    let delta = "Δ" + (difference.order > 1 ? "\(difference.order)" : "")
    switch (difference.scope, space) {
    case (.series, _): return "\(delta) \(level) per \(period.rawValue)"
    case (.window, .model): return "\(level), then \(delta) per \(period.rawValue)"
    case (.window, _): return level
    }
  }

  private static func number(_ x: Double) -> String {
    x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : "\(x)"
  }
}
