/// Where a long stage is, for a terminal progress bar (the CLI draws it; the library only reports).
public struct PipelineProgress: Sendable, Equatable {
  /// Short name of the stage (`reading events`, `writing frames`).
  public var stage: String
  public var done: Int
  /// nil when the end is not known in advance (events streamed from compressed input).
  public var total: Int?
  /// What `done` counts (`events`, `groups`, `windows`), for the rate a bar shows.
  public var unit: String
  /// The input file being read, while events are read from several files.
  public var file: InputFile?

  public init(stage: String, done: Int, total: Int?, unit: String, file: InputFile? = nil) {
    self.stage = stage
    self.done = done
    self.total = total
    self.unit = unit
    self.file = file
  }

  /// File `number` of `count` (folders and globs expanded), at `path`.
  public struct InputFile: Sendable, Equatable {
    public var number: Int
    public var count: Int
    public var path: String

    public init(number: Int, count: Int, path: String) {
      self.number = number
      self.count = count
      self.path = path
    }
  }
}
