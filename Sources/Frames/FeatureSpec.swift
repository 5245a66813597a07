/// One entry of a pipeline's `frames.features` list; the frame is the concatenation of all entries.
public enum FeatureSpec: Sendable, Equatable {
  /// Fraction of a group-day's events in each class, classes in code order.
  case oneHot(OneHotField)
  /// Fraction of events whose sector set contains each of the `topK` most frequent sectors,
  /// plus an optional `(other)` slot.
  case multiHot(SectorField, topK: Int, other: Bool)
  /// A numeric column aggregated per group-day.
  case numeric(NumericField, agg: NumericAggregation, scale: ClosedRange<Double>?, transform: NumericTransform, fill: Double)
}

/// Categorical fields that `one_hot` encodes.
public enum OneHotField: String, Sendable, CaseIterable {
  case quadClass = "quad_class"
  case cameoRoot = "cameo_root"
}

/// Sector fields that `multi_hot` encodes.
public enum SectorField: String, Sendable, CaseIterable {
  case sourceSectors = "source_sectors"
  case targetSectors = "target_sectors"
}

/// Numeric fields a frame can carry.
public enum NumericField: String, Sendable, CaseIterable {
  case intensity
  case eventCount = "event_count"
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
