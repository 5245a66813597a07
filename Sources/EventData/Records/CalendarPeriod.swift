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
