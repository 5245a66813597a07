import Dispatch
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
      stager.start()
      defer { stager.stop() }
      for g in groups.indices {
        let staged = try stager.next()
        let groupOffset = header.count + g * dayCount * rowBytes
        for span in staged.spans {
          try writeAll(
            staged.rows + span.lowerBound * width, count: span.count * rowBytes,
            at: groupOffset + span.lowerBound * rowBytes)
        }
        stager.release(staged)
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

/// One group's frames at their day positions (only `spans` are filled), little-endian.
final class StagedGroup {
  let rows: UnsafeMutablePointer<Float>
  var spans: [Range<Int>] = []

  init(capacity: Int) { rows = .allocate(capacity: max(1, capacity)) }
  deinit { rows.deallocate() }
}

/// Aggregates groups in order on a background thread, two buffers ahead of the writer, so
/// counting and frame arithmetic overlap the kernel's copy of the previous group.
final class GroupStager: @unchecked Sendable {
  // `buffers[g % 2]` holds group g. `free` and `ready` hand buffers over strictly in group order;
  // `error` and `cancelled` are written under `lock`. Every semaphore starts at 0 (`free` is signalled
  // twice in init): libdispatch traps when one is freed below its starting value, as `free` is when the
  // writer stops on an error holding a buffer (a full disk crashed 3 runs in 7 in deinit).
  private let frames: AggregatedFrames
  private let buffers: [StagedGroup]
  private let free = DispatchSemaphore(value: 0)
  private let ready = DispatchSemaphore(value: 0)
  private let finished = DispatchSemaphore(value: 0)
  private let lock = NSLock()
  private var error: Error?
  private var cancelled = false
  private var consumed = 0

  init(frames: AggregatedFrames) {
    self.frames = frames
    buffers = (0..<2).map { _ in StagedGroup(capacity: frames.dayCount * frames.schema.width) }
    free.signal()
    free.signal()
  }

  func start() {
    let thread = Thread { [self] in
      produce()
      finished.signal()
    }
    thread.stackSize = 1 << 20
    thread.start()
  }

  /// The next group's frames, in group order; rethrows a spill read failure.
  func next() throws -> StagedGroup {
    ready.wait()
    lock.lock()
    let failure = error
    lock.unlock()
    if let failure { throw failure }
    let staged = buffers[consumed % 2]
    consumed += 1
    return staged
  }

  func release(_ staged: StagedGroup) { free.signal() }

  /// Stops the producer (early, after an error) and waits for it.
  func stop() {
    lock.lock()
    cancelled = true
    lock.unlock()
    free.signal()
    free.signal()
    finished.wait()
  }

  private func produce() {
    let width = frames.schema.width
    let dayCount = frames.dayCount
    let rowBytes = width * MemoryLayout<Float>.stride
    let counts = GroupDayCounts(frames: frames)
    let empty = frames.emptyFrame
    let denseEmpty = !empty.allSatisfy { $0.bitPattern == 0 }
    for g in frames.groups.indices {
      free.wait()
      lock.lock()
      let stop = cancelled
      lock.unlock()
      if stop { return }
      let staged = buffers[g % 2]
      let rows = staged.rows
      staged.spans.removeAll(keepingCapacity: true)
      do {
        try counts.load(group: g)
      } catch {
        lock.lock()
        self.error = error
        lock.unlock()
        ready.signal()
        return
      }
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
      ready.signal()
    }
  }
}
