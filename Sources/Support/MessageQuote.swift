/// How an error message shows a value read from an input: whole when short, else its first
/// `MessageQuote.limit` characters and its length, so a bad 100 KB field never becomes a 100 KB line.
public enum MessageQuote {
  public static let limit = 80
}

extension StringProtocol {
  /// `'value'`, or `'first 80 characters…' (N characters)` for a longer value.
  public var messageQuote: String {
    var count = 0
    var end = startIndex
    while end < self.endIndex, count < MessageQuote.limit {
      formIndex(after: &end)
      count += 1
    }
    if end == self.endIndex { return "'\(self)'" }
    return "'\(self[..<end])…' (\(self.count) characters)"
  }
}
