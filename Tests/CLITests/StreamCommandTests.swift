import EventData
import FixtureSupport
import Foundation
import Frames
import Shards
import Support
import Testing
import Transforms

/// `icews stream` end to end: real shards in, concatenated .npy arrays out.
@Suite struct StreamCommandTests {
  /// 10 windows of 3×2 in shards of 4 and blocks of 3; window g holds g + f/1000, key (g / 4, g).
  static func writeShards() throws -> URL {
    let directory = try Fixtures.temporaryDirectory("stream")
    let settings = ShardSettings(dtype: .float32, zstdLevel: 1, maxShardBytes: 4 * 6 * 4, blockWindows: 3)
    let writer = try ShardDatasetWriter(directory: directory, windowLength: 3, featureCount: 2, settings: settings)
    for id in 0..<10 {
      let window = (0..<6).map { Float(id) + Float($0 % 2) / 1000 }
      try window.withUnsafeBufferPointer {
        try writer.append($0, key: WindowKey(group: id / 4, startDay: id), split: .train)
      }
    }
    try writer.commit(
      ShardManifest(
        pipeline: EmbeddedPipeline(name: "stream-test", inputFormat: "frames-csv", source: "", canonical: ""),
        featureNames: ["a", "b"], vocabularies: FrameVocabularies(),
        normalization: NormalizationStatistics(
          method: .none, frameCount: 0, mean: [0, 0], std: [1, 1], min: [0, 0], max: [1, 1]),
        transforms: TransformSettings(normalize: .none, window: WindowSettings(length: 3, stride: 1)),
        shardSettings: settings, groups: ["g0", "g1", "g2"], calendarStart: Day(index: 0), dayCount: 13,
        rows: RowCounts(), frozen: false))
    return directory
  }

  /// Splits a stream into (dtype, shape, payload) arrays with the toolkit's own header parser.
  static func arrays(_ data: Data) throws -> [(NPYFormat.DType, [Int], Data)] {
    var out: [(NPYFormat.DType, [Int], Data)] = []
    var offset = 0
    let bytes = [UInt8](data)
    while offset < bytes.count {
      let header = try #require(NPYFormat.parseHeader(Array(bytes[offset..<min(bytes.count, offset + 4096)])))
      let length = header.shape.reduce(1, *) * header.dtype.byteCount
      let start = offset + header.payloadOffset
      try #require(start + length <= bytes.count)
      out.append((header.dtype, header.shape, Data(bytes[start..<start + length])))
      offset = start + length
    }
    return out
  }

  @Test func streamsBatchesAndKeysInExportOrder() throws {
    let directory = try Self.writeShards()
    defer { try? FileManager.default.removeItem(at: directory) }
    let result = try runIcews(["stream", directory.path, "--split", "train", "--batch", "4", "--keys"])
    #expect(result.status == 0, "\(result.stderr)")
    let arrays = try Self.arrays(result.stdout)
    #expect(arrays.map(\.1) == [[4, 3, 2], [4, 2], [4, 3, 2], [4, 2], [2, 3, 2], [2, 2]])
    #expect(arrays.map(\.0) == [.float32, .int64, .float32, .int64, .float32, .int64])
    let firstValues = arrays[2].2.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
    #expect(firstValues.prefix(6) == [4, 4.001, 4, 4.001, 4, 4.001])
    let keys = arrays[5].2.withUnsafeBytes { Array($0.bindMemory(to: Int64.self)) }
    #expect(keys == [2, 8, 2, 9])
  }

  @Test func startBatchResumesTheShuffledStreamExactly() throws {
    let directory = try Self.writeShards()
    defer { try? FileManager.default.removeItem(at: directory) }
    let common = ["stream", directory.path, "--batch", "3", "--shuffle", "--seed", "7", "--epoch", "1"]
    let full = try Self.arrays(try runIcews(common).stdout)
    let tail = try Self.arrays(try runIcews(common + ["--start-batch", "2"]).stdout)
    #expect(full.count == 4)
    #expect(tail.map(\.2) == full.dropFirst(2).map(\.2))
    let ids = full.flatMap { $0.2.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) } }.enumerated()
      .filter { $0.offset % 6 == 0 }.map { Int($0.element) }
    #expect(ids.sorted() == Array(0..<10))
    #expect(ids != Array(0..<10))
  }

  @Test func ranksTogetherStreamEveryWindowOnce() throws {
    let directory = try Self.writeShards()
    defer { try? FileManager.default.removeItem(at: directory) }
    var ids: [Int64] = []
    for rank in 0..<3 {
      let result = try runIcews([
        "stream", directory.path, "--batch", "2", "--shuffle", "--rank", "\(rank)", "--world-size", "3", "--keys",
      ])
      for (dtype, _, payload) in try Self.arrays(result.stdout) where dtype == .int64 {
        ids += payload.withUnsafeBytes { Array($0.bindMemory(to: Int64.self)) }.enumerated()
          .filter { $0.offset % 2 == 1 }.map(\.element)
      }
    }
    #expect(ids.sorted() == Array(0..<10))
  }

  @Test func aCorruptShardExitsOneNamingShardAndBlock() throws {
    let directory = try Self.writeShards()
    defer { try? FileManager.default.removeItem(at: directory) }
    let url = directory.appendingPathComponent("train/shard-00001.icws")
    var bytes = try Data(contentsOf: url)
    bytes[40] ^= 0xFF
    try bytes.write(to: url)
    let result = try runIcews(["stream", directory.path, "--batch", "2"])
    #expect(result.status == 1)
    #expect(result.stderr.contains("train/shard-00001.icws"))
    #expect(result.stderr.contains("block 0"))
  }

  @Test func helpShowsAnExampleAndBadUsageExitsTwo() throws {
    let help = try runIcews(["stream", "--help"])
    #expect(String(decoding: help.stdout, as: UTF8.self).contains("icews stream out/ --split train --batch 64"))
    let bad = try runIcews(["stream", "/nonexistent", "--batch", "4", "--rank", "3", "--world-size", "2"])
    #expect(bad.status == 2)
  }
}
