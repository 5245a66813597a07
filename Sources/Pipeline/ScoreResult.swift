import Support

/// The ranked windows of one split and how the Gaussian was fitted.
public struct ScoreResult: Sendable {
  /// Highest score first; equal scores keep export order.
  public var windows: [WindowScore]
  public var split: SplitName
  /// Split whose error vectors fitted the Gaussian (valid, or train when valid has fewer than 2 windows).
  public var fittedOn: SplitName
  public var fittedWindows: Int
  public var options = ScoreOptions()
  /// Ledoit–Wolf weight of the identity in the model's Gaussian (0 with other estimators).
  public var shrinkage = 0.0
  /// Set when the fit fell back from valid to train, saying why.
  public var note: String?

  public init(
    windows: [WindowScore], split: SplitName, fittedOn: SplitName, fittedWindows: Int,
    options: ScoreOptions = ScoreOptions(), shrinkage: Double = 0, note: String? = nil
  ) {
    self.windows = windows
    self.split = split
    self.fittedOn = fittedOn
    self.fittedWindows = fittedWindows
    self.options = options
    self.shrinkage = shrinkage
    self.note = note
  }
}
