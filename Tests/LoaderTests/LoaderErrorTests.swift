import Testing

@testable import Loader

@Suite struct LoaderErrorTests {
  @Test(arguments: [0, 2])
  func aCorruptBlockReachesTheConsumerNamingShardAndBlock(prefetchDepth: Int) throws {
    var split = InMemorySplit(shards: 3, blocksPerShard: 3, blockWindows: 4)
    split.corrupt = [[1, 2]]
    let loader = try WindowLoader(source: split, options: LoaderOptions(batchSize: 4, prefetchDepth: prefetchDepth))
    var delivered = 0
    let error = #expect(throws: LoaderError.self) {
      try loader.forEachBatch { _ in delivered += 1 }
    }
    // Batches before the bad block arrive intact; the error names the file and block.
    #expect(delivered == 5)
    #expect(error?.code == .corruptBlock)
    #expect(error?.shard == "train/shard-1.icws")
    #expect(error?.block == 2)
    #expect(error?.description.contains("shard train/shard-1.icws, block 2") == true)
    // The error repeats rather than the stream silently continuing.
    #expect(throws: LoaderError.self) { try loader.nextBatch { _ in } }
  }

  @Test func aMissingShardIsAnErrorNamingIt() throws {
    var split = InMemorySplit(shards: 3, blocksPerShard: 2, blockWindows: 5)
    split.missing = [2]
    let loader = try WindowLoader(source: split, options: LoaderOptions(batchSize: 5, shuffle: true, seed: 1))
    let error = #expect(throws: LoaderError.self) { try loader.forEachBatch { _ in } }
    #expect(error?.code == .missingShard)
    #expect(error?.shard == "train/shard-2.icws")
  }

  @Test func aCorruptBlockInsideTheResumedShuffleBufferFailsTheResume() throws {
    var split = InMemorySplit(shards: 2, blocksPerShard: 4, blockWindows: 5)
    let options = LoaderOptions(batchSize: 2, shuffle: true, seed: 1, shuffleBufferWindows: 40)
    split.corrupt = [[0, 0], [0, 1], [0, 2], [0, 3], [1, 0], [1, 1], [1, 2], [1, 3]]
    let error = #expect(throws: LoaderError.self) {
      try WindowLoader(source: split, options: options, resumeFrom: LoaderState(epoch: 0, batchesDelivered: 2))
    }
    #expect(error?.code == .corruptBlock)
    #expect(error?.block != nil)
  }
}
