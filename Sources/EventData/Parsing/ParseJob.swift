import Dispatch

/// One chunk of whole lines in flight: parsed on a worker, awaited by the delivering thread.
///
/// `@unchecked Sendable`: `result` is written once by the worker before `done` is signalled and
/// read only after waiting on it; the other properties are constants.
final class ParseJob: @unchecked Sendable {
  let bytes: [UInt8]
  let usedCount: Int
  let layout: Layout
  var result = ChunkResult()
  private let done = DispatchSemaphore(value: 0)

  init(bytes: [UInt8], usedCount: Int, layout: Layout) {
    self.bytes = bytes
    self.usedCount = usedCount
    self.layout = layout
  }

  func run(with parser: inout RowParser) {
    result = bytes.withUnsafeBytes { parser.parse(UnsafeRawBufferPointer(rebasing: $0[0..<usedCount]), layout: layout) }
    done.signal()
  }

  func wait() {
    done.wait()
    done.signal()
  }
}
