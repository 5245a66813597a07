import Support

/// The time unit of one frame (`frames.period`): a day, a week starting on Monday, or a calendar month.
///
/// Every period has an ordinal (consecutive integers, so a calendar of periods is a dense range) and a
/// first day; ordinals of days are their `Day.index`.
public enum CalendarPeriod: String, Sendable, CaseIterable, Codable {
  case day, week, month

  /// The ordinal of the period that contains `day`.
  public func ordinal(of day: Day) -> Int32 {
    switch self {
    case .day:
      return day.index
    case .week:
      // 1970-01-01 (index 0) was a Thursday, so Mondays are index ≡ −3 (mod 7); floor division.
      let shifted = Int(day.index) + 3
      return Int32(shifted >= 0 ? shifted / 7 : (shifted - 6) / 7)
    case .month:
      let (y, m, _) = day.components
      return Int32(y * 12 + (m - 1))
    }
  }

  /// The first day of the period with this ordinal.
  public func firstDay(ofOrdinal ordinal: Int32) -> Day {
    switch self {
    case .day:
      return Day(index: ordinal)
    case .week:
      return Day(index: ordinal * 7 - 3)
    case .month:
      let o = Int(ordinal)
      let year = o >= 0 ? o / 12 : (o - 11) / 12
      return Day(year: year, month: o - year * 12 + 1, day: 1)!
    }
  }

  /// Days in one period at most (for bounds on calendars).
  public var maximumDays: Int {
    switch self {
    case .day: return 1
    case .week: return 7
    case .month: return 31
    }
  }
}

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
