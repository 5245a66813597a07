/// The frames of one group's days that have data, in day order; every other day is the series'
/// empty frame. Reusable across groups (loading keeps the buffers), one thread at a time.
///
/// `@unchecked Sendable`: `dayCounts` (a class) is used by one thread at a time; workers pass a
/// `SparseGroupFrames` between them only through a `ReusePool`.
public struct SparseGroupFrames: @unchecked Sendable {
  /// Days (offsets from the calendar start) that have data, ascending.
  public var days: [Int32] = []
  /// `days.count × width` values, row-major, the frame of `days[i]` at row i.
  public var values: [Float] = []
  /// The day counts of the series last loaded, kept so the next group does not allocate and
  /// zero them again.
  var dayCounts: GroupDayCounts?

  public init() {}
}

/// A frame series that can hand out only the days that have data, so work on a group costs its
/// data, not its calendar. `fillSeries` must equal `emptyFrame` everywhere but on those days.
public protocol SparseFrameSeries: FrameSeries {
  /// The frame of a day without data (zeros, numeric features their `fill`).
  var emptyDayFrame: [Float] { get }
  /// Replaces `frames` with group `group`'s days before `dayLimit` that have data, and their frames.
  func loadSparse(group: Int, into frames: inout SparseGroupFrames, before dayLimit: Int) throws
}

extension SparseFrameSeries {
  /// Replaces `frames` with group `group`'s days that have data and their frames.
  public func loadSparse(group: Int, into frames: inout SparseGroupFrames) throws {
    try loadSparse(group: group, into: &frames, before: .max)
  }
}

extension AggregatedFrames: SparseFrameSeries {
  public var emptyDayFrame: [Float] { emptyFrame }

  /// The frames `materialize` writes on the days with events, byte for byte (those before
  /// `dayLimit`: the fit reads only train days and skips the others' events).
  public func loadSparse(group: Int, into frames: inout SparseGroupFrames, before dayLimit: Int) throws {
    let width = schema.width
    let counts: GroupDayCounts
    if let cached = frames.dayCounts, cached.spill === spill {
      counts = cached
    } else {
      counts = GroupDayCounts(frames: self)
      frames.dayCounts = counts
    }
    try counts.load(group: group, before: dayLimit)
    let empty = emptyFrame
    frames.days.removeAll(keepingCapacity: true)
    frames.days.append(contentsOf: counts.days)
    frames.values.removeAll(keepingCapacity: true)
    frames.values.reserveCapacity(counts.days.count * width)
    for _ in counts.days { frames.values.append(contentsOf: empty) }
    frames.values.withUnsafeMutableBufferPointer { values in
      for (i, day) in counts.days.enumerated() {
        counts.writeFrame(day: Int(day), into: values.baseAddress! + i * width)
      }
    }
  }
}
