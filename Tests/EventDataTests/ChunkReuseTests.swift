@testable import EventData
import FixtureSupport
import Foundation
import Support
import Testing

/// classic.tab's header, then its data rows again and again with the given Event Dates and fresh
/// Event IDs, joined by `lineEnd`; `lastNewline: false` leaves the last line unterminated.
private func dump(dates: [String], lineEnd: String = "\n", lastNewline: Bool = true, name: String) throws -> String {
  let lines = try String(contentsOfFile: fixture("classic.tab"), encoding: .utf8).split(separator: "\n")
  var text = String(lines[0])
  for (i, date) in dates.enumerated() {
    var fields = lines[1 + i % (lines.count - 1)].split(separator: "\t", omittingEmptySubsequences: false)
    fields[0] = Substring("\(700_000 + i)")
    fields[1] = Substring(date)
    text += lineEnd + fields.joined(separator: "\t")
  }
  if lastNewline { text += lineEnd }
  let path = try Fixtures.temporaryDirectory("chunk-reuse").appendingPathComponent(name).path
  try text.write(toFile: path, atomically: false, encoding: .utf8)
  return path
}

/// Dates repeat in runs, as in a dump: a repeated date reads as the day it names, and a bad date
/// right after a good one of the same length is still rejected (the parser remembers the last date).
@Test func repeatedAndChangingDatesReadAsTheirOwnDays() throws {
  let dates = [
    "1995-01-02", "1995-01-02", "1995-01-03", "1995-02-30", "1995-01-03", "9999-01-03", "1995-01-03",
    "1995-1-03", "1995-01-30", "2001-01-30",
  ]
  let outcome = try readAll([try dump(dates: dates, name: "dates.tab")])
  #expect(
    outcome.events.map(\.date.iso) == [
      "1995-01-02", "1995-01-02", "1995-01-03", "1995-01-03", "1995-01-03", "1995-01-30", "2001-01-30",
    ])
  #expect(outcome.rejects.map(\.line) == [5, 7, 9])
  #expect(outcome.rejects[0].reason == "bad Event Date (expected YYYY-MM-DD): '1995-02-30'")
  #expect(outcome.rejects[1].reason.hasPrefix("Event Date out of range"))
}

/// Chunks of a few rows each reuse the buffers and event arrays of delivered chunks: whatever the
/// chunk size, rows split across chunk ends, CRLF line ends and an unterminated last line read the
/// same events and rejects (with the same line numbers) as one large chunk.
@Test(arguments: ["\n", "\r\n"], [true, false])
func smallReusedChunksReadWhatOneChunkReads(lineEnd: String, lastNewline: Bool) throws {
  var dates: [String] = []
  for day in 0..<400 {
    dates.append(day % 37 == 5 ? "1995-13-01" : Day(index: Int32(9131 + day / 3)).iso)
  }
  let path = try dump(dates: dates, lineEnd: lineEnd, lastNewline: lastNewline, name: "many.tab")
  let whole = try readAll([path], chunkSize: 4 << 20)
  #expect(whole.events.count + whole.rejects.count == dates.count)
  #expect(whole.rejects.count == 11)
  for chunkSize in [97, 256, 1000, 4096] {
    let chunked = try readAll([path], chunkSize: chunkSize)
    #expect(chunked.events == whole.events, "chunk size \(chunkSize)")
    #expect(chunked.rejects.map(\.line) == whole.rejects.map(\.line), "chunk size \(chunkSize)")
    #expect(chunked.rejects.map(\.raw) == whole.rejects.map(\.raw), "chunk size \(chunkSize)")
    #expect(chunked.summary == whole.summary, "chunk size \(chunkSize)")
  }
}
