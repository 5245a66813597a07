import Testing

@testable import Loader

@Suite struct LoaderOrderTests {
  /// Uneven shards and blocks so boundaries fall everywhere: 3 + 10 + 0 + 31 + 7 windows.
  static let split = InMemorySplit(blocks: [[3], [4, 4, 2], [], [8, 8, 8, 7], [5, 0, 2]])

  static func ids(_ options: LoaderOptions, split: InMemorySplit = split) throws -> [[Int]] {
    try WindowLoader(source: split, options: options).collect().map(\.ids)
  }

  @Test func withoutShuffleBatchesFollowExportOrder() throws {
    let batches = try Self.ids(LoaderOptions(batchSize: 4))
    #expect(batches.joined().map { $0 } == Array(0..<51))
    #expect(batches.map(\.count) == Array(repeating: 4, count: 12) + [3])
  }

  @Test func batchIndicesCountFromZero() throws {
    let batches = try WindowLoader(source: Self.split, options: LoaderOptions(batchSize: 10)).collect()
    #expect(batches.map(\.index) == [0, 1, 2, 3, 4, 5])
  }

  @Test func shuffledOrderIsTheSameAcrossRunsAndPrefetchDepths() throws {
    var options = LoaderOptions(batchSize: 5, shuffle: true, seed: 42, epoch: 3, shuffleBufferWindows: 8)
    options.prefetchDepth = 0
    let reference = try Self.ids(options)
    for depth in [0, 1, 2, 5] {
      options.prefetchDepth = depth
      #expect(try Self.ids(options) == reference, "prefetch depth \(depth)")
    }
    #expect(reference.joined().map { $0 } != Array(0..<51))
  }

  @Test func differentSeedOrEpochGivesADifferentOrder() throws {
    let options = LoaderOptions(batchSize: 5, shuffle: true, seed: 1, epoch: 0, shuffleBufferWindows: 8)
    let reference = try Self.ids(options)
    var otherSeed = options
    otherSeed.seed = 2
    var otherEpoch = options
    otherEpoch.epoch = 1
    #expect(try Self.ids(otherSeed) != reference)
    #expect(try Self.ids(otherEpoch) != reference)
  }

  @Test(arguments: [1, 8, 64])
  func everyWindowOnceWithShuffle(bufferWindows: Int) throws {
    let options = LoaderOptions(batchSize: 4, shuffle: true, seed: 7, shuffleBufferWindows: bufferWindows)
    let ids = try Self.ids(options).joined().sorted()
    #expect(ids == Array(0..<51))
  }

  @Test func dropLastDeliversOnlyFullBatchesOfDistinctWindows() throws {
    for shuffle in [false, true] {
      let options = LoaderOptions(batchSize: 4, shuffle: shuffle, seed: 9, dropLast: true, shuffleBufferWindows: 16)
      let batches = try Self.ids(options)
      #expect(batches.count == 12)
      #expect(batches.allSatisfy { $0.count == 4 })
      let ids = batches.joined()
      #expect(Set(ids).count == 48)
      #expect(ids.allSatisfy { (0..<51).contains($0) })
    }
  }

  @Test func shuffleMixesShardsAndBlocksEvenWithASmallBuffer() throws {
    // With a 1-window buffer only shard and block order shuffle: blocks stay contiguous.
    let split = InMemorySplit(shards: 6, blocksPerShard: 4, blockWindows: 5)
    let ids = try Self.ids(LoaderOptions(batchSize: 5, shuffle: true, seed: 3, shuffleBufferWindows: 1), split: split)
    let blockOrder = ids.map { $0[0] / 5 }
    #expect(ids.allSatisfy { batch in batch.allSatisfy { $0 / 5 == batch[0] / 5 } })
    #expect(blockOrder != Array(0..<24))
    #expect(blockOrder.sorted() == Array(0..<24))
  }

  @Test func emptySplitDeliversNothing() throws {
    let split = InMemorySplit(blocks: [[], [0]])
    let loader = try WindowLoader(source: split, options: LoaderOptions(batchSize: 3, shuffle: true))
    #expect(loader.batchCount == 0)
    #expect(try loader.collect().isEmpty)
  }

  @Test func invalidOptionsAreRefusedWithTheirName() {
    #expect(throws: LoaderError.self) { try WindowLoader(source: Self.split, options: LoaderOptions(batchSize: 0)) }
    let error = #expect(throws: LoaderError.self) {
      try WindowLoader(source: Self.split, options: LoaderOptions(batchSize: 2, rank: 2, worldSize: 2))
    }
    #expect(error?.code == .invalidOptions)
    #expect(error?.description.contains("rank") == true)
  }
}

@Suite struct LoaderCopyingTests {
  @Test func nextBatchIntoCallerBuffersCopiesWindowsAndKeys() throws {
    let split = InMemorySplit(blocks: [[3, 2]])
    let loader = try WindowLoader(source: split, options: LoaderOptions(batchSize: 3))
    var windows = [Float](repeating: -1, count: 3 * 6)
    var keys = [Int64](repeating: -1, count: 6)
    let counts = try windows.withUnsafeMutableBufferPointer { w in
      try keys.withUnsafeMutableBufferPointer { k in
        [
          try loader.nextBatch(into: w, keys: k), try loader.nextBatch(into: w, keys: k),
          try loader.nextBatch(into: w, keys: k),
        ]
      }
    }
    #expect(counts == [3, 2, nil])
    #expect(Array(windows.prefix(6)) == [3, 3.001, 3, 3.001, 3, 3.001])
    #expect(Array(keys.prefix(4)) == [0, 3, 0, 4])
    var small = [Float](repeating: 0, count: 5)
    #expect(throws: LoaderError.self) { try small.withUnsafeMutableBufferPointer { try loader.nextBatch(into: $0) } }
  }
}
