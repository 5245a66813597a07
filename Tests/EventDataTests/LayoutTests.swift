import EventData
import FixtureSupport
import Foundation
import Support
import Testing

@Test func theFourRealRowsParseExactly() throws {
  let outcome = try readAll([Fixtures.url("reference/icews/events-1995-head.tab").path])
  #expect(outcome.rejects.isEmpty)
  #expect(outcome.summary == RowCounts(read: 4, rejected: 0, duplicates: 0))
  let day = try #require(Day(iso: "1995-01-01"))
  #expect(
    outcome.events == [
      EventRecord(
        eventID: "926685", date: day, sourceSectors: ["Radicals / Extremists / Fundamentalists", "Dissident"],
        sourceCountry: "Russian Federation", cameoCode: "051", intensity: 3.4,
        targetSectors: ["Elite", "Executive", "Executive Office", "Government"], targetCountry: "Russian Federation",
        country: "Russian Federation"),
      EventRecord(
        eventID: "926687", date: day, sourceSectors: ["Government"], sourceCountry: "Bosnia and Herzegovina",
        cameoCode: "030", intensity: 4, targetSectors: ["General Population / Civilian / Social", "Social"],
        targetCountry: "Serbia", country: "Bosnia and Herzegovina"),
      EventRecord(
        eventID: "926686", date: day, sourceSectors: ["General Population / Civilian / Social", "Social"],
        sourceCountry: "Serbia", cameoCode: "030", intensity: 4, targetSectors: ["Government"],
        targetCountry: "Bosnia and Herzegovina", country: "Bosnia and Herzegovina"),
      EventRecord(
        eventID: "926688", date: day, sourceSectors: [], sourceCountry: "Canada", cameoCode: "051", intensity: 3.4,
        targetSectors: ["Government", "Local", "Municipal"], targetCountry: "Canada", country: "Canada"),
    ])
}

@Test func everyLayoutGivesTheSameEvents() throws {
  let classic = try readAll([fixture("classic.tab")])
  #expect(classic.events.count == 6)
  #expect(classic.rejects.isEmpty)
  for name in ["dataverse-quoted.tab", "rerelease-2017.tab", "government.tab"] {
    let other = try readAll([fixture(name)])
    #expect(other.rejects.isEmpty, "\(name): \(other.rejects)")
    #expect(other.events == classic.events, "\(name)")
    #expect(other.summary == classic.summary, "\(name)")
  }
}

@Test func sectorNamesWithCommaSpaceStayWhole() throws {
  let events = try readAll([fixture("classic.tab")]).events
  let iraq = try #require(events.first { $0.eventID == "926690" })
  #expect(iraq.sourceSectors == ["Arab, Arabian", "Elite"])
  #expect(iraq.targetSectors.isEmpty)
  #expect(iraq.targetCountry == "")
  #expect(iraq.country == "")
  #expect(iraq.cameoCode == "0214")
}

@Test func missingValuesReadAsEmptyInNullLayouts() throws {
  let events = try readAll([fixture("rerelease-2017.tab")]).events
  let iraq = try #require(events.first { $0.eventID == "926690" })
  #expect(iraq.targetCountry == "")
  #expect(iraq.targetSectors.isEmpty)
  #expect(iraq.cameoCode == "0214")  // recovered from the variant "Appeal for intelligence cooperation"
}

@Test func layoutIsDetectedFromContent() throws {
  let cases: [(String, Layout.Kind, Bool, Bool)] = [
    ("classic.tab", .classic, false, true),
    ("dataverse-quoted.tab", .dataverseQuoted, true, true),
    ("rerelease-2017.tab", .rerelease2017, true, false),
    ("government.tab", .government, false, true),
  ]
  for (name, kind, quoted, hasCode) in cases {
    let layout = try #require(try EventReader.detectLayout(of: fixture(name)))
    #expect(layout.kind == kind, "\(name)")
    #expect(layout.quoted == quoted, "\(name)")
    #expect(layout.hasCameoCode == hasCode, "\(name)")
  }
}

@Test func aFileWithoutAnICEWSHeaderIsAnErrorNamingIt() throws {
  let dir = try Fixtures.temporaryDirectory("layout")
  let url = dir.appendingPathComponent("frames.csv")
  try "date,a,b\n2020-01-01,1,2\n".write(to: url, atomically: true, encoding: .utf8)
  #expect {
    try readAll([url.path])
  } throws: { error in
    let error = error as? EventReadError
    return error?.code == .unknownLayout
      && error?.description.hasPrefix("\(url.path):1: not an ICEWS event file") == true
  }
}

@Test func rerelease2017QuotesAreHonouredEvenWhenTheFirstRowsHaveNone() throws {
  let dir = try Fixtures.temporaryDirectory("late-quotes")
  let url = dir.appendingPathComponent("late.tab")
  let lines = try String(contentsOf: Fixtures.url("icews/rerelease-2017.tab"), encoding: .utf8)
    .split(separator: "\n").map(String.init)
  let plain = lines[2].replacingOccurrences(of: "\"General Population / Civilian / Social,Social\"", with: "Social")
  #expect(!plain.contains("\""))
  var out = [lines[0]]
  for i in 0..<60 { out.append(plain.replacingOccurrences(of: "926687", with: "5\(i)")) }
  out.append(lines[1])
  try (out.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
  let outcome = try readAll([url.path])
  #expect(outcome.rejects.isEmpty)
  #expect(outcome.events.count == 61)
  #expect(outcome.events.last?.sourceSectors == ["Radicals / Extremists / Fundamentalists", "Dissident"])
}
