import CLibCSV

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Splits one record into fields exactly as libcsv does: the layout's delimiter (tab, or comma for
/// re-exports), no blank trimming, no terminators inside a line, and a quote character only where the
/// layout quotes.
///
/// A line without a double quote (every line of an unquoted layout, most of a quoted one) is a
/// plain split on the delimiter, which is what libcsv gives for it; that split runs here, eight bytes
/// at a time, and its fields point into the line itself. Only a line with a quote in a quoted layout
/// goes through libcsv, whose fields are copied into one reused buffer. Without quoting libcsv's
/// quote byte would be 0xFF, which never occurs in valid UTF-8 (lines are checked before they get
/// here). libcsv's default terminators (CR, LF) are kept for lines without a CR; a line holding a
/// bare CR goes through a parser with none.
final class FieldSplitter {
  private var parser = csv_parser()
  private var carriageReturnParser = csv_parser()
  /// Written by the libcsv callbacks through a raw pointer (no exclusivity checks per byte).
  private let fields: UnsafeMutablePointer<FieldBuffer>
  private let quoted: Bool
  /// The delimiter byte in each of a word's eight bytes.
  private let delimiterWord: UInt64
  /// The line of a plain delimiter split (fields point into it), nil when libcsv copied the fields.
  private var line: UnsafeRawPointer?

  init(quoted: Bool, delimiter: UInt8 = 0x09) {
    self.quoted = quoted
    delimiterWord = UInt64(delimiter) &* 0x0101_0101_0101_0101
    fields = .allocate(capacity: 1)
    fields.initialize(to: FieldBuffer())
    // libcsv only fails here when it cannot allocate its small parser state.
    precondition(csv_init(&parser, 0) == 0 && csv_init(&carriageReturnParser, 0) == 0, "libcsv could not initialize")
    FieldSplitter.configure(&parser, quoted: quoted, delimiter: delimiter)
    FieldSplitter.configure(&carriageReturnParser, quoted: quoted, delimiter: delimiter)
    csv_set_term_func(&carriageReturnParser, icews_csv_no_byte)
  }

  private static func configure(_ parser: inout csv_parser, quoted: Bool, delimiter: UInt8) {
    csv_set_delim(&parser, delimiter)
    csv_set_quote(&parser, quoted ? 0x22 : 0xFF)
    csv_set_space_func(&parser, icews_csv_no_byte)
  }

  deinit {
    csv_free(&parser)
    csv_free(&carriageReturnParser)
    fields.pointee.deallocate()
    fields.deallocate()
  }

  var count: Int { fields.pointee.count }

  /// Splits `line` (no terminator). Returns false when a quoted field is left open. The fields
  /// are valid until the next `split` and, on the fast path, only while `line` is.
  func split(_ line: UnsafeRawBufferPointer) -> Bool {
    if line.isEmpty || !quoted || memchr(line.baseAddress!, 0x22, line.count) == nil {
      splitOnDelimiter(line)
      return true
    }
    return splitWithLibCSV(line)
  }

  /// libcsv's split of `line`, whatever it holds (the reference the fast path is tested against).
  func splitWithLibCSV(_ line: UnsafeRawBufferPointer) -> Bool {
    self.line = nil
    fields.pointee.length = 0
    fields.pointee.count = 0
    let context = UnsafeMutableRawPointer(fields)
    let hasCarriageReturn = !line.isEmpty && memchr(line.baseAddress!, 0x0D, line.count) != nil
    let open =
      hasCarriageReturn
      ? FieldSplitter.run(&carriageReturnParser, line, context) : FieldSplitter.run(&parser, line, context)
    if fields.pointee.count == 0 { fields.pointee.append(nil, 0) }
    return !open
  }

  /// Parses one whole line and finishes the row; true when a quoted field was left open.
  private static func run(
    _ parser: inout csv_parser, _ line: UnsafeRawBufferPointer, _ context: UnsafeMutableRawPointer
  ) -> Bool {
    if !line.isEmpty {
      _ = csv_parse(&parser, line.baseAddress, line.count, fieldCallback, nil, context)
    }
    // pstate 2 = FIELD_BEGUN: inside a quoted field with no closing quote yet.
    let open = parser.quoted != 0 && parser.pstate == 2
    csv_fini(&parser, fieldCallback, nil, context)
    return open
  }

  /// The fields of a line holding no quote: `ends[i]` is the offset of the delimiter after field i
  /// (or of the line's end), found by testing eight bytes at a time.
  private func splitOnDelimiter(_ line: UnsafeRawBufferPointer) {
    self.line = line.baseAddress
    let n = line.count
    var count = 0
    if n > 0 {
      let base = line.baseAddress!
      var ends = fields.pointee.ends
      // a word adds at most 8 ends; room for them and the last one is checked once per word
      var room = fields.pointee.endsCapacity - 9
      var i = 0
      while i < n {
        var tabs: UInt64
        if i + 8 <= n {
          tabs = delimiterBits(base.loadUnaligned(fromByteOffset: i, as: UInt64.self))
        } else {
          var tail: UInt64 = 0
          for k in 0..<(n - i) { tail |= UInt64(base.load(fromByteOffset: i + k, as: UInt8.self)) << (8 * k) }
          // bytes past the line are 0, never a delimiter
          tabs = delimiterBits(tail)
        }
        if count > room {
          fields.pointee.growEnds(keeping: count)
          ends = fields.pointee.ends
          room = fields.pointee.endsCapacity - 9
        }
        while tabs != 0 {
          ends[count] = i + tabs.trailingZeroBitCount >> 3
          count += 1
          tabs &= tabs &- 1
        }
        i += 8
      }
    }
    fields.pointee.ends[count] = n
    fields.pointee.count = count + 1
  }

  /// The high bit of every byte of `word` (little-endian) that is the delimiter, and no other bit.
  @inline(__always)
  private func delimiterBits(_ word: UInt64) -> UInt64 {
    let low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
    let x = word ^ delimiterWord  // delimiter bytes become 0
    // exact per byte (no borrow between bytes): the high bit is set iff the byte is 0
    return ~(((x & low) &+ low) | x | low)
  }

  /// Field i as raw bytes (valid until the next `split`).
  @inline(__always)
  func field(_ i: Int) -> UnsafeRawBufferPointer {
    let f = fields.pointee
    if let line {
      let start = i == 0 ? 0 : f.ends[i - 1] + 1
      return UnsafeRawBufferPointer(start: line + start, count: f.ends[i] - start)
    }
    let start = i == 0 ? 0 : f.ends[i - 1]
    return UnsafeRawBufferPointer(start: f.storage + start, count: f.ends[i] - start)
  }
}

/// Field bytes back to back; `ends[i]` is the end offset of field i. Grows, never shrinks.
struct FieldBuffer {
  var storage = UnsafeMutablePointer<UInt8>.allocate(capacity: 4096)
  var capacity = 4096
  var length = 0
  var ends = UnsafeMutablePointer<Int>.allocate(capacity: 64)
  var endsCapacity = 64
  var count = 0

  mutating func append(_ bytes: UnsafeRawPointer?, _ n: Int) {
    if length + n > capacity {
      var newCapacity = capacity * 2
      while newCapacity < length + n { newCapacity *= 2 }
      let newStorage = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
      newStorage.update(from: storage, count: length)
      storage.deallocate()
      storage = newStorage
      capacity = newCapacity
    }
    if count == endsCapacity { growEnds(keeping: count) }
    if n > 0, let bytes {
      (storage + length).update(from: bytes.assumingMemoryBound(to: UInt8.self), count: n)
    }
    length += n
    ends[count] = length
    count += 1
  }

  /// Doubles the room for field ends, keeping the first `count`.
  mutating func growEnds(keeping count: Int) {
    let newEnds = UnsafeMutablePointer<Int>.allocate(capacity: endsCapacity * 2)
    newEnds.update(from: ends, count: count)
    ends.deallocate()
    ends = newEnds
    endsCapacity *= 2
  }

  func deallocate() {
    storage.deallocate()
    ends.deallocate()
  }
}

private func fieldCallback(_ field: UnsafeMutableRawPointer?, _ count: Int, _ context: UnsafeMutableRawPointer?) {
  context!.assumingMemoryBound(to: FieldBuffer.self).pointee.append(field, count)
}
