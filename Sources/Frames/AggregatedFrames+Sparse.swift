/// The frames of one group's days that have data, in day order; every other day is the series'
/// empty frame. Reusable across groups (loading keeps the buffers), one thread at a time.
///
/// `@unchecked Sendable`: `loadState` (a class) is used by one thread at a time; workers pass a
/// `SparseGroupFrames` between them only through a `ReusePool`.
public struct SparseGroupFrames: @unchecked Sendable {
  /// Days (offsets from the calendar start) that have data, ascending.
  public var days: [Int32] = []
  /// `days.count × width` values, row-major, the frame of `days[i]` at row i.
  public var values: [Float] = []
  /// The counting state of the series last loaded, kept so the next group does not allocate and
  /// zero it again.
  var loadState: SparseLoadState?

  public init() {}
}

/// A frame series that can hand out only the days that have data, so work on a group costs its
/// data, not its calendar. `fillSeries` must equal `emptyFrame` everywhere but on those days.
public protocol SparseFrameSeries: FrameSeries {
  /// The frame of a day without data (zeros, numeric features their `fill`).
  var emptyDayFrame: [Float] { get }
  /// Replaces `frames` with group `group`'s days before `dayLimit` that have data, and their frames.
  func loadSparse(group: Int, into frames: inout SparseGroupFrames, before dayLimit: Int) throws
  /// Replaces `frames` with the days `loadSparse` gives, as entries (see `CompressedGroupFrames`).
  func loadEntries(group: Int, into frames: inout CompressedGroupFrames, before dayLimit: Int) throws
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
  /// `dayLimit`). Counted over the whole calendar in any event order: the frame-at-a-time statement
  /// that tests hold `loadEntries` (what the passes use) to.
  public func loadSparse(group: Int, into frames: inout SparseGroupFrames, before dayLimit: Int) throws {
    let width = schema.width
    let counts = try loadState(reusing: &frames.loadState).calendarCounts(group: group, before: dayLimit)
    frames.days.removeAll(keepingCapacity: true)
    frames.days.append(contentsOf: counts.days)
    frames.values.removeAll(keepingCapacity: true)
    frames.values.append(contentsOf: repeatElement(0, count: counts.days.count * width))
    frames.values.withUnsafeMutableBufferPointer { values in
      for (i, day) in counts.days.enumerated() {
        counts.writeFrame(day: Int(day), into: values.baseAddress! + i * width)
      }
    }
  }

  /// The fractions `loadSparse` would write, straight from the day counts: only the non-zero ones
  /// (and every numeric feature) are listed, so a day costs its events' classes and sectors.
  public func loadEntries(group: Int, into frames: inout CompressedGroupFrames, before dayLimit: Int) throws {
    let state = loadState(reusing: &frames.loadState)
    frames.removeAll()
    let inDayOrder = try state.forEachDay(group: group, before: dayLimit) { counts, record, day in
      counts.appendEntries(record: record, as: day, to: &frames)
    }
    guard !inDayOrder else { return }
    let counts = try state.calendarCounts(group: group, before: dayLimit)
    frames.removeAll()
    for day in counts.days { counts.appendEntries(record: Int(day), as: day, to: &frames) }
  }

  /// `cached` when it counts this series' spill, else a new state (kept in `cached`).
  private func loadState(reusing cached: inout SparseLoadState?) -> SparseLoadState {
    if let cached, cached.frames.spill === spill { return cached }
    let state = SparseLoadState(frames: self)
    cached = state
    return state
  }
}

/// A worker's counting state for sparse loads. A group whose spilled events come in day order (a
/// dump sorted by date) is counted one day at a time in a one-day `GroupDayCounts` that stays in
/// cache; only a group whose events do not needs the calendar-wide counts, made on first use.
final class SparseLoadState {
  /// The series counted (its spill holds the events).
  let frames: AggregatedFrames
  private let today: GroupDayCounts
  private var events: UnsafeMutableBufferPointer<SpilledEvent>
  private var calendarCounts: GroupDayCounts?

  init(frames: AggregatedFrames) {
    self.frames = frames
    today = GroupDayCounts(frames: frames, dayCount: 1)
    events = .allocate(capacity: 0)
  }

  deinit { events.deallocate() }

  /// Group `group`'s days before `dayLimit` counted over the whole calendar (in any event order),
  /// in counts made on first use and reused.
  func calendarCounts(group: Int, before dayLimit: Int) throws -> GroupDayCounts {
    let counts = calendarCounts ?? GroupDayCounts(frames: frames)
    calendarCounts = counts
    try counts.load(group: group, before: dayLimit)
    return counts
  }

  /// Calls `body(counts, 0, day)` for each day before `dayLimit` with events of `group`, in day
  /// order, with that day counted in record 0 of the one-day `counts`; false, having stopped at the
  /// first event of an earlier day than the one before it, when the events are not in day order.
  func forEachDay(
    group: Int, before dayLimit: Int, _ body: (GroupDayCounts, Int, Int32) -> Void
  ) throws -> Bool {
    let start = Int64(today.calendarStart)
    let limit = Int64(min(dayLimit, frames.dayCount))
    var current: Int32 = -1
    var inDayOrder = true
    today.clear()
    try frames.spill.forEachChunk(group: group, buffer: &events) { chunk in
      guard inDayOrder else { return false }
      for event in chunk {
        let offset = Int64(event.dayIndex) - start
        guard offset < limit else { continue }
        let day = Int32(offset)
        if day != current {
          guard day > current else {
            inDayOrder = false
            return false
          }
          if current >= 0 {
            body(today, 0, current)
            today.clear()
          }
          current = day
        }
        today.add(event, day: 0)
      }
      return true
    }
    guard inDayOrder else { return false }
    if current >= 0 { body(today, 0, current) }
    return true
  }
}
