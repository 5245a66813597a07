/// The one error of EventData: a file (and line, when there is one) and what went wrong.
///
/// `description` is `file:line: reason`, or `file: reason` when `line` is 0 (the file could not be
/// opened, decompressed or recognized).
public struct EventReadError: Error, CustomStringConvertible, Equatable, Sendable {
  public enum Code: String, Sendable {
    /// A data row could not be read and the policy is `fail`.
    case badRow = "bad_row"
    /// The file is missing, unreadable or not a supported container.
    case unreadable
    /// The compressed stream is corrupt or truncated.
    case corrupt
    /// No ICEWS header (required columns missing).
    case unknownLayout = "unknown_layout"
    /// A line longer than `EventReader.maxLineBytes`: not an event file, or its line breaks are lost.
    case lineTooLong = "line_too_long"
  }

  public var code: Code
  public var file: String
  public var line: Int
  public var reason: String

  public init(_ code: Code, file: String, line: Int = 0, reason: String) {
    self.code = code
    self.file = file
    self.line = line
    self.reason = reason
  }

  /// The error for a line (or a record over several lines) longer than `EventReader.maxLineBytes`.
  static func lineTooLong(file: String, line: Int) -> EventReadError {
    EventReadError(
      .lineTooLong, file: file, line: line,
      reason: "this line is longer than \(EventReader.maxLineBytes >> 20) MiB, the most one row may hold "
        + "(is it an event file? a file whose line breaks were lost reads as one long line)")
  }

  public var description: String {
    line > 0 ? "\(file):\(line): \(reason)" : "\(file): \(reason)"
  }
}
