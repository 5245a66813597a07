import Foundation

/// Reads one group's spilled events back; safe from several threads (positioned reads only).
final class SpillReader: Sendable {
  private let fd: Int32
  private let chunks: [[SpillChunk]]

  init(fd: Int32, chunks: [[SpillChunk]]) {
    self.fd = fd
    self.chunks = chunks
  }

  deinit { close(fd) }

  /// Number of events spilled for `group`.
  func eventCount(group: Int) -> Int { chunks[group].reduce(0) { $0 + $1.count } }

  /// Calls `body` with each chunk of `group`'s events, in the order they were added.
  func forEachChunk(group: Int, _ body: (UnsafeBufferPointer<SpilledEvent>) -> Void) throws {
    let largest = chunks[group].map(\.count).max() ?? 0
    guard largest > 0 else { return }
    let buffer = UnsafeMutableBufferPointer<SpilledEvent>.allocate(capacity: largest)
    defer { buffer.deallocate() }
    for chunk in chunks[group] {
      let byteCount = chunk.count * MemoryLayout<SpilledEvent>.stride
      let raw = UnsafeMutableRawPointer(buffer.baseAddress!)
      var done = 0
      while done < byteCount {
        let n = pread(fd, raw + done, byteCount - done, off_t(chunk.offset) + off_t(done))
        if n < 0 && errno == EINTR { continue }
        guard n > 0 else {
          throw FrameError(
            .spillFailed, context: "temporary spill file",
            "read failed (\(n < 0 ? String(cString: strerror(errno)) : "file shorter than written")); rerun the command"
          )
        }
        done += n
      }
      body(UnsafeBufferPointer(rebasing: buffer[0..<chunk.count]))
    }
  }
}
