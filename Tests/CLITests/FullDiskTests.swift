import FixtureSupport
import Foundation
import Testing

/// Issue 12: frames written to a full filesystem crashed 3 times in 7 and left `frames.npy.partial`.
/// A 2 MiB tmpfs is the full disk (mounting needs root, as CI has).
@Test(.enabled(if: getuid() == 0, "mounting a small tmpfs needs root"))
func framesOnAFullDiskFailNamingTheFileAndLeaveNoPartialFile() throws {
  let disk = try Fixtures.temporaryDirectory("full-disk")
  func mount(_ arguments: [String]) throws -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/" + arguments[0])
    process.arguments = Array(arguments.dropFirst())
    try process.run()
    process.waitUntilExit()
    return process.terminationStatus
  }
  try #require(try mount(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", disk.path]) == 0)
  defer { _ = try? mount(["umount", disk.path]) }
  for trial in 0..<7 {
    let out = disk.appendingPathComponent("out-\(trial)")
    let run = try runIcews([
      "frames", "--pipeline", Fixtures.root.appendingPathComponent("Pipelines/icews-274.yaml").path,
      "--input", Fixtures.url("sample/icews-sample.tab.gz").path, "--out", out.path,
    ])
    #expect(run.status == 1, "trial \(trial): \(run.stderr)")
    #expect(run.stderr.contains("\(out.path)/frames.npy: write failed (No space left on device)"), "\(run.stderr)")
    let left = try FileManager.default.contentsOfDirectory(atPath: out.path)
    #expect(!left.contains("frames.npy.partial") && !left.contains("frames.npy"), "trial \(trial): \(left)")
    try FileManager.default.removeItem(at: out)
  }
}
