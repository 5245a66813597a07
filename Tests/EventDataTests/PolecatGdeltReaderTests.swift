@testable import EventData
import FixtureSupport
import Foundation
import Testing
import Support

func sourceFixture(_ name: String) -> String { Fixtures.url(name).path }

@Test func polecatIsDetectedFromItsHeader() throws {
  let layout = try #require(try EventReader.detectLayout(of: sourceFixture("polecat/weekly.txt")))
  #expect(layout.source == .polecat)
  #expect(layout.hasHeader)
}

@Test func polecatRowsCarryTypeQuadIntensityContextsAndFirstListedCountry() throws {
  let outcome = try readAll([sourceFixture("polecat/weekly.txt")])
  #expect(outcome.rejects.isEmpty, "\(outcome.rejects)")
  #expect(outcome.events.count == 5)
  let first = outcome.events[0]
  #expect(first.ploverType == PloverEventType.assault.number)
  #expect(first.quadClass == 4)
  #expect(first.intensity == -8)
  #expect(first.contexts == ["military", "terrorism"])
  #expect(first.country == "NGA")
  #expect(first.cameoCode == "")
  #expect(outcome.events[1].targetCountry == "")  // None
  #expect(outcome.events[2].contexts.isEmpty)  // None
  #expect(outcome.events[2].sourceCountry == "USA")  // "USA; GBR"
  #expect(outcome.events[3].contexts == ["human_rights", "military"])  // ";" without a blank
}

@Test func earlyPolecatFilesInLatin1WithTrailingTabsAndRepeatedIDsReadTheSame() throws {
  let weekly = try readAll([sourceFixture("polecat/weekly.txt")])
  let early = try readAll([sourceFixture("polecat/early-latin1.txt")])
  #expect(early.rejects.isEmpty, "\(early.rejects)")
  #expect(early.events == weekly.events)
  #expect(early.summary == RowCounts(read: 6, rejected: 0, duplicates: 1))
}

@Test func badPolecatRowsAreRejectedWithTheirReasons() throws {
  let outcome = try readAll([sourceFixture("polecat/bad-rows.txt")])
  #expect(outcome.events.count == 1)
  #expect(outcome.rejects.map(\.line) == [3, 4, 5, 6, 7])
  #expect(
    outcome.rejects.map(\.reason) == [
      "unknown Event Type (not one of the 16 PLOVER types): 'CRIME'",
      "unknown Quad Code: 'BIG CONFLICT'",
      "missing Event Intensity",
      "Event Intensity out of range -10...10: '-12'",
      "bad Event Date (expected YYYY-MM-DD): '2023-13-03'",
    ])
}

@Test func ploverTypesAreSixteenInQuadOrder() {
  #expect(PloverEventType.allCases.count == 16)
  #expect(PloverEventType.allCases.map(\.quadClass.index) == [0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 3])
}

@Test(arguments: ["gdelt/20150218.export.CSV", "gdelt/20150218000000.export.CSV", "gdelt/20120101.export.CSV"])
func gdeltOneAndTwoGiveTheSameEvents(name: String) throws {
  let layout = try #require(try EventReader.detectLayout(of: sourceFixture(name)))
  #expect(layout.source == .gdelt)
  #expect(!layout.hasHeader)
  let outcome = try readAll([sourceFixture(name)])
  #expect(outcome.rejects.isEmpty, "\(outcome.rejects)")
  #expect(outcome.events.map(\.eventID) == ["410412347", "410412348", "410412349", "410412350", "410412351"])
  let third = outcome.events[2]
  #expect(third.cameoCode == "0231")
  #expect(third.quadClass == 1)
  #expect(third.intensity == 3.4)
  #expect(third.mentions == 2)
  #expect(third.country == "UP")
  #expect(third.sourceCountry == "UKR")
  #expect(third.targetCountry == "")
}

@Test func badGdeltRowsAreRejectedWithLineAndReason() throws {
  let outcome = try readAll([sourceFixture("gdelt/bad-rows.export.CSV")])
  #expect(outcome.events.count == 1)
  #expect(outcome.rejects.map(\.line) == [2, 3, 4, 5, 6])
  #expect(
    outcome.rejects.map(\.reason) == [
      "bad QuadClass (expected 1…4): '7'",
      "bad EventCode (CAMEO digits under EventRootCode 03): '36'",
      "bad NumMentions (expected a count): 'many'",
      "bad GoldsteinScale (expected -10…10): '40'",
      "wrong field count: expected 58, found 40",
    ])
}

/// A GDELT row is checked as UTF-8 whether its bytes outside ASCII sit in a full 32-byte block of
/// the line or in its tail: valid ones are read, invalid ones rejected.
@Test func gdeltRowsThatAreNotUTF8AreRejected() throws {
  let text = try String(contentsOfFile: sourceFixture("gdelt/20150218.export.CSV"), encoding: .utf8)
  let row = try #require(text.split(separator: "\n").first)
  func variant(_ id: String, _ from: String, _ to: [UInt8]) -> [UInt8] {
    let parts = String(row).replacingOccurrences(of: "410412347", with: id).components(separatedBy: from)
    return Array(parts[0].utf8) + to + Array(parts[1].utf8) + [0x0A]
  }
  var bytes = Array(row.utf8) + [0x0A]
  bytes += variant("410412348", "USA NAME", Array("USA N\u{E9}ME".utf8))
  bytes += variant("410412349", "RUS NAME", [0x52, 0x55, 0x53, 0x20, 0xFF] + Array("NAME".utf8))
  bytes += variant("410412350", "a,b", Array("a,b".utf8) + [0xC3])
  let path = try Fixtures.temporaryDirectory("gdelt-utf8").appendingPathComponent("20150218.export.CSV").path
  try Data(bytes).write(to: URL(fileURLWithPath: path))
  let outcome = try readAll([path])
  #expect(outcome.events.map(\.eventID) == ["410412347", "410412348"])
  #expect(outcome.rejects.map(\.line) == [3, 4])
  #expect(outcome.rejects.map(\.reason) == ["invalid UTF-8", "invalid UTF-8"])
}

@Test func aFolderOrAGlobIsItsFilesInNameOrder() throws {
  let dir = Fixtures.url("gdelt").path
  let folder = try InputList.expand([dir])
  #expect(
    folder.map { ($0 as NSString).lastPathComponent } == [
      "20120101.export.CSV", "20150218.export.CSV", "20150218000000.export.CSV", "bad-rows.export.CSV",
    ])
  let glob = try InputList.expand([dir + "/2015*.export.CSV"])
  #expect(glob.map { ($0 as NSString).lastPathComponent } == ["20150218.export.CSV", "20150218000000.export.CSV"])
  #expect(throws: EventReadError.self) { try InputList.expand([dir + "/1999*.zip"]) }
}

@Test func aFileOfAnotherSourceNamesTheFormatToUse() throws {
  var reader = EventReader(inputs: [sourceFixture("polecat/weekly.txt")], policy: .reject)
  reader.expectedSource = .icews
  #expect {
    _ = try reader.read(onReject: { _ in }, onEvent: { _ in })
  } throws: { error in
    (error as? EventReadError)?.reason.contains("use input.format: polecat") == true
  }
}
