import EventData
import Foundation
import Frames
import Support
import Testing

@Suite("frames.period: weeks and months")
struct PeriodFramesTests {
  @Test func weeksStartOnMondayWithFractionsOverTheWeeksEventsAndCountsSummed() throws {
    // 2020-01-01 is a Wednesday: its week starts Monday 2019-12-30; 2020-01-06 is the next Monday.
    let events = [
      event("2020-01-01", code: "010"), event("2020-01-05", code: "190"), event("2020-01-05", code: "190"),
      event("2020-01-05", code: "073"), event("2020-01-13", code: "010"),
    ]
    let features: [FeatureSpec] = [
      .oneHot(.quadClass), .numeric(.eventCount, agg: .sum, scale: nil, transform: .none, fill: 0),
    ]
    let (f, series) = try frames(events, features: features, period: .week)
    #expect(f.period == .week)
    #expect(f.calendarStart == Day(iso: "2019-12-30"))
    #expect(f.dayCount == 3, "weeks of 12-30, 01-06 (empty) and 01-13")
    #expect(series == [[0.25, 0.25, 0, 0.5, 4, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1] as [Float]])
  }

  @Test func monthsFollowTheCalendarAndAnEmptyMonthIsAZeroFrame() throws {
    let events = [event("2020-01-31", code: "010"), event("2020-03-01", code: "190"), event("2020-03-31", code: "010")]
    let (f, series) = try frames(events, features: [.oneHot(.quadClass)], period: .month)
    #expect(f.calendarStart == Day(iso: "2020-01-01"))
    #expect(f.dayCount == 3)
    #expect(series == [[1, 0, 0, 0, 0, 0, 0, 0, 0.5, 0, 0, 0.5] as [Float]])
  }

  @Test func periodOrdinalsRoundTripToTheirFirstDay() {
    for period in CalendarPeriod.allCases {
      for index in stride(from: Int32(-800), to: 40000, by: 37) {
        let day = Day(index: index)
        let first = period.firstDay(ofOrdinal: period.ordinal(of: day))
        #expect(first <= day && day - first < period.maximumDays)
        #expect(period.ordinal(of: first) == period.ordinal(of: day))
        #expect(period.ordinal(of: first + (-1)) == period.ordinal(of: day) - 1)
      }
    }
    #expect(
      CalendarPeriod.week.firstDay(ofOrdinal: CalendarPeriod.week.ordinal(of: Day(iso: "1970-01-01")!)).iso
        == "1969-12-29")
  }

  @Test func aCalendarGivesEachPeriodsFirstAndLastDayAndSplitBoundaries() {
    let weeks = PeriodCalendar(period: .week, start: Day(iso: "2019-12-30")!)
    #expect(weeks.firstDay(2).iso == "2020-01-13" && weeks.lastDay(2).iso == "2020-01-19")
    #expect(weeks.offset(of: Day(iso: "2020-01-19")!) == 2)
    // A split ending on a Sunday keeps that week; ending on a Wednesday, the week before.
    #expect(weeks.lastOffset(endingBy: Day(iso: "2020-01-19")!) == 2)
    #expect(weeks.lastOffset(endingBy: Day(iso: "2020-01-15")!) == 1)
    let months = PeriodCalendar(period: .month, start: Day(iso: "2020-01-01")!)
    #expect(months.lastDay(1).iso == "2020-02-29")
    #expect(months.lastOffset(endingBy: Day(iso: "2020-12-31")!) == 11)
    let days = PeriodCalendar(period: .day, start: Day(iso: "2020-01-01")!)
    #expect(days.lastOffset(endingBy: Day(iso: "2020-01-10")!) == 9 && days.lastDay(9).iso == "2020-01-10")
  }
}
