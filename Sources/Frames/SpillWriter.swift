import Foundation

/// Keeps events per group for the passes after reading: in memory up to `memoryLimit` events, then in
/// an unlinked temporary file, so aggregation memory does not grow with the number of events (full
/// ICEWS is 18.6 M events; the file holds 16 bytes each). A run below the limit (a 1 M-event dump)
/// never writes the file, saving the write and the read back through the page cache.
final class SpillWriter {
  private let fd: Int32
  /// What to do when the spill file cannot be made or grown, in words for where it is.
  private let remedy: String
  private var end: Int64 = 0
  /// Events not yet written, per group; one struct so an append takes one exclusivity check.
  private var pending = PendingEvents()
  private var chunks: [[SpillChunk]] = []
  private var closed = false
  private let memoryLimit: Int
  /// Whether the events went to the file (then buffers are written out as they fill).
  private var spilling = false

  /// Once spilling: events one group buffers before it is written out.
  static let groupBufferLimit = 8192
  /// Once spilling: events all groups buffer together before every buffer is written out (16 MiB).
  static let totalBufferLimit = 1 << 20
  /// Events held in memory before the first write to the file (64 MiB).
  static let defaultMemoryLimit = 1 << 22

  /// Creates the file in `directory` (the output folder; default: the temporary directory, `TMPDIR`)
  /// at once, so a folder that cannot hold it is an error before any work, whatever the input's size.
  init(directory: URL?, memoryLimit: Int = SpillWriter.defaultMemoryLimit) throws {
    self.memoryLimit = memoryLimit
    let dir = directory?.path ?? NSTemporaryDirectory()
    // TMPDIR only chooses the folder when no output folder is given.
    remedy =
      directory == nil
      ? "set TMPDIR to a writable folder with free space"
      : "make \(dir) writable and free space there, or choose another --out"
    var template = Array((dir.hasSuffix("/") ? dir : dir + "/").utf8CString.dropLast())
    template += Array("icews-frames-spill-XXXXXX".utf8CString)
    let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard fd >= 0 else {
      throw FrameError(
        .spillFailed, context: dir,
        "cannot create the events' spill file (\(String(cString: strerror(errno)))); \(remedy)")
    }
    // Unlinked at once: the file disappears with the descriptor, even after a crash.
    template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
    self.fd = fd
  }

  deinit {
    if !closed { close(fd) }
  }

  /// Adds a group slot; groups are numbered in order of appearance.
  func addGroup() {
    pending.groups.append([])
    chunks.append([])
  }

  func append(_ event: SpilledEvent, group: Int) throws {
    let (inGroup, total) = pending.append(event, group: group)
    if !spilling {
      guard total >= memoryLimit else { return }
      spilling = true
      for g in pending.groups.indices { try flush(group: g, releasingMemory: true) }
    } else if inGroup >= SpillWriter.groupBufferLimit {
      try flush(group: group)
    } else if total >= SpillWriter.totalBufferLimit {
      for g in pending.groups.indices { try flush(group: g, releasingMemory: true) }
    }
  }

  private func flush(group: Int, releasingMemory: Bool = false) throws {
    let count = pending.groups[group].count
    guard count > 0 else { return }
    let offset = end
    try pending.groups[group].withUnsafeBytes { bytes in
      var written = 0
      while written < bytes.count {
        let n = pwrite(fd, bytes.baseAddress! + written, bytes.count - written, off_t(offset) + off_t(written))
        if n < 0 {
          if errno == EINTR { continue }
          throw FrameError(
            .spillFailed, context: "the events' spill file",
            "write failed (\(String(cString: strerror(errno)))); \(remedy)")
        }
        written += n
      }
    }
    end += Int64(count * MemoryLayout<SpilledEvent>.stride)
    chunks[group].append(SpillChunk(offset: offset, count: count))
    pending.count -= count
    if releasingMemory {
      pending.groups[group] = []
    } else {
      pending.groups[group].removeAll(keepingCapacity: true)
    }
  }

  /// Writes what is buffered and hands the file to a reader; `order[i]` is the appearance number
  /// of the i-th group of the reader.
  func finish(order: [Int]) throws -> SpillReader {
    if !spilling {
      closed = true
      return SpillReader(fd: fd, held: order.map { pending.groups[$0] })
    }
    for g in pending.groups.indices { try flush(group: g, releasingMemory: true) }
    closed = true
    return SpillReader(fd: fd, chunks: order.map { chunks[$0] })
  }
}

/// The spill writer's buffered events.
private struct PendingEvents {
  var groups: [[SpilledEvent]] = []
  /// Events in all groups.
  var count = 0

  /// Buffers `event`; returns the events now buffered in its group and in all.
  mutating func append(_ event: SpilledEvent, group: Int) -> (inGroup: Int, total: Int) {
    groups[group].append(event)
    count += 1
    return (groups[group].count, count)
  }
}
