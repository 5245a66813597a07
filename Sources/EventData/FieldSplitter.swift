import CLibCSV

/// Splits one physical line into fields with libcsv, exactly: tab delimiter, no blank trimming,
/// no terminators inside a line, and a quote character only where the layout quotes.
///
/// Without quoting the quote byte is 0xFF, which never occurs in valid UTF-8 (lines are checked
/// before they get here), so every byte is field content. Fields are copied into one reused buffer.
final class FieldSplitter {
  private var parser = csv_parser()
  /// Field bytes, back to back; `ends[i]` is the end offset of field i.
  private(set) var storage: UnsafeMutablePointer<UInt8>
  private var capacity: Int
  private(set) var length = 0
  private(set) var ends: [Int] = []
  private(set) var rowEnded = false

  init(quoted: Bool) {
    capacity = 4096
    storage = .allocate(capacity: capacity)
    ends.reserveCapacity(64)
    // libcsv only fails here when it cannot allocate its small parser state.
    precondition(csv_init(&parser, 0) == 0, "libcsv could not initialize")
    csv_set_delim(&parser, 0x09)
    csv_set_quote(&parser, quoted ? 0x22 : 0xFF)
    csv_set_space_func(&parser, { _ in 0 })
    csv_set_term_func(&parser, { _ in 0 })
  }

  deinit {
    csv_free(&parser)
    storage.deallocate()
  }

  var count: Int { ends.count }

  /// Splits `line` (no terminator). Returns false when a quoted field is left open.
  func split(_ line: UnsafeRawBufferPointer) -> Bool {
    length = 0
    ends.removeAll(keepingCapacity: true)
    rowEnded = false
    let context = Unmanaged.passUnretained(self).toOpaque()
    if !line.isEmpty {
      _ = csv_parse(&parser, line.baseAddress, line.count, fieldCallback, rowCallback, context)
    }
    // pstate 2 = FIELD_BEGUN: inside a quoted field with no closing quote yet.
    let open = parser.quoted != 0 && parser.pstate == 2
    csv_fini(&parser, fieldCallback, rowCallback, context)
    if line.isEmpty && ends.isEmpty { ends.append(0) }
    return !open
  }

  /// Field i as raw bytes (valid until the next `split`).
  @inline(__always)
  func field(_ i: Int) -> UnsafeRawBufferPointer {
    let start = i == 0 ? 0 : ends[i - 1]
    return UnsafeRawBufferPointer(start: storage + start, count: ends[i] - start)
  }

  fileprivate func append(_ bytes: UnsafeRawPointer?, _ count: Int) {
    if length + count > capacity {
      var newCapacity = capacity * 2
      while newCapacity < length + count { newCapacity *= 2 }
      let newStorage = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
      newStorage.update(from: storage, count: length)
      storage.deallocate()
      storage = newStorage
      capacity = newCapacity
    }
    if count > 0, let bytes {
      (storage + length).update(from: bytes.assumingMemoryBound(to: UInt8.self), count: count)
    }
    length += count
    ends.append(length)
  }

  fileprivate func endRow() { rowEnded = true }
}

private func fieldCallback(_ field: UnsafeMutableRawPointer?, _ count: Int, _ context: UnsafeMutableRawPointer?) {
  Unmanaged<FieldSplitter>.fromOpaque(context!).takeUnretainedValue().append(field, count)
}

private func rowCallback(_ terminator: Int32, _ context: UnsafeMutableRawPointer?) {
  Unmanaged<FieldSplitter>.fromOpaque(context!).takeUnretainedValue().endRow()
}
