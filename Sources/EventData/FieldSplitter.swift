#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import CLibCSV

/// Splits one record into fields with libcsv, exactly: the layout's delimiter (tab, or comma for
/// re-exports), no blank trimming, no terminators, and a quote character only where the layout quotes.
///
/// Without quoting the quote byte is 0xFF, which never occurs in valid UTF-8 (lines are checked
/// before they get here), so every byte is field content. Fields are copied into one reused buffer.
/// libcsv's default terminators (CR, LF) are kept for lines without a CR (the common case, one
/// indirect call per byte saved); a line holding a bare CR goes through a parser with none.
final class FieldSplitter {
  private var parser = csv_parser()
  private var carriageReturnParser = csv_parser()
  /// Written by the libcsv callbacks through a raw pointer (no exclusivity checks per byte).
  private let fields: UnsafeMutablePointer<FieldBuffer>

  init(quoted: Bool, delimiter: UInt8 = 0x09) {
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

  /// Splits `line` (no terminator). Returns false when a quoted field is left open.
  func split(_ line: UnsafeRawBufferPointer) -> Bool {
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
  private static func run(_ parser: inout csv_parser, _ line: UnsafeRawBufferPointer, _ context: UnsafeMutableRawPointer) -> Bool {
    if !line.isEmpty {
      _ = csv_parse(&parser, line.baseAddress, line.count, fieldCallback, nil, context)
    }
    // pstate 2 = FIELD_BEGUN: inside a quoted field with no closing quote yet.
    let open = parser.quoted != 0 && parser.pstate == 2
    csv_fini(&parser, fieldCallback, nil, context)
    return open
  }

  /// Field i as raw bytes (valid until the next `split`).
  @inline(__always)
  func field(_ i: Int) -> UnsafeRawBufferPointer {
    let f = fields.pointee
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
    if count == endsCapacity {
      let newEnds = UnsafeMutablePointer<Int>.allocate(capacity: endsCapacity * 2)
      newEnds.update(from: ends, count: count)
      ends.deallocate()
      ends = newEnds
      endsCapacity *= 2
    }
    if n > 0, let bytes {
      (storage + length).update(from: bytes.assumingMemoryBound(to: UInt8.self), count: n)
    }
    length += n
    ends[count] = length
    count += 1
  }

  func deallocate() {
    storage.deallocate()
    ends.deallocate()
  }
}

private func fieldCallback(_ field: UnsafeMutableRawPointer?, _ count: Int, _ context: UnsafeMutableRawPointer?) {
  context!.assumingMemoryBound(to: FieldBuffer.self).pointee.append(field, count)
}
