@testable import EventData
import FixtureSupport
import Foundation
import Testing
import Support

/// Re-exports of the six events of `classic.tab` (Scripts/make_icews_fixtures.py, `wild/`).
func wildFixture(_ name: String) -> String { Fixtures.url("icews/wild/\(name)").path }

@Test(arguments: [
  "pandas-government.csv", "readr-na.csv", "r-write-csv.csv", "header-spellings.tab",
  "rerelease-2017-extra-quotes.tab",
])
func aReExportGivesTheSameEventsAsTheOriginal(name: String) throws {
  let classic = try readAll([fixture("classic.tab")])
  let other = try readAll([wildFixture(name)])
  #expect(other.rejects.isEmpty, "\(name): \(other.rejects)")
  #expect(other.events == classic.events, "\(name)")
  #expect(other.summary == classic.summary, "\(name)")
}

@Test func commaFilesAreSniffedFromTheHeader() throws {
  let pandas = try #require(try EventReader.detectLayout(of: wildFixture("pandas-government.csv")))
  #expect(pandas.delimiter == 0x2C)
  #expect(pandas.kind == .government)
  #expect(!pandas.hasCameoCode)
  let tab = try #require(try EventReader.detectLayout(of: wildFixture("header-spellings.tab")))
  #expect(tab.delimiter == 0x09)
  #expect(tab.hasCameoCode)
}

@Test func headerNamesMatchIgnoringCaseBlanksUnderscoresAndDots() {
  #expect(Layout.matchKey("Event_ID") == Layout.matchKey("Event ID"))
  #expect(Layout.matchKey("event.id") == Layout.matchKey("EVENT ID"))
  #expect(Layout.matchKey("Cameo Code") == Layout.matchKey("CAMEO Code"))
  #expect(Layout.matchKey("Top Cameo Code") != Layout.matchKey("CAMEO Code"))
}

@Test func naNoneNullAndEmptyAllMeanMissing() {
  for marker in ["", "NA", "None", "NULL"] {
    #expect(Array(marker.utf8).withUnsafeBytes { ByteParsing.isMissing($0) }, "\(marker)")
  }
  for value in ["N", "na", "Nonet", "NULLs", "0"] {
    #expect(!Array(value.utf8).withUnsafeBytes { ByteParsing.isMissing($0) }, "\(value)")
  }
}

@Test func quotedFieldsMaySpanLinesAndLineNumbersCountTheBreaks() throws {
  let classic = try readAll([fixture("classic.tab")])
  for chunkSize in [nil, 64, 300] {
    let outcome = try readAll([wildFixture("quoted-multiline.csv")], chunkSize: chunkSize)
    #expect(outcome.events == classic.events, "chunk \(String(describing: chunkSize))")
    // Header 1, the six records take 1 + 3 + 1 + 1 + 2 + 1 lines: the bad row is line 11.
    #expect(outcome.rejects.count == 1)
    #expect(outcome.rejects.first?.line == 11)
    #expect(outcome.rejects.first?.reason == "unknown CAMEO Code: '999'")
  }
}

@Test func anUnclosedQuoteInACommaFileRejectsOneLineAndReadingGoesOn() throws {
  let dir = try Fixtures.temporaryDirectory("open-quote")
  let url = dir.appendingPathComponent("open.csv")
  let lines = try String(contentsOf: Fixtures.url("icews/wild/readr-na.csv"), encoding: .utf8)
    .split(separator: "\n").map(String.init)
  let broken = lines[1].replacingOccurrences(of: "Boris Yeltsin", with: "\"Boris Yeltsin")
  try ([lines[0], broken] + lines[2...]).joined(separator: "\n").appending("\n")
    .write(to: url, atomically: true, encoding: .utf8)
  let outcome = try readAll([url.path])
  #expect(outcome.rejects.map(\.line) == [2])
  #expect(outcome.rejects.first?.reason == "unterminated quoted field")
  #expect(outcome.events.count == 5)
}

@Test func extraQuotesOfThe2017ReReleaseAreRemoved() throws {
  let events = try readAll([wildFixture("rerelease-2017-extra-quotes.tab")]).events
  let canada = try #require(events.first { $0.eventID == "926688" })
  #expect(canada.sourceCountry == "Canada")
  #expect(canada.targetSectors == ["Government", "Local", "Municipal"])
}

@Test func code13yIsRecoveredFromEventTextOnlyWhenItAgrees() throws {
  let outcome = try readAll([wildFixture("code-13y.tab")])
  #expect(outcome.events.map(\.eventID) == ["2001"])
  #expect(outcome.events.first?.cameoCode == "137")
  #expect(outcome.rejects.map(\.line) == [3, 4, 5])
  #expect(
    outcome.rejects.map(\.reason) == [
      "unknown CAMEO Code: '13y' (Event Text 'Praise or endorse' gives 051, which does not start with 13)",
      "unknown CAMEO Code: '13y'",
      "unknown CAMEO Code: '13y' (Event Text 'Threaten in some way' gives no code)",
    ])
}

@Test func exactlyRepeatedRowsAreDroppedAndCounted() throws {
  for chunkSize in [nil, 4096] {
    let outcome = try readAll([wildFixture("duplicates-2021.tab")], chunkSize: chunkSize)
    #expect(outcome.events.count == 6)
    #expect(outcome.summary == RowCounts(read: 406, rejected: 0, duplicates: 400))
  }
}
