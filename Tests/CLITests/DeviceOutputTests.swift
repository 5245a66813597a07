import FixtureSupport
import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Output paths that are devices or pipes (/dev/null, /dev/stdout, a FIFO) are written in place.
/// Foundation's atomic writes rename a temporary over the path, which once turned this machine's
/// /dev/null into a regular file (`icews synth -o /dev/null`). A FIFO stands in for the device here.
@Suite struct DeviceOutputTests {
  /// Runs `arguments` with `fifo` as an output path while a reader drains it; returns what it read.
  private func drained(_ fifo: URL, running arguments: [String]) throws -> (status: Int32, read: Data) {
    let reader = Process()
    reader.executableURL = URL(fileURLWithPath: "/bin/cat")
    reader.arguments = [fifo.path]
    let pipe = Pipe()
    reader.standardOutput = pipe
    try reader.run()
    let run = try runIcews(arguments)
    let read = pipe.fileHandleForReading.readDataToEndOfFile()
    reader.waitUntilExit()
    return (run.status, read)
  }

  private func isFIFO(_ url: URL) -> Bool {
    var info = stat()
    return stat(url.path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFIFO
  }

  @Test func synthAndItsEpisodesFileWriteIntoAFIFOAndLeaveItAFIFO() throws {
    let dir = try Fixtures.temporaryDirectory("fifo-out")
    let fifo = dir.appendingPathComponent("out.fifo")
    try #require(mkfifo(fifo.path, 0o600) == 0)
    let dump = try drained(fifo, running: ["synth", "--rows", "500", "--days", "30", "-o", fifo.path])
    #expect(dump.status == 0)
    #expect(String(decoding: dump.read, as: UTF8.self).hasPrefix("Event ID\tEvent Date"))
    #expect(dump.read.split(separator: 0x0A).count == 501)
    #expect(isFIFO(fifo))

    let plain = dir.appendingPathComponent("events.tsv")
    let episodes = try drained(
      fifo, running: ["synth", "--rows", "500", "--days", "800", "--episodes", fifo.path, "-o", plain.path])
    #expect(episodes.status == 0)
    #expect(String(decoding: episodes.read, as: UTF8.self).hasPrefix("country\t"))
    #expect(isFIFO(fifo))
  }
}
