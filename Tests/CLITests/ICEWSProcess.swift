import FixtureSupport
import Foundation

/// What one run of the built `icews` binary left behind: its exit status and both output streams.
struct ICEWSRun {
  let status: Int32
  let stdout: Data
  let stderr: String

  var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
}

/// Runs the built `icews` binary with stdout and stderr captured through files (no pipe deadlock).
/// `environment` entries are added to (or replace) this process's environment; `unsetting` names are removed.
func runIcews(
  _ arguments: [String], stdin: URL? = nil, environment: [String: String] = [:], unsetting: [String] = []
) throws -> ICEWSRun {
  let dir = try Fixtures.temporaryDirectory("cli-io")
  let outURL = dir.appendingPathComponent("stdout")
  let errURL = dir.appendingPathComponent("stderr")
  _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
  _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
  let process = Process()
  process.executableURL = Fixtures.icewsExecutable
  process.arguments = arguments
  if !environment.isEmpty || !unsetting.isEmpty {
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
      .filter { !unsetting.contains($0.key) }
  }
  process.standardOutput = try FileHandle(forWritingTo: outURL)
  process.standardError = try FileHandle(forWritingTo: errURL)
  if let stdin { process.standardInput = try FileHandle(forReadingFrom: stdin) }
  try process.run()
  process.waitUntilExit()
  defer { try? FileManager.default.removeItem(at: dir) }
  return ICEWSRun(
    status: process.terminationStatus, stdout: try Data(contentsOf: outURL),
    stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
}
