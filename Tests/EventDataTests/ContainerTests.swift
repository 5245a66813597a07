import EventData
import FixtureSupport
import Foundation
import Testing
import Support

@Test func everyContainerGivesTheSameEvents() throws {
  let expected = try readAll([fixture("classic.tab")])
  #expect(expected.events.count == 6)
  for name in [
    "classic-gzip.tsv", "classic.tab.zst", "classic.zip", "classic-zst-member.zip", "classic-two-members.gz",
  ] {
    let outcome = try readAll([fixture(name)])
    #expect(outcome.events == expected.events, "\(name)")
    #expect(outcome.rejects.isEmpty, "\(name)")
  }
}

@Test func zipMembersAreLabelledWithTheArchive() throws {
  let dir = try Fixtures.temporaryDirectory("zip")
  let zip = dir.appendingPathComponent("bad.zip")
  let make = Process()
  make.executableURL = URL(fileURLWithPath: "/usr/bin/zip")
  make.currentDirectoryURL = Fixtures.url("icews")
  make.arguments = ["-q", "-X", zip.path, "bad-rows.tab"]
  try make.run()
  make.waitUntilExit()
  try #require(make.terminationStatus == 0)
  let outcome = try readAll([zip.path])
  #expect(outcome.rejects.first?.file == "\(zip.path)/bad-rows.tab")
  #expect(outcome.rejects.first?.line == 3)
}

@Test func filesAreReadInTheGivenOrder() throws {
  let a = try readAll([fixture("classic.tab")]).events
  let b = try readAll([Fixtures.url("reference/icews/events-1995-head.tab").path]).events
  let both = try readAll([fixture("classic.tab"), Fixtures.url("reference/icews/events-1995-head.tab").path])
  // The second file repeats four (Event ID, date) keys of the first: they count as duplicates.
  #expect(both.events == a)
  #expect(both.summary == RowCounts(read: a.count + b.count, rejected: 0, duplicates: 4))
}

@Test func truncatedCompressedFilesAreErrorsNamingTheFile() throws {
  let dir = try Fixtures.temporaryDirectory("truncated")
  for name in ["classic-gzip.tsv", "classic.tab.zst"] {
    let data = try Data(contentsOf: Fixtures.url("icews/\(name)"))
    let cut = dir.appendingPathComponent(name)
    try data.prefix(data.count / 2).write(to: cut)
    #expect {
      try readAll([cut.path])
    } throws: { error in
      let error = error as? EventReadError
      return error?.code == .corrupt && error?.file == cut.path && error?.line == 0
        && error?.description.hasPrefix("\(cut.path): ") == true
    }
  }
}

@Test func aMissingFileIsAnErrorNamingIt() {
  #expect {
    try readAll(["/nonexistent/events.tab"])
  } throws: { error in
    (error as? EventReadError)?.description == "/nonexistent/events.tab: cannot open: No such file or directory"
  }
}

@Test func chunkBoundariesDoNotChangeTheResult() throws {
  let inputs = [fixture("bad-rows.tab"), fixture("duplicates.tab"), fixture("rerelease-2017.tab")]
  let whole = try readAll(inputs)
  for chunkSize in [64, 300, 1000] {
    let chunked = try readAll(inputs, chunkSize: chunkSize)
    #expect(chunked.events == whole.events)
    #expect(chunked.rejects == whole.rejects)
    #expect(chunked.summary == whole.summary)
  }
}

@Suite(.serialized) struct StandardInputTests {
  @Test func standardInputIsReadLikeAFile() throws {
    for name in ["classic.tab", "classic.tab.zst", "classic.zip"] {
      let expected = try readAll([fixture("classic.tab")])
      let outcome = try withStandardInput(from: fixture(name)) { try readAll(["-"]) }
      #expect(outcome.events == expected.events, "\(name)")
    }
  }

  /// Points file descriptor 0 at `path` for the duration of `body`.
  private func withStandardInput<T>(from path: String, _ body: () throws -> T) throws -> T {
    let saved = dup(0)
    let fd = open(path, O_RDONLY)
    try #require(saved >= 0 && fd >= 0)
    dup2(fd, 0)
    close(fd)
    defer {
      dup2(saved, 0)
      close(saved)
    }
    return try body()
  }
}

@Test func crlfLinesAndABareCarriageReturnInsideAFieldReadExactly() throws {
  let dir = try Fixtures.temporaryDirectory("crlf")
  let url = dir.appendingPathComponent("crlf.tab")
  let text = try String(contentsOf: Fixtures.url("icews/classic.tab"), encoding: .utf8)
    .replacingOccurrences(of: "\n", with: "\r\n")
    .replacingOccurrences(of: "Boris Yeltsin", with: "Boris\rYeltsin")
    .replacingOccurrences(of: "\tOntario\tCanada\t", with: "\tOntario\t Canada \t")
  try text.write(to: url, atomically: true, encoding: .utf8)
  var expected = try readAll([fixture("classic.tab")]).events
  expected[3].country = " Canada "  // blanks are data: nothing is trimmed
  let outcome = try readAll([url.path])
  #expect(outcome.rejects.isEmpty)
  #expect(outcome.events == expected)
}
