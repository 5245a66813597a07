import EventData
import Foundation
import Support

/// Per-group daily frames, read one group at a time so memory never holds every frame at once.
///
/// Both aggregated ICEWS events and a `frames-csv` series expose this; transforms and shards
/// consume only this interface.
public protocol FrameSeries: Sendable {
  /// Stable feature names, in frame order (`quad:verbal_cooperation`, `root:04`, `src:(other)`).
  var featureNames: [String] { get }
  /// Group names in byte order of name.
  var groups: [String] { get }
  /// First day of the calendar, shared by every group.
  var calendarStart: Day { get }
  /// Number of periods (days, weeks or months) in the calendar: the rows of a group's series.
  var dayCount: Int { get }
  /// What one row of a series covers.
  var period: CalendarPeriod { get }
  /// Writes group `group`'s frames, `dayCount × featureNames.count` row-major, into `buffer`.
  func fillSeries(group: Int, into buffer: UnsafeMutableBufferPointer<Float>)
  /// Writes every group's frames as one float32 `.npy` (docs/FRAMES.md); `afterGroup(g)` runs after
  /// group g. A requirement, so the series' own writer runs whatever the static type; the default
  /// is `writeDenseNPY`.
  func writeNPY(to url: URL, afterGroup: (Int) -> Void) throws
}

extension FrameSeries {
  /// Daily unless the series says otherwise.
  public var period: CalendarPeriod { .day }
  /// The calendar the rows of every group follow.
  public var calendar: PeriodCalendar { PeriodCalendar(period: period, start: calendarStart) }
}
