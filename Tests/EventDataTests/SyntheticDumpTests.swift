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

@Test func synthCountriesOptionKeepsTheBusiestCountries() throws {
  let dir = try Fixtures.temporaryDirectory("synth")
  let url = dir.appendingPathComponent("dump.tsv")
  try SyntheticDump(rows: 3000, start: try #require(Day(iso: "2014-01-01")), days: 60, seed: 2, countries: 4).write(to: url)
  let outcome = try readAll([url.path])
  let located = Set(outcome.events.map(\.country))
  #expect(located == ["United States", "Russian Federation", "China", "India"])
}

@Test func synthSectorVocabularyFillsTheDefaultTopK() throws {
  let dir = try Fixtures.temporaryDirectory("synth")
  let url = dir.appendingPathComponent("dump.tsv")
  try SyntheticDump(rows: 20000, start: try #require(Day(iso: "2014-01-01")), days: 90, seed: 5).write(to: url)
  let outcome = try readAll([url.path])
  var counts: [String: Int] = [:]
  for event in outcome.events {
    for sector in Set(event.sourceSectors) { counts[sector, default: 0] += 1 }
  }
  #expect(counts.count > 200)
  // Zipf-like: the most common name is far more frequent than the 124th.
  let ranked = counts.values.sorted(by: >)
  #expect(ranked[0] > 20 * ranked[123])
}

@Test func synthHasAWeeklyCycle() throws {
  let dir = try Fixtures.temporaryDirectory("synth")
  let url = dir.appendingPathComponent("dump.tsv")
  let start = try #require(Day(iso: "2014-01-06"))  // a Monday
  try SyntheticDump(rows: 20000, start: start, days: 140, seed: 4, countries: 10).write(to: url)
  let outcome = try readAll([url.path])
  var perWeekday = [Int](repeating: 0, count: 7)
  for event in outcome.events { perWeekday[(event.date - start) % 7] += 1 }
  #expect(perWeekday[0...4].min()! > perWeekday[5...6].max()!)
}

@Test func synthPlantsEpisodesFromTheSeedAndTheyShowInTheData() throws {
  let dir = try Fixtures.temporaryDirectory("synth")
  let start = try #require(Day(iso: "2014-01-01"))
  let dump = SyntheticDump(rows: 40000, start: start, days: 800, seed: 11, countries: 6)
  let episodes = dump.episodes
  #expect(episodes.count == 2)
  #expect(episodes == SyntheticDump(rows: 10, start: start, days: 800, seed: 11, countries: 6).episodes)
  #expect(episodes != SyntheticDump(rows: 10, start: start, days: 800, seed: 12, countries: 6).episodes)
  let url = dir.appendingPathComponent("dump.tsv")
  try dump.write(to: url)
  let outcome = try readAll([url.path])
  let book = CameoCodebook.icews
  for episode in episodes {
    #expect((7...21).contains(episode.days))
    var inside = (events: 0, conflict: 0), before = (events: 0, conflict: 0)
    for event in outcome.events where event.country == episode.country {
      let conflict = book.entry(forCode: event.cameoCode)?.quadClass == .materialConflict ? 1 : 0
      if event.date >= episode.start && event.date <= episode.end {
        inside.events += 1
        inside.conflict += conflict
      } else if event.date < episode.start && event.date >= episode.start + (-episode.days) {
        before.events += 1
        before.conflict += conflict
      }
    }
    #expect(inside.events > 2 * before.events)
    #expect(Double(inside.conflict) / Double(inside.events) > 2 * Double(before.conflict) / Double(max(1, before.events)))
  }
}
