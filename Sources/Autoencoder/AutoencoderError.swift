/// The one error type of the Autoencoder module: a code for programs, context for people.
public struct AutoencoderError: Error, CustomStringConvertible, Equatable, Sendable {
  public enum Code: String, Sendable {
    /// A batch, window or tensor does not have the size the model was built for.
    case shapeMismatch
    /// A checkpoint file is unreadable, truncated or not valid safetensors.
    case badCheckpoint
    /// A configuration value is out of range (hidden 0, layers 0, ...).
    case badConfiguration
    /// Scoring was asked before the error distribution was fitted, or with too few windows.
    case notFitted
    /// A batch source failed or produced no data.
    case badBatchSource
  }

  public let code: Code
  /// What happened, where (file, tensor, batch), and what to do about it.
  public let context: String

  public init(_ code: Code, _ context: String) {
    self.code = code
    self.context = context
  }

  /// Reads as a sentence for people; programs match on `code`, which is not repeated here.
  public var description: String { context }
}
