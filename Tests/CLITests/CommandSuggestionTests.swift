import FixtureSupport
import Foundation
import Testing

@Suite struct CommandSuggestionTests {
  @Test(
    "a mistyped subcommand gets a suggestion and the command list within 80 columns, exit 2",
    arguments: [("trian", "'train'"), ("scor", "'score'"), ("Stream", "'stream'"), ("inpsect", "'inspect'")])
  func suggestion(typed: String, suggested: String) throws {
    let run = try runIcews([typed, "x"])
    #expect(run.status == 2)
    #expect(run.stderr.contains("'\(typed)' is not an icews command. Did you mean \(suggested)?"), "\(run.stderr)")
    #expect(run.stderr.contains("reconstruct"))
    #expect(run.stderr.split(separator: "\n").allSatisfy { $0.count <= 80 }, "\(run.stderr)")
  }

  @Test("a word close to no subcommand lists the commands without a guess; real subcommands are untouched")
  func noGuess() throws {
    let run = try runIcews(["xyzzy"])
    #expect(run.status == 2 && run.stderr.contains("not an icews command") && !run.stderr.contains("Did you mean"))
    let help = try runIcews(["train", "--help"])
    #expect(help.status == 0 && help.stdoutText.contains("USAGE"))
  }

  @Test("icews stream refuses to write binary batches to a terminal")
  func streamToTerminal() throws {
    let shards = try StreamCommandTests.writeShards()
    // script(1) gives the command a pseudo-terminal as stdout
    let command = "'\(Fixtures.icewsExecutable.path)' stream '\(shards.path)' --batch 4"
    let run = try runProgram("/usr/bin/script", ["-qec", command, "/dev/null"])
    #expect(run.status == 2, "\(run.output)")
    #expect(run.output.contains("not text for a terminal") && !run.output.contains("NUMPY"), "\(run.output)")
  }

  /// Runs a program with stdout and stderr captured together.
  func runProgram(_ path: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }
}
