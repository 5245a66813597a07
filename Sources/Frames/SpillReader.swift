import Foundation

/// Reads one group's spilled events back, from the file or from memory when the writer never needed
/// the file; safe from several threads (positioned reads only, or read-only arrays).
final class SpillReader: Sendable {
  private let fd: Int32
  private let chunks: [[SpillChunk]]
  /// Each group's events when they stayed in memory.
  private let held: [[SpilledEvent]]?

  init(fd: Int32, chunks: [[SpillChunk]]) {
    self.fd = fd
    self.chunks = chunks
    held = nil
  }

  init(fd: Int32, held: [[SpilledEvent]]) {
    self.fd = fd
    chunks = []
    self.held = held
  }

  deinit { close(fd) }

  /// Number of events spilled for `group`.
  func eventCount(group: Int) -> Int { held?[group].count ?? chunks[group].reduce(0) { $0 + $1.count } }

  /// Calls `body` with each chunk of `group`'s events, in the order they were added, reading into
  /// `buffer` (grown when too small; the caller owns it), so a worker reading group after group
  /// allocates once; stops early when `body` returns false.
  func forEachChunk(
    group: Int, buffer: inout UnsafeMutableBufferPointer<SpilledEvent>,
    _ body: (UnsafeBufferPointer<SpilledEvent>) -> Bool
  ) throws {
    if let held {
      if !held[group].isEmpty { _ = held[group].withUnsafeBufferPointer(body) }
      return
    }
    let largest = chunks[group].map(\.count).max() ?? 0
    guard largest > 0 else { return }
    if buffer.count < largest {
      buffer.deallocate()
      buffer = .allocate(capacity: largest)
    }
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
      guard body(UnsafeBufferPointer(rebasing: buffer[0..<chunk.count])) else { return }
    }
  }
}
