import Foundation
import Support

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension AggregatedFrames {
  /// Runs of non-empty days closer than this many bytes are written as one span (zeros between):
  /// one system call costs about as much as copying a few pages.
  static let spanMergeGapBytes = 8192

  /// Writes the same `.npy` as `FrameSeries.writeDenseNPY` (float32 [groups × days, F], group-major,
  /// via `<url>.partial` and a rename), but sparsely: the file is sized up front, so days
  /// without events are holes that read as zeros, and only days with events are written.
  /// When a numeric feature's `fill` is not 0, empty days are not zeros and every day is written.
  /// A background thread aggregates the next group while this one writes the previous one.
  public func writeNPY(to url: URL, afterGroup: (Int) -> Void) throws {
    let width = schema.width
    let rowBytes = width * MemoryLayout<Float>.stride
    let destination = NPYDestination(url: url)
    let partial = destination.partial
    let failure = destination.failure
    func systemFailure(_ what: String) -> FrameError {
      failure("\(what) (\(String(cString: strerror(errno))))")
    }
    let fd = open(partial.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw systemFailure("cannot create file") }
    var closed = false
    defer { if !closed { close(fd) } }

    func writeAll(_ bytes: UnsafeRawPointer, count: Int, at offset: Int) throws {
      var done = 0
      while done < count {
        let n = pwrite(fd, bytes + done, count - done, off_t(offset + done))
        if n < 0 {
          if errno == EINTR { continue }
          throw systemFailure("write failed")
        }
        done += n
      }
    }

    let header = NPYFormat.header(dtype: .float32, shape: [groups.count * dayCount, width])
    try header.withUnsafeBytes { try writeAll($0.baseAddress!, count: $0.count, at: 0) }
    let total = header.count + groups.count * dayCount * rowBytes
    guard ftruncate(fd, off_t(total)) == 0 else { throw systemFailure("cannot size the file") }

    if !groups.isEmpty && dayCount > 0 {
      let stager = GroupStager(frames: self)
      // One worker, one group ahead: it aggregates group g + 1 while this thread writes group g.
      try forEachInOrder(count: groups.count, threads: 1, inFlight: 1, work: stager.stage) { g, outcome in
        let staged = try outcome.get()
        defer { stager.release(staged) }
        let groupOffset = header.count + g * dayCount * rowBytes
        for span in staged.spans {
          try writeAll(
            staged.rows + span.lowerBound * width, count: span.count * rowBytes,
            at: groupOffset + span.lowerBound * rowBytes)
        }
        afterGroup(g)
      }
    }
    closed = true
    // on disk before the rename makes it the result (a crash then leaves the old file or the new one)
    guard fsync(fd) == 0, close(fd) == 0 else { throw systemFailure("write failed") }
    try destination.commit()
  }
}

/// One group's frames at their day positions (only `spans` are filled), little-endian.
///
/// `@unchecked Sendable`: owned by one thread at a time (filled by the stager's worker, handed to
/// the writer by `forEachInOrder`, returned through the `ReusePool`).
final class StagedGroup: @unchecked Sendable {
  let rows: UnsafeMutablePointer<Float>
  var spans: [Range<Int>] = []

  init(capacity: Int) { rows = .allocate(capacity: max(1, capacity)) }
  deinit { rows.deallocate() }
}

/// Aggregates groups into reusable buffers for `writeNPY`, so counting and frame arithmetic on a
/// worker overlap the kernel's copy of the previous group.
///
/// `@unchecked Sendable`: `counts` and `failure` are used only by `stage`, which `writeNPY` runs on
/// `forEachInOrder`'s single worker thread (threads: 1), in group order; `buffers` is a `ReusePool`.
final class GroupStager: @unchecked Sendable {
  private let frames: AggregatedFrames
  private let counts: GroupDayCounts
  private let buffers = ReusePool<StagedGroup>()
  private var failure: (any Error)?
  /// The frame of a day without events; when it is not all zeros, every day is written.
  private let empty: [Float]
  private let denseEmpty: Bool

  init(frames: AggregatedFrames) {
    self.frames = frames
    counts = GroupDayCounts(frames: frames)
    empty = frames.emptyFrame
    denseEmpty = !empty.allSatisfy { $0.bitPattern == 0 }
  }

  /// Group `g`'s frames (groups must come in order); a spill read failure ends the staging.
  func stage(_ g: Int) -> Result<StagedGroup, any Error> {
    if let failure { return .failure(failure) }
    let staged = buffers.take(orMake: { StagedGroup(capacity: frames.dayCount * frames.schema.width) })
    do {
      try fill(staged, group: g)
      return .success(staged)
    } catch {
      failure = error
      buffers.give(staged)
      return .failure(error)
    }
  }

  func release(_ staged: StagedGroup) { buffers.give(staged) }

  private func fill(_ staged: StagedGroup, group g: Int) throws {
    let width = frames.schema.width
    let dayCount = frames.dayCount
    let rowBytes = width * MemoryLayout<Float>.stride
    let rows = staged.rows
    staged.spans.removeAll(keepingCapacity: true)
    try counts.load(group: g)
    if denseEmpty {
      for day in 0..<dayCount { (rows + day * width).update(from: empty, count: width) }
      for day in counts.days { counts.writeFrame(day: Int(day), into: rows + Int(day) * width) }
      staged.spans.append(0..<dayCount)
    } else {
      // Spans of days with events; short gaps are zero-filled and written with them.
      var first = -1
      var end = -1
      for d in counts.days {
        let day = Int(d)
        if first >= 0, (day - end) * rowBytes >= AggregatedFrames.spanMergeGapBytes {
          staged.spans.append(first..<end)
          first = -1
        }
        if first < 0 {
          first = day
        } else if day > end {
          (rows + end * width).update(repeating: 0, count: (day - end) * width)
        }
        counts.writeFrame(day: day, into: rows + day * width)
        end = day + 1
      }
      if first >= 0 { staged.spans.append(first..<end) }
    }
    #if _endian(big)
      for span in staged.spans {
        for i in span.lowerBound * width..<span.upperBound * width {
          rows[i] = Float(bitPattern: rows[i].bitPattern.littleEndian)
        }
      }
    #endif
  }
}
