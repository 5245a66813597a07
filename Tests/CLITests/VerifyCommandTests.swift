import FixtureSupport
import Foundation
import Testing

@Suite struct VerifyCommandTests {
  @Test func verifyPassesIntactShardsAndNamesTheDamagedShardAndBlock() throws {
    let out = try runSensors()
    let ok = try runIcews(["verify", out.path])
    #expect(ok.status == 0, "\(ok.stderr)")
    #expect(String(decoding: ok.stdout, as: UTF8.self).hasPrefix("ok:"))

    let shard = out.appendingPathComponent("train/shard-00000.icws")
    var bytes = try Data(contentsOf: shard)
    bytes[32 + 16 + 4] ^= 0xFF  // inside block 0's compressed bytes
    try bytes.write(to: shard)
    let bad = try runIcews(["verify", out.path])
    #expect(bad.status == 1)
    #expect(bad.stderr.contains("train/shard-00000.icws, block 0"), "\(bad.stderr)")

    try bytes.prefix(bytes.count / 2).write(to: shard)
    let truncated = try runIcews(["verify", out.path])
    #expect(truncated.status == 1)
    #expect(
      truncated.stderr.contains("train/shard-00000.icws") && truncated.stderr.contains("truncated"),
      "\(truncated.stderr)")
  }
}
