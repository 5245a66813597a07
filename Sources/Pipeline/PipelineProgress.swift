/// Where a long stage is, for a terminal progress bar (the CLI draws it; the library only reports).
public struct PipelineProgress: Sendable, Equatable {
  /// Short name of the stage (`reading events`, `writing frames`).
  public var stage: String
  public var done: Int
  /// nil when the end is not known in advance (events streamed from compressed input).
  public var total: Int?

  public init(stage: String, done: Int, total: Int?) {
    self.stage = stage
    self.done = done
    self.total = total
  }
}
