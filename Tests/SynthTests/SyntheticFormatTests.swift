import EventData
@testable import Synth
import FixtureSupport
import Foundation
import Support
import Testing

/// A dump of each format from the same arguments, with the generator's own tally.
private func dump(
  _ format: SyntheticFormat, rows: Int = 20_000, duplicates: Int = 9
) throws
  -> (url: URL, dump: SyntheticDump, tally: SyntheticTally)
{
  let dir = try Fixtures.temporaryDirectory("synth-\(format.rawValue)")
  let url = dir.appendingPathComponent(format == .gdelt ? "20140101.export.CSV" : "dump.txt")
  let dump = SyntheticDump(
    rows: rows, start: try #require(Day(iso: "2014-01-01")), days: 120, seed: 11, duplicates: duplicates,
    countries: 8, episodeKind: .crisis, episodeRate: 8, format: format)
  let tally = try #require(try dump.write(to: url, tallying: true))
  return (url, dump, tally)
}

/// Events per country and day as the reader delivered them.
private func counts(_ events: [EventRecord]) -> [String: [Day: Int]] {
  var counts: [String: [Day: Int]] = [:]
  for event in events { counts[event.country, default: [:]][event.date, default: 0] += 1 }
  return counts
}

@Test(arguments: SyntheticFormat.allCases)
func synthDumpReadsBackAsTheGeneratorWroteIt(format: SyntheticFormat) throws {
  let (url, _, tally) = try dump(format)
  let layout = try #require(try EventReader.detectLayout(of: url.path))
  #expect(layout.source.rawValue == format.rawValue)
  let outcome = try readAll([url.path])
  #expect(outcome.rejects.isEmpty, "\(outcome.rejects.prefix(3))")
  #expect(outcome.summary == RowCounts(read: 20_000, rejected: 0, duplicates: 9))
  #expect(tally.total == 20_000 - 9)
  #expect(counts(outcome.events) == tally.events)
}

@Test func synthFormatsHoldTheSameEventsAndEpisodes() throws {
  let icews = try dump(.icews), polecat = try dump(.polecat), gdelt = try dump(.gdelt)
  /// Country index → counts per day, whatever the format calls the country.
  func byIndex(_ d: (url: URL, dump: SyntheticDump, tally: SyntheticTally)) -> [Int: [Day: Int]] {
    var out: [Int: [Day: Int]] = [:]
    for c in 0..<8 { out[c] = d.tally.events[d.dump.countryLabel(c)] }
    return out
  }
  #expect(byIndex(icews) == byIndex(polecat))
  #expect(byIndex(icews) == byIndex(gdelt))
  #expect(icews.tally.events.keys.sorted() == SyntheticVocabulary.countries.prefix(8).sorted())
  #expect(Set(polecat.tally.events.keys) == ["USA", "RUS", "CHN", "IND", "GBR", "ISR", "IRN", "JPN"])
  #expect(Set(gdelt.tally.events.keys) == ["US", "RS", "CH", "IN", "UK", "IS", "IR", "JA"])
  let episodes = icews.dump.episodes
  #expect(episodes.count == 2)
  for other in [polecat, gdelt] {
    let relabelled = other.dump.episodes.map { episode in
      var e = episode
      let index = (0..<8).first { other.dump.countryLabel($0) == episode.country }!
      e.country = icews.dump.countryLabel(index)
      return e
    }
    #expect(relabelled == episodes)
  }
  // A crisis at least doubles its country's daily events, in the file as read.
  for (d, format) in [(icews, "icews"), (polecat, "polecat"), (gdelt, "gdelt")] {
    let read = counts(try readAll([d.url.path]).events)
    for episode in d.dump.episodes {
      let perDay = read[episode.country] ?? [:]
      let inside = (0..<episode.days).map { perDay[episode.start + $0] ?? 0 }.reduce(0, +)
      let outsideDays = (0..<120).map { d.dump.start + $0 }.filter { $0 < episode.start || $0 > episode.end }
      let outside = outsideDays.map { perDay[$0] ?? 0 }.reduce(0, +)
      let ratio = (Double(inside) / Double(episode.days)) / (Double(outside) / Double(outsideDays.count))
      #expect(ratio > 1.8, "\(format) \(episode.country) \(episode.start): ×\(ratio)")
    }
  }
}

@Test func synthPolecatRowsCarryPloverTypesModesContextsAndCountryLists() throws {
  let (url, _, _) = try dump(.polecat, duplicates: 0)
  let text = try String(contentsOf: url, encoding: .utf8)
  let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
  let header = lines[0].split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
  #expect(header.count == 40 && header[4] == "Event Intensity" && header[39] == "Version")
  func column(_ name: String) -> Int { header.firstIndex(of: name)! }
  let rows = lines.dropFirst().map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
  #expect(rows.allSatisfy { $0.count == 40 })
  let quadOfType = Dictionary(uniqueKeysWithValues: PloverEventType.allCases.map { ($0.rawValue.uppercased(), $0) })
  var types = Set<String>(), modes = Set<String>(), contexts = Set<String>()
  var lists = 0, noMode = 0, noContext = 0
  for row in rows {
    let type = try #require(quadOfType[row[column("Event Type")]], "\(row[column("Event Type")])")
    types.insert(row[column("Event Type")])
    let quad = SyntheticRowWriter.quadCodeWords[type.quadClass.index]
    #expect(row[column("Quad Code")] == quad)
    let mode = row[column("Event Mode")]
    if mode == "None" { noMode += 1 } else { modes.insert(mode) }
    #expect(mode == "None" || PloverEventMode(rawValue: mode) != nil, "\(mode)")
    let intensity = try #require(Double(row[column("Event Intensity")]))
    #expect((-10...10).contains(intensity))
    let ctx = row[column("Contexts")]
    if ctx == "None" {
      noContext += 1
    } else {
      contexts.formUnion(ctx.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) })
    }
    if row[column("Actor Country")].contains("; ") || row[column("Recipient Country")].contains("; ") { lists += 1 }
    #expect(row[column("Country")].count == 3)
  }
  let missing = PloverEventType.allCases.map { $0.rawValue.uppercased() }.filter { !types.contains($0) }
  #expect(types.count == 16, "\(missing)")
  #expect(modes.count > 20 && noMode > 0)
  #expect(contexts.count > 20 && noContext > 0)
  #expect(lists > rows.count / 20)
  #expect(text.contains("; ") && !text.contains("\t\t"))
}

@Test func synthGdeltRowsHave61ColumnsCameoStringsAndFipsCountries() throws {
  let (url, _, _) = try dump(.gdelt, duplicates: 0)
  let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
  #expect(lines.count == 20_000)
  let rows = lines.map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
  #expect(rows.allSatisfy { $0.count == 61 })
  #expect(rows[0][1] == "20140101" && rows[0][2] == "201401" && rows[0][3] == "2014")
  #expect(Set(rows.map { $0[53] }) == ["US", "RS", "CH", "IN", "UK", "IS", "IR", "JA"])
  #expect(Set(rows.map { $0[29] }) == ["1", "2", "3", "4"])
  let book = CameoCodebook.icews
  var leadingZero = 0
  for row in rows {
    let entry = try #require(book.entry(forCode: row[26]))
    #expect(row[27] == String(row[26].prefix(3)) && row[28] == String(row[26].prefix(2)))
    #expect(row[29] == String(entry.quadClass.index + 1))
    #expect(Double(row[30]) == entry.intensity && row[30].contains("."))
    #expect((Int(row[31]) ?? 0) >= 1 && (Int(row[33]) ?? 0) == Int(row[31]))
    if row[26].hasPrefix("0") { leadingZero += 1 }
  }
  #expect(leadingZero > rows.count / 2)
}

@Test func synthPloverMappingKeepsQuadClassesAndTakesTheLongestModePrefix() {
  for entry in CameoCodebook.icews.allEntries where entry.code.count >= 3 {
    let type = SyntheticVocabulary.ploverType(code: entry.code, root: entry.root)
    #expect(type.quadClass == entry.quadClass, "\(entry.code) → \(type)")
  }
  #expect(SyntheticVocabulary.ploverType(code: "0351", root: 3) == .concede)
  #expect(SyntheticVocabulary.ploverType(code: "036", root: 3) == .agree)
  #expect(SyntheticVocabulary.ploverMode(code: "1831") == .suicideAttack)
  #expect(SyntheticVocabulary.ploverMode(code: "1832") == .explosives)  // from 183
  #expect(SyntheticVocabulary.ploverMode(code: "042") == .visit)
  #expect(SyntheticVocabulary.ploverMode(code: "190") == nil)
  #expect(Set(PloverEventMode.allCases.map(\.rawValue)).count == 57)
}
