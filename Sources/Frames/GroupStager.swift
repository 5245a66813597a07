import Support

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
