import CFieldScan
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
/// plain split on the delimiter, which is what libcsv gives for it; that split is one pass over the
/// line in C (`CFieldScan`: 32 bytes at a time with AVX2, else 16 with SSE2), which also notes
/// whether the line holds a quote or a byte outside ASCII, and its fields point into the line
/// itself. Only a line with a quote in a quoted layout goes through libcsv, whose fields are copied
/// into one reused buffer. Without quoting libcsv's quote byte is 0xFF, which never occurs in valid
/// UTF-8 (callers ask `lineIsUTF8` after the split). libcsv's default terminators (CR, LF) are kept
/// for lines without a CR; a line holding a bare CR goes through a parser with none.
final class FieldSplitter {
  private var parser = csv_parser()
  private var carriageReturnParser = csv_parser()
  /// Written by the libcsv callbacks through a raw pointer (no exclusivity checks per byte).
  private let fields: UnsafeMutablePointer<FieldBuffer>
  private let quoted: Bool
  private let delimiter: UInt8
  /// Whether `CFieldScan`'s AVX2 variant runs here (decided once per splitter).
  private let usesAVX2: Bool
  /// False when the last line split holds a byte ≥ 0x80 (then only a full check says it is UTF-8).
  private(set) var lineIsASCII = true

  /// Whether `line`, the line just split, is valid UTF-8: the split's pass already saw whether it is
  /// all ASCII, so only a line with other bytes is checked in full.
  func lineIsUTF8(_ line: UnsafeRawBufferPointer) -> Bool { lineIsASCII || ByteParsing.isValidUTF8(line) }
  /// The line of a plain delimiter split (fields point into it), nil when libcsv copied the fields.
  private var line: UnsafeRawPointer?

  init(quoted: Bool, delimiter: UInt8 = 0x09, allowsAVX2: Bool = true) {
    self.quoted = quoted
    self.delimiter = delimiter
    usesAVX2 = allowsAVX2 && icews_scan_has_avx2() != 0
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
    let flags = splitOnDelimiter(line)
    lineIsASCII = flags & UInt32(ICEWS_SCAN_NON_ASCII) == 0
    if !quoted || flags & UInt32(ICEWS_SCAN_QUOTE) == 0 { return true }
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

  /// The fields of `line` split on every delimiter: `ends[i]` is the offset of the delimiter after
  /// field i (or of the line's end). Returns the `ICEWS_SCAN_` flags of the line.
  private func splitOnDelimiter(_ line: UnsafeRawBufferPointer) -> UInt32 {
    self.line = line.baseAddress
    let n = line.count
    while fields.pointee.endsCapacity < n + 1 { fields.pointee.growEnds(keeping: 0) }
    var flags: UInt32 = 0
    var count = 0
    if let base = line.baseAddress?.assumingMemoryBound(to: UInt8.self), n > 0 {
      let ends = fields.pointee.ends
      count =
        usesAVX2
        ? icews_scan_fields_avx2(base, n, delimiter, ends, &flags) : icews_scan_fields(base, n, delimiter, ends, &flags)
    }
    fields.pointee.ends[count] = n
    fields.pointee.count = count + 1
    return flags
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
