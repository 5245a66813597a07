#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where a record of a comma-separated file ends when quoted fields may hold line breaks.
///
/// A record is the lines from its first up to the first line end where the count of `"` bytes
/// since the record began is even (RFC 4180: quotes inside quoted fields are doubled). A quote left
/// open for more than `maxLines` lines or `maxBytes` bytes, or to the end of the data, does not
/// swallow the file: the record is then its first line alone (and is rejected as an unterminated
/// quoted field). The chunk cutter and the row parser both use this, so they agree on every cut.
enum RecordBoundary {
  static let maxLines = 1000
  static let maxBytes = EventReader.maxLineBytes

  /// The record starting at `start`: the offset of its terminating `\n` (or `raw.count` for a last
  /// line without one) and its physical line count. Nil when `atEnd` is false and the data ends
  /// before the record can be decided (more bytes are needed).
  static func record(in raw: UnsafeRawBufferPointer, from start: Int, atEnd: Bool) -> (end: Int, lines: Int)? {
    guard let base = raw.baseAddress, start < raw.count else { return atEnd ? (raw.count, 1) : nil }
    var quotes = 0
    var position = start
    var lines = 0
    var firstLineEnd = -1
    while true {
      let found = memchr(base + position, 0x0A, raw.count - position)
      let end = found.map { base.distance(to: UnsafeRawPointer($0)) } ?? raw.count
      if found == nil && !atEnd { return nil }
      quotes += count(0x22, in: base + position, end - position)
      lines += 1
      if firstLineEnd < 0 { firstLineEnd = end }
      if quotes % 2 == 0 { return (end, lines) }
      if found == nil || lines >= maxLines || end - start >= maxBytes { return (firstLineEnd, 1) }
      position = end + 1
      if position >= raw.count {
        return atEnd ? (firstLineEnd, 1) : nil
      }
    }
  }

  private static func count(_ byte: UInt8, in start: UnsafeRawPointer, _ n: Int) -> Int {
    var total = 0
    var p = start
    var remaining = n
    while remaining > 0, let found = memchr(p, Int32(byte), remaining) {
      total += 1
      let next = UnsafeRawPointer(found) + 1
      remaining -= p.distance(to: next)
      p = next
    }
    return total
  }
}
