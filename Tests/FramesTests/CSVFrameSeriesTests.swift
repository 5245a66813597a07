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

/// Issue 12's bounded memory: the file is read a block at a time; a line past the limit and a header
/// of more features than a frame holds are errors naming the file and line.
@Test func aFramesCSVLineLongerThanTheLimitIsAnErrorNamingItsLine() throws {
  let folder = try Fixtures.temporaryDirectory("frames-csv-long")
  let url = folder.appendingPathComponent("long.csv")
  var text = "date,x\n2020-01-01,1\n2020-01-02,"
  text += String(repeating: "9", count: CSVFrameSeries.maxLineBytes + 10) + "\n2020-01-03,1\n"
  try text.write(to: url, atomically: false, encoding: .utf8)
  let error = #expect(throws: FrameError.self) { try CSVFrameSeries(url: url, label: "long.csv") }
  #expect(error?.context == "long.csv:3")
  #expect(error?.message.contains("longer than 16 MiB") == true)
}

@Test func aFramesCSVReadInBlocksEqualsTheSameBytesInMemory() throws {
  // Lines cross the 1 MiB block boundaries of the file reader.
  var text = "date," + (0..<500).map { "f\($0)" }.joined(separator: ",") + "\n"
  let day = Day(iso: "2020-01-01")!
  for d in 0..<600 {
    let values = (0..<500).map { "\(($0 * 7 + d) % 13).5" }
    text += Day(index: day.index + Int32(d)).iso + "," + values.joined(separator: ",")
    text += d % 2 == 0 ? "\r\n" : "\n"
  }
  let url = try Fixtures.temporaryDirectory("frames-csv-blocks").appendingPathComponent("wide.csv")
  try text.write(to: url, atomically: false, encoding: .utf8)
  let fromFile = try CSVFrameSeries(url: url)
  let fromBytes = try CSVFrameSeries(bytes: Array(text.utf8), file: "wide.csv")
  #expect(fromFile.rowCount == 600 && fromFile.featureNames.count == 500)
  var a = [Float](repeating: 0, count: fromFile.dayCount * 500)
  var b = a
  a.withUnsafeMutableBufferPointer { fromFile.fillSeries(group: 0, into: $0) }
  b.withUnsafeMutableBufferPointer { fromBytes.fillSeries(group: 0, into: $0) }
  #expect(a == b)
  #expect(a[599 * 500 + 499] == Float((499 * 7 + 599) % 13) + 0.5)
}

@Test func aFramesCSVHeaderOfMoreFeaturesThanAFrameHoldsIsRefused() {
  let text = (0...FrameSchema.maxColumns).map { "f\($0)" }.joined(separator: ",") + "\n"
  let error = #expect(throws: FrameError.self) { try CSVFrameSeries(bytes: Array(text.utf8), file: "t.csv") }
  #expect(error?.context == "t.csv:1")
  #expect(error?.message.contains("names 200001 features; a frame holds at most 200000") == true)
}

@Test func aBadValueIsQuotedShortInTheError() {
  let text = "x\n" + String(repeating: "z", count: 100_000) + "\n"
  let error = #expect(throws: FrameError.self) { try CSVFrameSeries(bytes: Array(text.utf8), file: "t.csv") }
  #expect(error?.context == "t.csv:2")
  #expect((error?.message.count ?? .max) < 200)
  #expect(error?.message.contains("(100000 characters)") == true)
}
