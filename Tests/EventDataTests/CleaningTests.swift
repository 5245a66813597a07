import EventData
import FixtureSupport
import Foundation
import Synth
import Testing
import Support

@Test func everyKindOfBadRowIsRejectedWithLineAndReason() throws {
  let outcome = try readAll([fixture("bad-rows.tab")])
  let file = fixture("bad-rows.tab")
  let got = outcome.rejects.map { "\($0.line) \($0.reason)" }
  #expect(
    got == [
      "3 wrong field count: expected 20, found 19",
      "4 bad Event Date (expected YYYY-MM-DD): '1995-02-30'",
      "5 unknown CAMEO Code: '999'",
      "6 non-numeric Intensity: 'high'",
      "7 Intensity out of range -10...10: '12'",
      "8 non-numeric Latitude: 'north'",
      "10 invalid UTF-8",
      "12 non-numeric Longitude: '1e5'",
      "13 bad Event Date (expected YYYY-MM-DD): '01/02/1995'",
    ])
  #expect(outcome.rejects.allSatisfy { $0.file == file })
  #expect(outcome.events.map(\.eventID) == ["1001", "1010", "1013"])
  #expect(outcome.summary == RowCounts(read: 12, rejected: 9, duplicates: 0))
  // The raw text is the line as it was (invalid bytes shown as U+FFFD).
  #expect(outcome.rejects[0].raw.hasPrefix("1002\tEvent Date\t"))
  #expect(outcome.rejects[6].raw.contains("Caf\u{FFFD}\t"))
}

@Test func failPolicyStopsAtTheFirstBadRow() throws {
  var delivered: [String] = []
  let reader = EventReader(inputs: [fixture("bad-rows.tab")], policy: .fail)
  #expect {
    _ = try reader.read(onReject: { _ in }, onEvent: { delivered.append($0.eventID) })
  } throws: { error in
    (error as? EventReadError)?.description
      == "\(fixture("bad-rows.tab")):3: wrong field count: expected 20, found 19"
  }
  #expect(delivered == ["1001"])
}

@Test func unterminatedQuoteIsARejectInQuotedLayouts() throws {
  let dir = try Fixtures.temporaryDirectory("quote")
  let url = dir.appendingPathComponent("quoted.tab")
  let text = try String(contentsOf: Fixtures.url("icews/dataverse-quoted.tab"), encoding: .utf8)
  var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
  lines[2] = lines[2].replacingOccurrences(of: "\"Government\"", with: "\"Government")
  try lines.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
  let outcome = try readAll([url.path])
  #expect(outcome.rejects.map(\.line) == [3])
  #expect(outcome.rejects.first?.reason == "unterminated quoted field")
  #expect(outcome.events.count == 5)
}

@Test func duplicateKeysAreDroppedKeepingTheFirst() throws {
  let outcome = try readAll([fixture("duplicates.tab")])
  let classic = try readAll([fixture("classic.tab")])
  #expect(outcome.events == classic.events)
  #expect(outcome.summary == RowCounts(read: 9, rejected: 0, duplicates: 3))
  // Same Event ID on another date is a different event.
  #expect(outcome.events.filter { $0.eventID == "926685" }.map(\.date.iso) == ["1995-01-01", "1995-01-03"])
}

@Test func rejectsFileEscapesAndAlwaysHasAHeader() throws {
  let dir = try Fixtures.temporaryDirectory("rejects")
  let empty = dir.appendingPathComponent("empty.tsv")
  try RejectsFile(url: empty).close()
  #expect(try String(contentsOf: empty, encoding: .utf8) == "file\tline\treason\traw\n")

  let url = dir.appendingPathComponent("rejects.tsv")
  let file = try RejectsFile(url: url)
  let row = RejectedRow(file: "a.tab", line: 7, reason: "bad", raw: "x\ty\\z\nw")
  try file.append(row)
  try file.close()
  let text = try String(contentsOf: url, encoding: .utf8)
  #expect(text == "file\tline\treason\traw\na.tab\t7\tbad\tx\\ty\\\\z\\nw\n")
  let raw = text.split(separator: "\n")[1].split(separator: "\t")[3]
  #expect(RejectsFile.unescape(String(raw)) == row.raw)
}

@Test func missingValuesAndUnrecoverableTextAreRejected() throws {
  let dir = try Fixtures.temporaryDirectory("missing")
  let url = dir.appendingPathComponent("rerelease.tab")
  let text = try String(contentsOf: Fixtures.url("icews/rerelease-2017.tab"), encoding: .utf8)
  var lines = text.split(separator: "\n").map(String.init)
  func replacingField(_ line: String, _ index: Int, with value: String) -> String {
    var fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
    fields[index] = value
    return fields.joined(separator: "\t")
  }
  // Columns of this layout: 0 Event ID, 1 Event Date, 5 Event Text, 6 Intensity.
  lines[1] = replacingField(lines[1], 0, with: "NULL")
  lines[2] = replacingField(lines[2], 5, with: "Employ precision-guided aerial munitions")
  lines[3] = replacingField(lines[3], 6, with: "")
  lines[4] = replacingField(lines[4], 1, with: "13/1/1995")
  lines[5] = replacingField(lines[5], 5, with: "NULL")
  try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
  let outcome = try readAll([url.path])
  #expect(
    outcome.rejects.map { "\($0.line) \($0.reason)" } == [
      "2 missing Event ID",
      "3 unknown Event Text (no CAMEO Code to recover): 'Employ precision-guided aerial munitions'",
      "4 missing Intensity",
      "5 bad Event Date (expected M/D/YYYY): '13/1/1995'",
      "6 missing CAMEO Code and Event Text",
    ])
  #expect(outcome.events.count == 1)
}

@Test func emptyFilesAndArchivesWithoutEventsAreErrors() throws {
  let dir = try Fixtures.temporaryDirectory("empty")
  let empty = dir.appendingPathComponent("empty.tab")
  try Data().write(to: empty)
  #expect {
    try readAll([empty.path])
  } throws: { error in
    (error as? EventReadError)?.description == "\(empty.path): empty file: no ICEWS header"
  }
  let headerOnly = dir.appendingPathComponent("header.tab")
  try (SyntheticDump.header + "\n").write(to: headerOnly, atomically: true, encoding: .utf8)
  #expect(try readAll([headerOnly.path]).summary == RowCounts())

  let readme = dir.appendingPathComponent("README.txt")
  try "hello\n".write(to: readme, atomically: true, encoding: .utf8)
  let zip = dir.appendingPathComponent("docs.zip")
  let make = Process()
  make.executableURL = URL(fileURLWithPath: "/usr/bin/zip")
  make.arguments = ["-q", "-j", zip.path, readme.path]
  try make.run()
  make.waitUntilExit()
  #expect {
    try readAll([zip.path])
  } throws: { error in
    (error as? EventReadError)?.description == "\(zip.path): zip archive holds no ICEWS event file"
  }
}

@Test func duplicateKeysCompareEventIDsAsTextWhateverTheirForm() throws {
  let dir = try Fixtures.temporaryDirectory("keys")
  let url = dir.appendingPathComponent("keys.tab")
  let lines = try String(contentsOf: Fixtures.url("icews/classic.tab"), encoding: .utf8)
    .split(separator: "\n").map(String.init)
  let template = lines[1]  // Event ID 926685, 1995-01-01
  func row(_ id: String, _ date: String = "1995-01-01") -> String {
    template.replacingOccurrences(of: "926685\t1995-01-01", with: "\(id)\t\(date)")
  }
  let rows = [
    row("4294967296"), row("4294967296"),  // beyond 32 bits: duplicate
    row("123"), row("00123"), row("0123"), row("00123"),  // leading zeros are different IDs
    row("A-17"), row("A-17"), row("A-17", "1995-01-02"),  // non-numeric IDs
    row("99999999999999999999"), row("99999999999999999999"),  // beyond 64 bits
    row("7"), row("7", "1995-01-02"), row("7"),
  ]
  try ([lines[0]] + rows).joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
  let outcome = try readAll([url.path])
  #expect(
    outcome.events.map { "\($0.eventID) \($0.date.iso)" } == [
      "4294967296 1995-01-01", "123 1995-01-01", "00123 1995-01-01", "0123 1995-01-01",
      "A-17 1995-01-01", "A-17 1995-01-02", "99999999999999999999 1995-01-01", "7 1995-01-01",
      "7 1995-01-02",
    ])
  #expect(outcome.summary == RowCounts(read: 14, rejected: 0, duplicates: 5))
}

@Test func anImplausibleEventDateIsRejectedNotStretchingTheCalendar() throws {
  let dir = try Fixtures.temporaryDirectory("far-date")
  let url = dir.appendingPathComponent("far.tab")
  let text = try String(contentsOf: Fixtures.url("icews/classic.tab"), encoding: .utf8)
  var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
  lines[2] = lines[2].replacingOccurrences(of: "\t1995-01-01\t", with: "\t9999-12-31\t")
  lines[3] = lines[3].replacingOccurrences(of: "\t1995-01-01\t", with: "\t0001-01-01\t")
  try lines.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
  let outcome = try readAll([url.path])
  #expect(outcome.rejects.map(\.line) == [3, 4])
  #expect(outcome.rejects.first?.reason == "Event Date out of range 1900-01-01...2099-12-31: '9999-12-31'")
  #expect(outcome.events.count == 4)
  #expect(outcome.events.allSatisfy { $0.date.iso.hasPrefix("1995-") })
}
