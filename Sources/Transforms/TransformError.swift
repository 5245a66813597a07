/// The one error type of the Transforms module: a code for scripts and a message saying what to change.
public struct TransformError: Error, Sendable, Equatable, CustomStringConvertible {
  public enum Code: String, Sendable {
    /// A pipeline value no stage can run with.
    case invalidSettings
    /// The train range holds no frame, so nothing can be fitted.
    case emptyTrainRange
    /// Frames or statistics disagree in shape (e.g. a reused manifest with other features).
    case shapeMismatch
    /// The requested inverse needs data a single window does not carry.
    case notInvertible
    /// The transforms pushed a value past float32's range (an infinity or NaN would be stored).
    case nonFinite
  }

  public var code: Code
  public var message: String

  public init(_ code: Code, _ message: String) {
    self.code = code
    self.message = message
  }

  public var description: String { message }
}
