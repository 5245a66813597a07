import FixtureSupport
import Foundation
import Testing

/// Command-line numbers that once overflowed or asked for impossible allocations: each is a usage error
/// (exit 2) or an input error (exit 1) with a message naming the option and its range, never a trap.
@Suite struct CommandLineLimitsTests {
  @Test(
    "stream's --batch, --prefetch and --shuffle-buffer out of range are usage errors naming the range",
    arguments: [
      (["--batch", "9223372036854775807"], "--batch must be 1…"), (["--batch", "-1"], "--batch must be 1…"),
      (["--batch", "8", "--prefetch", "1000000000000"], "--prefetch must be 0…"),
      (["--batch", "8", "--shuffle-buffer", "9223372036854775807"], "--shuffle-buffer must be 0…"),
    ])
  func streamLimits(arguments: [String], message: String) throws {
    let shards = try StreamCommandTests.writeShards()
    let run = try runIcews(["stream", shards.path] + arguments)
    #expect(run.status == 2, "\(run.stderr)")
    #expect(run.stderr.contains(message), "\(run.stderr)")
    #expect(run.stdout.isEmpty)
  }

  @Test("synth --days beyond the calendar is a usage error, not an allocation abort")
  func synthDays() throws {
    let out = try Fixtures.temporaryDirectory("synth-days").appendingPathComponent("d.tsv")
    let run = try runIcews(["synth", "--rows", "10", "--days", "9223372036854775807", "-o", out.path])
    #expect(run.status == 2 && run.stderr.contains("--days must be 1…"), "\(run.stderr)")
  }

  @Test("train --hidden 100000 is refused with the model's size and the limit")
  func trainHidden() throws {
    let shards = try StreamCommandTests.writeShards()
    let model = try Fixtures.temporaryDirectory("train-hidden").appendingPathComponent("m.safetensors")
    let run = try runIcews(["train", shards.path, "--hidden", "100000", "--max-steps", "1", "-o", model.path])
    #expect(run.status == 1, "\(run.stderr)")
    #expect(run.stderr.contains("hidden 100000") && run.stderr.contains("limit"), "\(run.stderr)")
    #expect(!FileManager.default.fileExists(atPath: model.path))
  }
}
