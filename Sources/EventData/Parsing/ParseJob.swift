import Dispatch
import Support

/// One chunk of whole lines in flight: parsed on a worker, awaited by the delivering thread.
///
/// `@unchecked Sendable`: the worker reads `bytes` and writes `result` and `spent` before `done` is
/// signalled; the delivering thread touches them only after waiting on it. The other properties are constants.
final class ParseJob: @unchecked Sendable {
  private(set) var bytes: [UInt8]
  let usedCount: Int
  let layout: Layout
  var result = ChunkResult()
  /// The mailbox of the parser that parsed the chunk (see `recycle()`).
  private var spent: LockedValue<[ChunkResult]>?
  private let done = DispatchSemaphore(value: 0)

  init(bytes: [UInt8], usedCount: Int, layout: Layout) {
    self.bytes = bytes
    self.usedCount = usedCount
    self.layout = layout
  }

  func run(with parser: inout RowParser) {
    result = bytes.withUnsafeBytes { parser.parse(UnsafeRawBufferPointer(rebasing: $0[0..<usedCount]), layout: layout) }
    spent = parser.spent
    done.signal()
  }

  /// The chunk's bytes, for reuse once the result is delivered.
  func takeBytes() -> [UInt8] {
    defer { bytes = [] }
    return bytes
  }

  /// Hands the delivered result back to its parser, which frees it before its next chunk: the
  /// chunk's strings and lists are then released on the thread that retains them, and their
  /// reference counts never bounce between cores. Call after the last use of `result`.
  func recycle() {
    let delivered = result
    result = ChunkResult()
    spent?.withLock { $0.append(delivered) }
  }

  func wait() {
    done.wait()
    done.signal()
  }
}
