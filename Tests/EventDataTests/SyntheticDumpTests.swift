import EventData
import FixtureSupport
import Foundation
import Testing

@Test func synthIsDeterministicForASeed() throws {
  let dir = try Fixtures.temporaryDirectory("synth")
  let start = try #require(Day(iso: "2014-01-01"))
  let a = dir.appendingPathComponent("a.tsv"), b = dir.appendingPathComponent("b.tsv")
  let c = dir.appendingPathComponent("c.tsv")
  try SyntheticDump(rows: 2000, start: start, days: 30, seed: 7).write(to: a)
  try SyntheticDump(rows: 2000, start: start, days: 30, seed: 7).write(to: b)
  try SyntheticDump(rows: 2000, start: start, days: 30, seed: 8).write(to: c)
  #expect(try Data(contentsOf: a) == Data(contentsOf: b))
  #expect(try Data(contentsOf: a) != Data(contentsOf: c))
}

@Test func synthReadsBackCleanWithRealisticContent() throws {
  let dir = try Fixtures.temporaryDirectory("synth")
  let start = try #require(Day(iso: "2014-01-01"))
  let url = dir.appendingPathComponent("dump.tsv")
  try SyntheticDump(rows: 5000, start: start, days: 60, seed: 3).write(to: url)
  let outcome = try readAll([url.path])
  #expect(outcome.rejects.isEmpty)
  #expect(outcome.summary == IngestSummary(rowsRead: 5000, rowsRejected: 0, duplicates: 0))
  let days = Set(outcome.events.map(\.date))
  #expect(days.min() == start && days.max() == start + 59)
  let book = CameoCodebook.icews
  var verbalCooperation = 0
  for event in outcome.events {
    let entry = try #require(book.entry(forCode: event.cameoCode))
    #expect(entry.intensity == event.intensity)
    if entry.quadClass == .verbalCooperation { verbalCooperation += 1 }
  }
  #expect(verbalCooperation * 2 > outcome.events.count)
  #expect(Set(outcome.events.map(\.sourceCountry)).count > 100)
  #expect(outcome.events.contains { $0.sourceSectors.contains("Radicals / Extremists / Fundamentalists") })
  #expect(outcome.events.contains { $0.sourceSectors.contains { $0.contains(", ") } })
  #expect(outcome.events.contains { $0.targetSectors.count >= 3 })
}

@Test func synthDuplicatesAreExactAndCounted() throws {
  let dir = try Fixtures.temporaryDirectory("synth")
  let start = try #require(Day(iso: "2014-01-01"))
  let url = dir.appendingPathComponent("dump.tsv")
  try SyntheticDump(rows: 1000, start: start, days: 10, seed: 1, duplicates: 5).write(to: url)
  let outcome = try readAll([url.path])
  #expect(outcome.summary == IngestSummary(rowsRead: 1000, rowsRejected: 0, duplicates: 5))
}
