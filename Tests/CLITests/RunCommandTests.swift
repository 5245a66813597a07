import FixtureSupport
import Foundation
import Testing

/// `icews run` of the sensors fixture into a fresh folder (three splits, two groups).
func runSensors() throws -> URL {
  let out = try Fixtures.temporaryDirectory("cli-run")
  let result = try runIcews([
    "run", Fixtures.url("shards/sensors.yaml").path, "--input", Fixtures.url("shards/sensors.csv").path, "--out",
    out.path,
  ])
  #expect(result.status == 0, "\(result.stderr)")
  return out
}

@Suite struct RunCommandTests {
  @Test func runWritesShardsManifestAndRejectsAndSummarizes() throws {
    let out = try runSensors()
    for name in [
      "manifest.json", "rejects.tsv", "train/shard-00000.icws", "valid/shard-00000.icws", "test/shard-00000.icws",
    ] {
      #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(name).path), "\(name) missing")
    }
    let again = try runIcews([
      "run", Fixtures.url("shards/sensors.yaml").path, "--input", Fixtures.url("shards/sensors.csv").path, "--out",
      out.path,
    ])
    #expect(again.status == 0)
    #expect(again.stderr.contains("icews run: sensors"))
    #expect(again.stderr.contains("windows"))
    #expect(!again.stderr.contains("\u{1B}["), "no progress bar when stderr is not a terminal")
  }

  @Test func badInputExitsOneAndUsageErrorsExitTwo() throws {
    let out = try Fixtures.temporaryDirectory("cli-run-bad")
    let missing = try runIcews([
      "run", Fixtures.url("shards/sensors.yaml").path, "--input", "/nonexistent.csv", "--out", out.path,
    ])
    #expect(missing.status == 1)
    #expect(missing.stderr.contains("/nonexistent.csv"))
    let usage = try runIcews(["run", Fixtures.url("shards/sensors.yaml").path, "--out", out.path])
    #expect(usage.status == 2)
    let help = try runIcews(["run", "--help"])
    #expect(help.status == 0)
    #expect(String(decoding: help.stdout, as: UTF8.self).contains("Examples"))
  }
}
