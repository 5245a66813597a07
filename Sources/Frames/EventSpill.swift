import EventData
import Foundation
import Support

/// One event reduced to what frames need: 16 bytes, written to the spill file as is.
///
/// `dayAndRoot` packs the day (index + 2²³, 24 bits: every 4-digit year fits) and, in the top byte,
/// the category (CAMEO root 1…20, or PLOVER type 1…16) in 5 bits and the quad class 1…4 in 3.
/// Intensity (GDELT: Goldstein) is kept in float32, the precision of the frames themselves.
/// `targetSet` holds GDELT's NumMentions when the pipeline counts mentions (GDELT has no sectors),
/// or POLECAT's Event Mode number when it asks for `one_hot: event_mode` (POLECAT has no sectors).
struct SpilledEvent {
  var dayAndRoot: UInt32
  var sourceSet: UInt32
  var targetSet: UInt32
  var intensity: Float

  static let dayBias: Int32 = 1 << 23

  init(day: Day, root: Int, quad: Int, sourceSet: UInt32, targetSet: UInt32, intensity: Float) {
    dayAndRoot =
      UInt32(bitPattern: day.index &+ SpilledEvent.dayBias) & 0x00FF_FFFF | UInt32(root) << 24 | UInt32(quad) << 29
    self.sourceSet = sourceSet
    self.targetSet = targetSet
    self.intensity = intensity
  }

  var dayIndex: Int32 { Int32(bitPattern: dayAndRoot & 0x00FF_FFFF) - SpilledEvent.dayBias }
  var root: Int { Int(dayAndRoot >> 24) & 0x1F }
  /// Quad class 1…4.
  var quad: Int { Int(dayAndRoot >> 29) }
}

/// A run of one group's events in the spill file.
struct SpillChunk: Sendable {
  var offset: Int64
  var count: Int
}

/// Appends events per group to an unlinked temporary file, so aggregation memory does not grow
/// with the number of events (full ICEWS is 18.6 M events; the file holds 16 bytes each).
final class SpillWriter {
  private let fd: Int32
  /// What to do when the spill file cannot be made or grown, in words for where it is.
  private let remedy: String
  private var end: Int64 = 0
  private var buffers: [[SpilledEvent]] = []
  private var chunks: [[SpillChunk]] = []
  private var buffered = 0
  private var closed = false

  /// Events one group buffers before it is written out.
  static let groupBufferLimit = 8192
  /// Events all groups buffer together before every buffer is written out (16 MiB).
  static let totalBufferLimit = 1 << 20

  /// Creates the file in `directory` (the output folder; default: the temporary directory, `TMPDIR`).
  init(directory: URL?) throws {
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
    buffers.append([])
    chunks.append([])
  }

  func append(_ event: SpilledEvent, group: Int) throws {
    buffers[group].append(event)
    buffered += 1
    if buffers[group].count >= SpillWriter.groupBufferLimit {
      try flush(group: group)
    } else if buffered >= SpillWriter.totalBufferLimit {
      for g in buffers.indices { try flush(group: g, releasingMemory: true) }
    }
  }

  private func flush(group: Int, releasingMemory: Bool = false) throws {
    let count = buffers[group].count
    guard count > 0 else { return }
    let offset = end
    try buffers[group].withUnsafeBytes { bytes in
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
    buffered -= count
    if releasingMemory {
      buffers[group] = []
    } else {
      buffers[group].removeAll(keepingCapacity: true)
    }
  }

  /// Writes what is buffered and hands the file to a reader; `order[i]` is the appearance number
  /// of the i-th group of the reader.
  func finish(order: [Int]) throws -> SpillReader {
    for g in buffers.indices { try flush(group: g, releasingMemory: true) }
    closed = true
    return SpillReader(fd: fd, chunks: order.map { chunks[$0] })
  }
}

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
            "read failed (\(n < 0 ? String(cString: strerror(errno)) : "file shorter than written")); rerun the command")
        }
        done += n
      }
      body(UnsafeBufferPointer(rebasing: buffer[0..<chunk.count]))
    }
  }
}
