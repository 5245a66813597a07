import FixtureSupport
import Foundation
import Shards
import Testing
import Transforms

@Suite struct ShardCorruptionTests {
  let settings = ShardSettings(dtype: .float32, zstdLevel: 3, maxShardBytes: 64 << 20, blockWindows: 5)

  /// A one-shard train split of 40 windows in 8 blocks; returns the dataset directory and the shard URL.
  func writeOneShard() throws -> (URL, URL) {
    var sample = SampleWindows(count: 40, length: 14, features: 5, seed: 11)
    sample.splits = Array(repeating: .train, count: 40)
    let dir = try Fixtures.temporaryDirectory("corrupt")
    try writeSample(sample, to: dir, settings: settings)
    return (dir, dir.appendingPathComponent("train/shard-00000.icws"))
  }

  @Test func aFlippedByteInsideABlockIsReportedWithShardAndBlock() throws {
    let (dir, url) = try writeOneShard()
    let reader = try ShardReader(url: url)
    #expect(reader.blockCount == 8)
    // Flip a byte in the middle of block 3's compressed bytes.
    let blockStart = 32 + (0..<3).reduce(0) { $0 + reader.blockByteCount($1) }
    var bytes = try Data(contentsOf: url)
    bytes[blockStart + 16 + reader.blockByteCount(3) / 2] ^= 0x40
    try bytes.write(to: url)

    let damaged = try ShardReader(url: url, name: "train/shard-00000.icws")
    var buffer: [Float] = []
    #expect(throws: Never.self) { try damaged.readBlock(2, into: &buffer) }
    let error = try #require(throws: ShardError.self) { try damaged.readBlock(3, into: &buffer) }
    #expect(error.code == .checksumMismatch)
    #expect(error.shard == "train/shard-00000.icws")
    #expect(error.block == 3)
    #expect(error.description.contains("train/shard-00000.icws, block 3"))

    let verifyError = try #require(throws: ShardError.self) { try ShardDataset.open(dir).verify() }
    #expect(verifyError.shard == "train/shard-00000.icws")
    #expect(verifyError.block == 3)
  }

  @Test func aTruncatedFileNamesTheFirstIncompleteBlock() throws {
    let (dir, url) = try writeOneShard()
    let reader = try ShardReader(url: url)
    let cut = 32 + (0..<5).reduce(0) { $0 + reader.blockByteCount($1) } + 10
    let bytes = try Data(contentsOf: url)
    try bytes.prefix(cut).write(to: url)
    let error = try #require(throws: ShardError.self) { try ShardReader(url: url, name: "train/shard-00000.icws") }
    #expect(error.code == .truncated)
    #expect(error.shard == "train/shard-00000.icws")
    #expect(error.block == 5)
    let verifyError = try #require(throws: ShardError.self) { try ShardDataset.open(dir).verify() }
    #expect(verifyError.code == .truncated)
    #expect(verifyError.block == 5)
  }

  @Test func aDamagedFooterIsDetected() throws {
    let (_, url) = try writeOneShard()
    var bytes = try Data(contentsOf: url)
    bytes[bytes.count - 40] ^= 0x01
    try bytes.write(to: url)
    let error = try #require(throws: ShardError.self) { try ShardReader(url: url) }
    #expect(error.code == .checksumMismatch)
  }

  @Test func aDirectoryWithoutManifestIsNotADataset() throws {
    let dir = try Fixtures.temporaryDirectory("empty")
    let error = try #require(throws: ShardError.self) { try ShardDataset.open(dir) }
    #expect(error.code == .missingManifest)
  }
}
