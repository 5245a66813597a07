import EventData

/// Per-feature scaling fitted on train frames.
public enum NormalizeMethod: String, Sendable, CaseIterable, Codable {
  case zscore, minmax, none
}

/// Where first-order differencing runs.
public enum DifferenceScope: String, Sendable, CaseIterable, Codable {
  /// Within each window: the first frame stays, later frames become x[t] − x[t−1].
  case window
  /// Along each group's whole series, first frame kept.
  case series
}

public struct DifferenceSettings: Sendable, Equatable, Codable {
  /// 0 = none, 1 = first differences.
  public var order: Int
  public var scope: DifferenceScope
  public init(order: Int = 1, scope: DifferenceScope = .window) {
    self.order = order
    self.scope = scope
  }
}

public struct WindowSettings: Sendable, Equatable, Codable {
  public var length: Int
  public var stride: Int
  public init(length: Int = 14, stride: Int = 14) {
    self.length = length
    self.stride = stride
  }
}

/// A window is train when its last day ≤ `trainEnd`, valid when ≤ `validEnd`, else test.
public struct SplitSettings: Sendable, Equatable, Codable {
  public var trainEnd: Day
  public var validEnd: Day
  public init(trainEnd: Day, validEnd: Day) {
    self.trainEnd = trainEnd
    self.validEnd = validEnd
  }
}
