@testable import Frames
import FixtureSupport
import Foundation
import Testing

/// Issue 12: a read-only output folder was met with "set TMPDIR", which does not choose that folder.
@Test func aSpillFileThatCannotBeMadeInTheOutputFolderSaysSoWithoutTMPDIR() throws {
  let folder = try Fixtures.temporaryDirectory("spill").appendingPathComponent("missing-subfolder")
  let error = try #require(throws: FrameError.self) { try SpillWriter(directory: folder) }
  #expect(error.code == .spillFailed && error.context == folder.path)
  #expect(error.message.contains("No such file or directory"), "\(error)")
  #expect(error.message.contains("choose another --out"), "\(error)")
  #expect(!error.message.contains("TMPDIR"), "\(error)")
}
