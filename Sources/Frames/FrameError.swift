/// The one error type of the Frames module: what went wrong, where, and what to do.
public struct FrameError: Error, Sendable, Equatable, CustomStringConvertible {
  public enum Code: String, Sendable {
    /// An event's CAMEO code does not start with a root 01…20.
    case badCameoCode
    /// Frozen vocabularies (`--reuse-manifest`) do not fit the pipeline's features.
    case vocabularyMismatch
    /// The temporary spill file of aggregated events could not be written or read.
    case spillFailed
    /// An output file (`frames.npy`) could not be written.
    case writeFailed
    /// More distinct sector sets than the compact event format can index.
    case tooManySectorSets
    /// A `frames-csv` input is unreadable or malformed (the context names file and line).
    case badFramesCSV
    /// The pipeline's features cannot be combined (they share an event's storage).
    case badFeature
  }

  public var code: Code
  /// The event, file or feature the error concerns.
  public var context: String
  public var message: String

  public init(_ code: Code, context: String, _ message: String) {
    self.code = code
    self.context = context
    self.message = message
  }

  public var description: String { "\(context): \(message)" }
}
