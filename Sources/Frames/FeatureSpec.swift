import EventData

/// One entry of a pipeline's `frames.features` list; the frame is the concatenation of all entries.
public enum FeatureSpec: Sendable, Equatable {
  /// Fraction of a group-day's events in each class, classes in code order.
  case oneHot(OneHotField)
  /// Fraction of events whose sector set contains each of the `topK` most frequent sectors,
  /// plus an optional `(other)` slot.
  case multiHot(SectorField, topK: Int, other: Bool)
  /// A numeric column aggregated per group-day.
  case numeric(
    NumericField, agg: NumericAggregation, scale: ClosedRange<Double>?, transform: NumericTransform, fill: Double)

  /// Number of frame columns this feature occupies; independent of the data, so widths never drift.
  public var width: Int {
    switch self {
    case .oneHot(let field): return field.classCount
    case .multiHot(_, let topK, let other): return topK + (other ? 1 : 0)
    case .numeric: return 1
    }
  }
}

/// Categorical fields that `one_hot` encodes.
public enum OneHotField: String, Sendable, CaseIterable {
  case quadClass = "quad_class"
  case cameoRoot = "cameo_root"
  /// POLECAT's 16 PLOVER event types.
  case ploverEventType = "plover_event_type"
  /// POLECAT's Event Mode: the 57 PLOVER modes, then `(none)` and `(other)`.
  case eventMode = "event_mode"

  /// 4 quad classes, 20 CAMEO roots, 16 PLOVER types or 57 + 2 event modes.
  public var classCount: Int {
    switch self {
    case .quadClass: return 4
    case .cameoRoot: return 20
    case .ploverEventType: return 16
    case .eventMode: return PloverEventMode.allCases.count + 2
    }
  }
}

/// Sector fields that `multi_hot` encodes.
public enum SectorField: String, Sendable, CaseIterable, Codable {
  case sourceSectors = "source_sectors"
  case targetSectors = "target_sectors"
  /// POLECAT's `;`-separated Contexts tokens.
  case contexts

  /// Prefix of this field's feature names (`src:Government`, `ctx:economic`).
  public var namePrefix: String {
    switch self {
    case .sourceSectors: return "src"
    case .targetSectors: return "tgt"
    case .contexts: return "ctx"
    }
  }

  /// Which of an event's two set slots carries the field: the second only for target sectors,
  /// so a pipeline combines `contexts` with `target_sectors` but not with `source_sectors`.
  var usesSecondSlot: Bool { self == .targetSectors }
}

/// Numeric fields a frame can carry.
public enum NumericField: String, Sendable, CaseIterable {
  case intensity
  case eventCount = "event_count"
  /// GDELT's GoldsteinScale (kept where ICEWS keeps Intensity).
  case goldstein
  /// GDELT's NumMentions.
  case mentions
}

public enum NumericAggregation: String, Sendable, CaseIterable {
  case mean, sum, min, max
}

public enum NumericTransform: String, Sendable, CaseIterable {
  case none, log1p
}

/// Which column names a frame's group.
public enum GroupBy: String, Sendable, CaseIterable {
  case country
  case sourceCountry = "source_country"
  case targetCountry = "target_country"
  case none
}
