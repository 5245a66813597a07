import EventData
import Support
import Testing

@Test func dayRoundTripsThroughISOText() {
  for text in ["1970-01-01", "1995-01-01", "2000-02-29", "2023-12-31", "1969-12-31"] {
    let day = Day(iso: text)
    #expect(day?.iso == text)
  }
  #expect(Day(iso: "1970-01-01")?.index == 0)
  #expect(Day(iso: "1995-01-01")?.index == 9131)
}

@Test func dayRejectsImpossibleDates() {
  #expect(Day(iso: "2001-02-29") == nil)
  #expect(Day(iso: "2001-13-01") == nil)
  #expect(Day(iso: "2001-1-01") == nil)
  #expect(Day(iso: "20x1-01-01") == nil)
}
