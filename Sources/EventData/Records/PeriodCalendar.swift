import Support

/// A calendar of consecutive periods from a first day: offset 0 is the period starting on `start`.
/// Window keys and frame rows count periods; this turns them back into dates.
public struct PeriodCalendar: Sendable, Equatable {
  public let period: CalendarPeriod
  /// First day of the first period.
  public let start: Day
  private let firstOrdinal: Int32

  public init(period: CalendarPeriod, start: Day) {
    self.period = period
    self.start = start
    firstOrdinal = period.ordinal(of: start)
  }

  /// First day of the period at `offset` from the calendar's start.
  public func firstDay(_ offset: Int) -> Day {
    period == .day ? start + offset : period.firstDay(ofOrdinal: firstOrdinal + Int32(offset))
  }

  /// Last day of the period at `offset`.
  public func lastDay(_ offset: Int) -> Day {
    period == .day ? start + offset : firstDay(offset + 1) + (-1)
  }

  /// Offset of the period containing `day` (negative before the calendar's start).
  public func offset(of day: Day) -> Int {
    period == .day ? day - start : Int(period.ordinal(of: day) - firstOrdinal)
  }

  /// Offset of the last period that ends on or before `day`: the last period wholly inside a range
  /// ending on `day` (a split boundary).
  public func lastOffset(endingBy day: Day) -> Int {
    let containing = offset(of: day)
    return lastDay(containing) == day ? containing : containing - 1
  }

  /// "days", "weeks" or "months", for summaries.
  public var unitName: String { period.rawValue + "s" }
}
