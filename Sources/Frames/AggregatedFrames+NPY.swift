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
    // a failed write (a full disk) leaves no `.partial` behind
    defer {
      if !closed {
        close(fd)
        unlink(partial.path)
      }
    }

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
    guard fsync(fd) == 0, close(fd) == 0 else {
      unlink(partial.path)
      throw systemFailure("write failed")
    }
    try destination.commit()
  }
}
