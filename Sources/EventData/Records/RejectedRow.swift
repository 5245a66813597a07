/// A row that could not be read, with where it was and why (one line of `rejects.tsv`).
public struct RejectedRow: Sendable, Equatable {
  /// The input as given (`-` for standard input; `archive.zip/member.tab` for a zip member).
  public var file: String
  /// 1-based physical line number in that file; the header is line 1.
  public var line: Int
  public var reason: String
  /// The line as it was, without its terminator (invalid UTF-8 bytes shown as U+FFFD).
  public var raw: String

  public init(file: String, line: Int, reason: String, raw: String) {
    self.file = file
    self.line = line
    self.reason = reason
    self.raw = raw
  }
}
