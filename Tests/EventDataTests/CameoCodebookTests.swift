import EventData
import FixtureSupport
import Foundation
import Testing

@Test func codebookHoldsAll312CodesByLength() {
  let entries = CameoCodebook.icews.allEntries
  #expect(entries.count == 312)
  #expect(entries.filter { $0.code.count == 2 }.count == 20)
  #expect(entries.filter { $0.code.count == 3 }.count == 147)
  #expect(entries.filter { $0.code.count == 4 }.count == 145)
  #expect(Set(entries.map(\.code)).count == 312)
}

@Test func codebookMatchesReferenceTablesExactly() throws {
  let codes = try String(contentsOf: Fixtures.url("reference/cameo/cameo_eventcodes.tsv"), encoding: .utf8)
  let goldstein = try String(contentsOf: Fixtures.url("reference/cameo/cameo_goldstein.tsv"), encoding: .utf8)
  var intensity: [String: Double] = [:]
  for line in goldstein.split(separator: "\n").dropFirst() {
    let parts = line.split(separator: "\t")
    intensity[String(parts[0])] = Double(parts[1])
  }
  for line in codes.split(separator: "\n").dropFirst() {
    let parts = line.split(separator: "\t", omittingEmptySubsequences: false)
    let entry = try #require(CameoCodebook.icews.entry(forCode: String(parts[0])))
    #expect(entry.eventText == String(parts[1]))
    #expect(entry.intensity == intensity[String(parts[0])])
  }
}

@Test func rootAndQuadClassFollowTheFirstTwoDigits() throws {
  let book = CameoCodebook.icews
  #expect(book.entry(forCode: "010")?.root == 1)
  #expect(book.entry(forCode: "0214")?.root == 2)
  #expect(book.entry(forCode: "057")?.quadClass == .verbalCooperation)
  #expect(book.entry(forCode: "06")?.quadClass == .materialCooperation)
  #expect(book.entry(forCode: "0874")?.quadClass == .materialCooperation)
  #expect(book.entry(forCode: "09")?.quadClass == .verbalConflict)
  #expect(book.entry(forCode: "139")?.quadClass == .verbalConflict)
  #expect(book.entry(forCode: "14")?.quadClass == .materialConflict)
  #expect(book.entry(forCode: "2042")?.quadClass == .materialConflict)
  #expect(book.entry(forCode: "2042")?.root == 20)
  #expect(
    QuadClass.allCases.map(\.rawValue) == [
      "verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict",
    ])
  for entry in book.allEntries {
    #expect(entry.root == Int(entry.code.prefix(2)))
    #expect((-10...10).contains(entry.intensity))
  }
}

@Test func codesKeepLeadingZeros() {
  #expect(CameoCodebook.icews.entry(forCode: "10")?.eventText == "DEMAND")
  #expect(CameoCodebook.icews.entry(forCode: "010")?.eventText == "Make statement")
  #expect(CameoCodebook.icews.entry(forCode: "0010") == nil)
  #expect(CameoCodebook.icews.entry(forCode: "999") == nil)
  #expect(CameoCodebook.icews.entry(forCode: "1951") == nil)
}

@Test func eventTextRecoversCodesIncludingVariants() {
  let book = CameoCodebook.icews
  // Every code's own ICEWS text recovers it.
  for entry in book.allEntries {
    #expect(book.code(forEventText: entry.eventText) == entry.code)
  }
  // Standard CAMEO labels and ICEWS variants.
  #expect(book.code(forEventText: "Appeal for intelligence cooperation") == "0214")
  #expect(book.code(forEventText: "Apolgize") == "055")
  #expect(book.code(forEventText: "Make empathetic commment") == "018")
  #expect(book.code(forEventText: "Use tactics of violent repression") == "175")
  #expect(book.code(forEventText: "Threaten to use military force") == "138")  // placeholder 138i
  // Where a variant collides with another code's text, the ICEWS text wins.
  #expect(book.code(forEventText: "Reduce or stop material aid") == "162")
  #expect(book.code(forEventText: "Demand release of persons or property") == "1053")
  // Case differences only.
  #expect(book.code(forEventText: "FIGHT WITH SMALL ARMS AND LIGHT WEAPONS") == "193")
  #expect(book.code(forEventText: "Employ precision-guided aerial munitions") == nil)
  #expect(book.code(forEventText: "Not an event") == nil)
}

@Test func rootsHaveTheManualsShortNames() {
  #expect(CameoCodebook.rootNames.count == 20)
  #expect(CameoCodebook.rootLabel(4) == "04 Consult")
  #expect(CameoCodebook.rootLabel(19) == "19 Fight")
  #expect(CameoCodebook.rootLabel(20) == "20 Use unconventional mass violence")
  #expect(CameoCodebook.rootLabel(0) == nil && CameoCodebook.rootLabel(21) == nil)
  // the names agree with the codebook where ICEWS's root text is the manual's
  for root in [4, 7, 8, 10, 13, 17] {
    let code = (root < 10 ? "0" : "") + "\(root)0"
    #expect(CameoCodebook.icews.entry(forCode: code)?.eventText == CameoCodebook.rootNames[root - 1])
  }
}
