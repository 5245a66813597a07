@testable import EventData
import FixtureSupport
import Foundation
import Testing

/// classic.tab's header and first data row, then `long` (a line of `count` bytes), then its second row.
private func fileWithLongLine(_ count: Int, name: String) throws -> String {
  let rows = try String(contentsOfFile: fixture("classic.tab"), encoding: .utf8).split(separator: "\n")
  let text = rows[0] + "\n" + rows[1] + "\n" + String(repeating: "x", count: count) + "\n" + rows[2] + "\n"
  let path = try Fixtures.temporaryDirectory("long-line").appendingPathComponent(name).path
  try text.write(toFile: path, atomically: false, encoding: .utf8)
  return path
}

/// Issue 12: a 200 MB line took 1.1 GB; now a line past `EventReader.maxLineBytes` stops the read
/// naming file and line, whatever the chunk size, before the reader holds much more than the limit.
@Test(arguments: [1 << 16, 4 << 20])
func aLineLongerThanTheLimitStopsTheReadNamingItsLine(chunkSize: Int) throws {
  let path = try fileWithLongLine(3 << 20, name: "long.tab")
  let error = try #require(throws: EventReadError.self) { try readAll([path], chunkSize: chunkSize) }
  #expect(error.code == .lineTooLong)
  #expect(error.file == path && error.line == 3)
  #expect(error.description.hasPrefix("\(path):3: this line is longer than 1 MiB"), "\(error)")
}

@Test func aLineOfExactlyTheLimitIsARejectedRowNotAnError() throws {
  let path = try fileWithLongLine(EventReader.maxLineBytes, name: "limit.tab")
  let outcome = try readAll([path])
  #expect(outcome.events.count == 2)
  #expect(outcome.rejects.map(\.line) == [3])
}

/// It used to say "empty file: no ICEWS header".
@Test func aFirstLineOverTheLimitIsNamedAsSuchNotAsAnEmptyFile() throws {
  let path = try Fixtures.temporaryDirectory("long-first").appendingPathComponent("one-line.tab").path
  try String(repeating: "y", count: 2 << 20).write(toFile: path, atomically: false, encoding: .utf8)
  let error = try #require(throws: EventReadError.self) { try readAll([path]) }
  #expect(error.code == .lineTooLong && error.line == 1)
  #expect(!error.description.contains("empty file"))
}

@Test func aLongBadValueIsQuotedShortInTheRejectReason() throws {
  let rows = try String(contentsOfFile: fixture("classic.tab"), encoding: .utf8).split(separator: "\n")
  var fields = rows[1].split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
  let header = rows[0].split(separator: "\t").map(String.init)
  let dateColumn = try #require(header.firstIndex(of: "Event Date"))
  fields[dateColumn] = String(repeating: "9", count: 100_000)
  let path = try Fixtures.temporaryDirectory("long-value").appendingPathComponent("v.tab").path
  let text = "\(rows[0])\n\(fields.joined(separator: "\t"))\n"
  try text.write(toFile: path, atomically: false, encoding: .utf8)
  let reason = try #require(try readAll([path]).rejects.first?.reason)
  #expect(reason.count < 200, "\(reason.prefix(300))")
  #expect(reason.hasPrefix("bad Event Date (expected YYYY-MM-DD): '9999"))
  #expect(reason.hasSuffix("…' (100000 characters)"))
  let failed = try #require(throws: EventReadError.self) { try readAll([path], policy: .fail) }
  #expect(failed.description.count < 300)
}
