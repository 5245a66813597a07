/// The one error type of the Pipeline module: a code, the file (and line, key path) at fault,
/// and a message that says what to change.
public struct PipelineError: Error, Sendable, Equatable, CustomStringConvertible {
  public enum Code: String, Sendable {
    /// The pipeline file cannot be read or is not YAML.
    case unreadableConfig
    /// A key is unknown, missing, or has a bad value.
    case invalidConfig
    /// An output file or folder cannot be written.
    case writeFailed
    /// An input table (a scores CSV, an episodes TSV) cannot be read or has a bad line.
    case badInput
  }

  public var code: Code
  /// The file at fault, as the user named it.
  public var file: String
  /// 1-based line in `file`, when known.
  public var line: Int?
  /// Dotted key path (`frames.features[2].top_k`), when the error concerns a key.
  public var keyPath: String?
  public var message: String

  public init(_ code: Code, file: String, line: Int? = nil, keyPath: String? = nil, _ message: String) {
    self.code = code
    self.file = file
    self.line = line
    self.keyPath = keyPath
    self.message = message
  }

  /// `file:line: key.path: message`.
  public var description: String {
    var text = file
    if let line { text += ":\(line)" }
    text += ": "
    if let keyPath, !keyPath.isEmpty { text += "\(keyPath): " }
    return text + message
  }
}
