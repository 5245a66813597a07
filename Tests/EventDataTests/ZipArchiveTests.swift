import EventData
import FixtureSupport
import Foundation
import Support
import Testing

/// `Fixtures/icews/classic.zip`: README-in-zip.txt, then classic.tab (deflated, 694 → 1,655 bytes) whose
/// central directory record starts at byte 918; the end record is at byte 975.
private let classicRecord = 918

/// classic.zip with the little-endian `value` written over `width` bytes at `offset`, in a fresh folder.
private func patchedClassicZip(_ offset: Int, _ value: UInt64, width: Int = 4) throws -> String {
  var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: fixture("classic.zip"))))
  for i in 0..<width { bytes[offset + i] = UInt8(truncatingIfNeeded: value >> (8 * UInt64(i))) }
  let path = try Fixtures.temporaryDirectory("zip-patch").appendingPathComponent("classic.zip").path
  try Data(bytes).write(to: URL(fileURLWithPath: path))
  return path
}

/// The read of `path` fails with a `.corrupt` error on `file` whose reason contains `reason`.
private func expectCorrupt(_ path: String, file: String, reason: String) {
  #expect {
    try readAll([path])
  } throws: { error in
    guard let error = error as? EventReadError else { return false }
    return error.code == .corrupt && error.file == file && error.description.contains(reason)
  }
}

private func zipTool(_ arguments: [String], in folder: URL) throws {
  let make = Process()
  make.executableURL = URL(fileURLWithPath: "/usr/bin/zip")
  make.currentDirectoryURL = folder
  make.arguments = arguments
  try make.run()
  make.waitUntilExit()
  try #require(make.terminationStatus == 0)
}

/// The fuzz finding that used to hang the reader for good: two flipped bytes in a deflated member, whose
/// stream then never ends (ZIPFoundation kept reading past the end of the file). Read on its own thread
/// so that a hang fails the test instead of the run.
@Test func aZipMemberWhoseDeflateStreamNeverEndsIsAnErrorWithinSeconds() throws {
  let path = Fixtures.url("fuzz/findings/rows-zip-hang.zip").path
  let done = DispatchSemaphore(value: 0)
  nonisolated(unsafe) var failure: (any Error)?
  let started = Date()
  Thread.detachNewThread {
    do { _ = try readAll([path]) } catch { failure = error }
    done.signal()
  }
  try #require(done.wait(timeout: .now() + 10) == .success, "the read of \(path) did not finish in 10 s")
  #expect(Date().timeIntervalSince(started) < 2)
  let error = try #require(failure as? EventReadError)
  #expect(error.code == .corrupt)
  #expect(error.file.hasPrefix(path + "/"), "\(error)")
  #expect(error.description.contains("inflates past its declared size of 1655 bytes"), "\(error)")
}

@Test func storedZip64AndPipedArchivesGiveTheSameEvents() throws {
  let expected = try readAll([fixture("classic.tab")]).events
  let folder = try Fixtures.temporaryDirectory("zip-kinds")
  try FileManager.default.copyItem(atPath: fixture("classic.tab"), toPath: folder.appendingPathComponent("a.tab").path)
  // -0 stores the member; -fz writes ZIP64 records (sizes and offsets in the extra field, ZIP64 end record).
  try zipTool(["-q", "-X", "-0", "stored.zip", "a.tab"], in: folder)
  try zipTool(["-q", "-X", "-fz", "zip64.zip", "a.tab"], in: folder)
  // `zip - -` from a pipe: the member is named `-` and has the FIFO file type
  let piped = Process()
  piped.executableURL = URL(fileURLWithPath: "/bin/sh")
  piped.arguments = ["-c", "cat a.tab | zip -q - - > piped.zip"]
  piped.currentDirectoryURL = folder
  try piped.run()
  piped.waitUntilExit()
  try #require(piped.terminationStatus == 0)
  for name in ["stored.zip", "zip64.zip", "piped.zip"] {
    let outcome = try readAll([folder.appendingPathComponent(name).path])
    #expect(outcome.events == expected, "\(name)")
    #expect(outcome.rejects.isEmpty, "\(name)")
  }
}

@Test func aMemberLongerThanItsDeclaredSizeIsCutOffAndNamed() throws {
  let path = try patchedClassicZip(classicRecord + 24, 1000)
  expectCorrupt(path, file: "\(path)/classic.tab", reason: "inflates past its declared size of 1000 bytes")
}

@Test func aMemberWhoseCRCDiffersIsNamed() throws {
  let path = try patchedClassicZip(classicRecord + 16, 0x1234_5678)
  expectCorrupt(path, file: "\(path)/classic.tab", reason: "CRC-32 does not match")
}

@Test func aMemberCutShortByItsCompressedSizeIsTruncated() throws {
  let path = try patchedClassicZip(classicRecord + 20, 600)
  expectCorrupt(path, file: "\(path)/classic.tab", reason: "deflate data is truncated or corrupt")
}

@Test func sizesAndCountsTheFileCannotHoldAreRefusedBeforeReading() throws {
  let pastTheData = try patchedClassicZip(classicRecord + 20, 100_000)
  expectCorrupt(pastTheData, file: "\(pastTheData)/classic.tab", reason: "run past the archive's data")
  let farOffset = try patchedClassicZip(classicRecord + 42, 0xFFFF_FFF0)
  expectCorrupt(farOffset, file: "\(farOffset)/classic.tab", reason: "outside the archive's data")
  // 65,534 members cannot fit in a 120-byte central directory.
  let manyMembers = try patchedClassicZip(975 + 10, 0xFFFE, width: 2)
  expectCorrupt(manyMembers, file: manyMembers, reason: "65534 members claimed in a central directory of 120 bytes")
  let directoryPastEnd = try patchedClassicZip(975 + 16, 0x7FFF_0000)
  expectCorrupt(directoryPastEnd, file: directoryPastEnd, reason: "is outside the file")
}

@Test func aTruncatedArchiveIsAnErrorNamingIt() throws {
  let data = try Data(contentsOf: URL(fileURLWithPath: fixture("classic.zip")))
  let path = try Fixtures.temporaryDirectory("zip-cut").appendingPathComponent("cut.zip").path
  try data.prefix(700).write(to: URL(fileURLWithPath: path))
  expectCorrupt(path, file: path, reason: "no end of central directory record")
}

/// An archive that failed to open closed its descriptor twice (in init's catch, then again in deinit),
/// so a file another thread had opened in between lost its descriptor: seen in CI as "read failed at byte
/// 785" on a fixture, while corrupt-archive tests ran in parallel. Here corrupt archives fail on one
/// thread while another opens and reads a file; every one of its reads must succeed.
@Test func aCorruptArchiveClosesItsDescriptorOnlyOnce() throws {
  let corrupt = try patchedClassicZip(975, 0)  // the end record's signature wiped
  let plain = fixture("classic.tab")
  let expected = try Data(contentsOf: URL(fileURLWithPath: plain)).count
  let failedReads = LockedValue(0)
  DispatchQueue.concurrentPerform(iterations: 2) { worker in
    for _ in 0..<20000 {
      if worker == 0 {
        _ = try? readAll([corrupt])
        continue
      }
      let fd = open(plain, O_RDONLY)
      var buffer = [UInt8](repeating: 0, count: expected + 1)
      let n = fd < 0 ? -1 : buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress!, expected + 1, 0) }
      if n != expected { failedReads.withLock { $0 += 1 } }
      if fd >= 0 { close(fd) }
    }
  }
  #expect(failedReads.withLock { $0 } == 0)
  expectCorrupt(corrupt, file: corrupt, reason: "no end of central directory record")
}
