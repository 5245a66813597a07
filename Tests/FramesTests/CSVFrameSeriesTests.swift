import EventData
import FixtureSupport
import Foundation
import Frames
import Support
import Testing

@Suite struct CSVFrameSeriesTests {
  @Test func theSeedSequenceIsOneGroupOfFourteenDays() throws {
    let series = try CSVFrameSeries(url: Fixtures.url("seed-sequence.csv"))
    #expect(series.featureNames == ["f0", "f1", "f2", "f3", "f4"])
    #expect(series.groups == ["(all)"])
    #expect(series.calendarStart == Day(year: 1970, month: 1, day: 1)!)
    #expect(series.dayCount == 14)
    var buffer = [Float](repeating: -1, count: 70)
    buffer.withUnsafeMutableBufferPointer { series.fillSeries(group: 0, into: $0) }
    #expect(Array(buffer[0..<5]) == [0.5122, 0.0360, 0.7027, 0.0721, 0.1892])
    #expect(Array(buffer[65..<70]) == [0.5279, 0.0629, 0.6886, 0.1514, 0.0971])
  }

  @Test func groupsAreSortedByNameAndMissingDaysAreZeros() throws {
    let series = try CSVFrameSeries(url: Fixtures.url("shards/sensors.csv"))
    #expect(series.featureNames == ["temp", "load", "errors"])
    #expect(series.groups == ["east", "north"])
    #expect(series.calendarStart == Day(iso: "2021-03-01")!)
    #expect(series.dayCount == 40)
    #expect(series.rowCount == 78)
    var east = [Float](repeating: -1, count: 120)
    east.withUnsafeMutableBufferPointer { series.fillSeries(group: 0, into: $0) }
    #expect(Array(east[33..<39]) == [0, 0, 0, 0, 0, 0], "days 11 and 12 of east are missing")
    #expect(east[30] != 0 && east[39] != 0)
  }

  @Test func datesGiveTheCalendarAcrossGroups() throws {
    let text = "group,date,x\nb,2020-01-03,3\na,2020-01-01,1\nb,2020-01-05,5\n"
    let series = try CSVFrameSeries(bytes: Array(text.utf8), file: "t.csv")
    #expect(series.groups == ["a", "b"])
    #expect(series.calendarStart == Day(iso: "2020-01-01")!)
    #expect(series.dayCount == 5)
    var b = [Float](repeating: -1, count: 5)
    b.withUnsafeMutableBufferPointer { series.fillSeries(group: 1, into: $0) }
    #expect(b == [0, 0, 3, 0, 5])
  }

  @Test(arguments: [
    ("x,y\n1,2\n3\n", "t.csv:3"),
    ("x,y\n1,2\n3,abc\n", "t.csv:3"),
    ("date,x\n2020-01-02,1\n2020-01-01,2\n", "t.csv:3"),
    ("date,x\n2020-13-02,1\n", "t.csv:2"),
    ("date,group\n2020-01-01,a\n", "t.csv:1"),
    ("x,y\n", "t.csv"),
    ("group,date,f0\nA,2020-01-01,1\nA,9999-12-31,2\n", "t.csv:3"),
    ("date,x\n1899-12-31,1\n", "t.csv:2"),
  ])
  func malformedInputNamesFileAndLine(text: String, context: String) {
    let error = #expect(throws: FrameError.self) { try CSVFrameSeries(bytes: Array(text.utf8), file: "t.csv") }
    #expect(error?.code == .badFramesCSV)
    #expect(error?.context == context)
  }

  @Test func datesOutsideThePlausibleRangeAreRejected() {
    let text = "group,date,f0\nA,2020-01-01,1\nA,9999-12-31,2\n"
    let error = #expect(throws: FrameError.self) { try CSVFrameSeries(bytes: Array(text.utf8), file: "f.csv") }
    #expect(error?.context == "f.csv:3")
    #expect(error?.message.contains("9999-12-31") == true)
    #expect(error?.message.contains("2099-12-31") == true)
  }

  @Test(arguments: ["x,y,x\n1,2,3\n", "date,x,date\n2020-01-01,1,2020-01-02\n"])
  func aDuplicateColumnIsNamed(text: String) throws {
    let error = #expect(throws: FrameError.self) { try CSVFrameSeries(bytes: Array(text.utf8), file: "t.csv") }
    #expect(error?.context == "t.csv:1")
    let duplicate = try #require(text.split(separator: "\n").first?.split(separator: ",").last)
    #expect(error?.message.contains("'\(duplicate)'") == true)
  }
}
