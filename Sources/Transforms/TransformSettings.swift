import EventData
import Support

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

  enum CodingKeys: String, CodingKey {
    case trainEnd = "train_end"
    case validEnd = "valid_end"
  }
}

/// Every transform setting of a pipeline, in the order the stages run.
public struct TransformSettings: Sendable, Equatable, Codable {
  public var normalize: NormalizeMethod
  public var difference: DifferenceSettings
  public var window: WindowSettings
  /// nil = everything is train (and fitting uses every frame).
  public var split: SplitSettings?

  public init(
    normalize: NormalizeMethod = .zscore, difference: DifferenceSettings = DifferenceSettings(),
    window: WindowSettings = WindowSettings(), split: SplitSettings? = nil
  ) {
    self.normalize = normalize
    self.difference = difference
    self.window = window
    self.split = split
  }

  /// Rejects settings no stage can run with; the error names the key.
  public func validate() throws(TransformError) {
    guard window.length >= 1 else {
      throw TransformError(.invalidSettings, "window.length must be ≥ 1, got \(window.length)")
    }
    guard window.stride >= 1 else {
      throw TransformError(.invalidSettings, "window.stride must be ≥ 1, got \(window.stride)")
    }
    guard difference.order == 0 || difference.order == 1 else {
      throw TransformError(.invalidSettings, "difference.order must be 0 or 1, got \(difference.order)")
    }
    if let split, split.validEnd < split.trainEnd {
      throw TransformError(
        .invalidSettings, "split.valid_end (\(split.validEnd)) is before split.train_end (\(split.trainEnd))")
    }
  }
}
