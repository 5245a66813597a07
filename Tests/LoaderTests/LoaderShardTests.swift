import Foundation
import Testing

@testable import Loader

/// The loader on real shard files written by the Shards writer.
@Suite struct LoaderShardTests {

  static func ids(_ directory: URL, _ options: LoaderOptions, resume: LoaderState? = nil) throws -> [DeliveredBatch] {
    try WindowLoader(directory: directory, split: "train", options: options, resumeFrom: resume).collect()
  }

  @Test func exportOrderShuffleCoverageAndResumeOnRealShards() throws {
    let directory = try ShardFixture.write(windows: 85, windowsPerShard: 20, blockWindows: 6)
    defer { try? FileManager.default.removeItem(at: directory) }
    let plain = try Self.ids(directory, LoaderOptions(batchSize: 8))
    #expect(Array(plain.map(\.ids).joined()) == Array(0..<85))

    let options = LoaderOptions(batchSize: 8, shuffle: true, seed: 4, epoch: 2, shuffleBufferWindows: 10)
    let shuffled = try Self.ids(directory, options)
    #expect(shuffled.map(\.ids).joined().sorted() == Array(0..<85))
    #expect(shuffled != plain)
    var unprefetched = options
    unprefetched.prefetchDepth = 0
    #expect(try Self.ids(directory, unprefetched) == shuffled)
    for stop in [1, 5, 10] {
      let tail = try Self.ids(directory, options, resume: LoaderState(epoch: 2, batchesDelivered: stop))
      #expect(Array(shuffled.dropFirst(stop)) == tail, "resumed after \(stop)")
    }
  }

  @Test func keysAreGroupAndStartDayFromTheShard() throws {
    let directory = try ShardFixture.write(windows: 5, windowsPerShard: 3, blockWindows: 2)
    defer { try? FileManager.default.removeItem(at: directory) }
    let loader = try WindowLoader(directory: directory, split: "train", options: LoaderOptions(batchSize: 5))
    let keys = try loader.nextBatch { Array($0.keys) }
    #expect(keys == [0, 0, 0, 1, 0, 2, 1, 3, 1, 4])
  }

  @Test func aDamagedBlockIsAnErrorNamingTheShardFileAndBlock() throws {
    let directory = try ShardFixture.write(windows: 24, windowsPerShard: 12, blockWindows: 4)
    defer { try? FileManager.default.removeItem(at: directory) }
    // Flip one byte in the middle of shard-1's file: inside one of its three blocks.
    let url = directory.appendingPathComponent(ShardFixture.shardFile(1))
    var bytes = try Data(contentsOf: url)
    let blockArea = 32..<(bytes.count / 2)
    bytes[blockArea.upperBound - 1] ^= 0xFF
    try bytes.write(to: url)
    let loader = try WindowLoader(directory: directory, split: "train", options: LoaderOptions(batchSize: 4))
    var delivered = 0
    let error = #expect(throws: LoaderError.self) { try loader.forEachBatch { _ in delivered += 1 } }
    #expect(error?.code == .corruptBlock)
    #expect(error?.shard == ShardFixture.shardFile(1))
    #expect(error?.block != nil)
    #expect(delivered >= 3)
  }

  @Test func aDeletedShardIsAnErrorNamingIt() throws {
    let directory = try ShardFixture.write(windows: 15, windowsPerShard: 5, blockWindows: 5)
    defer { try? FileManager.default.removeItem(at: directory) }
    try FileManager.default.removeItem(at: directory.appendingPathComponent(ShardFixture.shardFile(2)))
    let loader = try WindowLoader(directory: directory, split: "train", options: LoaderOptions(batchSize: 5))
    let error = #expect(throws: LoaderError.self) { try loader.forEachBatch { _ in } }
    #expect(error?.shard == ShardFixture.shardFile(2))
    #expect(error?.code == .missingShard)
  }

  @Test func anUnknownSplitOrDirectoryIsAnError() throws {
    let directory = try ShardFixture.write(windows: 5, windowsPerShard: 5, blockWindows: 5)
    defer { try? FileManager.default.removeItem(at: directory) }
    let badSplit = #expect(throws: LoaderError.self) {
      try WindowLoader(directory: directory, split: "training", options: LoaderOptions(batchSize: 1))
    }
    #expect(badSplit?.description.contains("training") == true)
    let noDirectory = #expect(throws: LoaderError.self) {
      try WindowLoader(
        directory: directory.appendingPathComponent("nope"), split: "train", options: LoaderOptions(batchSize: 1))
    }
    #expect(noDirectory?.code == .missingSplit)
  }

  @Test func bufferBytesOnRealShardsDoNotDependOnTheShardCount() throws {
    var held: [Int] = []
    for shardCount in [2, 16] {
      let directory = try ShardFixture.write(windows: 24 * shardCount, windowsPerShard: 24, blockWindows: 8)
      defer { try? FileManager.default.removeItem(at: directory) }
      let loader = try WindowLoader(
        directory: directory, split: "train",
        options: LoaderOptions(batchSize: 4, shuffle: true, shuffleBufferWindows: 16, prefetchDepth: 1))
      var peak = 0
      try loader.forEachBatch { _ in peak = max(peak, loader.bufferBytes) }
      held.append(peak)
    }
    #expect(held[0] == held[1])
  }
}
