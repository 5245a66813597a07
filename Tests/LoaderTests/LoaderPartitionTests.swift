import Testing

@testable import Loader

@Suite struct LoaderPartitionTests {
  static let split = InMemorySplit(blocks: [[3], [4, 4, 2], [], [8, 8, 8, 7], [5, 0, 2]])

  @Test(arguments: [1, 2, 3, 4, 7])
  func ranksAreDisjointCoveringAndBalanced(worldSize: Int) throws {
    for shuffle in [false, true] {
      var perRank: [[Int]] = []
      var batchCounts: [Int] = []
      for rank in 0..<worldSize {
        let options = LoaderOptions(
          batchSize: 3, shuffle: shuffle, seed: 11, epoch: 2, rank: rank, worldSize: worldSize,
          shuffleBufferWindows: 5)
        let loader = try WindowLoader(source: Self.split, options: options)
        let batches = try loader.collect()
        #expect(batches.count == loader.batchCount)
        perRank.append(Array(batches.map(\.ids).joined()))
        batchCounts.append(batches.count)
      }
      let all = perRank.joined()
      #expect(all.sorted() == Array(0..<51), "world \(worldSize), shuffle \(shuffle)")
      #expect(Set(all).count == all.count)
      let sizes = perRank.map(\.count)
      #expect(sizes.max()! - sizes.min()! <= 1)
      #expect(batchCounts.max()! - batchCounts.min()! <= 1)
    }
  }

  @Test func ranksShareTheEpochOrderButShuffleTheirOwnBuffer() throws {
    func ids(rank: Int, epoch: Int) throws -> [Int] {
      let options = LoaderOptions(batchSize: 4, shuffle: true, seed: 5, epoch: epoch, rank: rank, worldSize: 2)
      return Array(try WindowLoader(source: Self.split, options: options).collect().map(\.ids).joined())
    }
    // Which windows a rank gets changes with the epoch (shard order is reshuffled).
    #expect(Set(try ids(rank: 0, epoch: 0)) != Set(try ids(rank: 0, epoch: 1)))
  }

  @Test func dropLastKeepsRankBatchCountsEqualWhenWindowsDivideEvenly() throws {
    let split = InMemorySplit(shards: 4, blocksPerShard: 3, blockWindows: 10)
    let counts = try (0..<4).map { rank in
      try WindowLoader(
        source: split,
        options: LoaderOptions(batchSize: 7, shuffle: true, rank: rank, worldSize: 4, dropLast: true)
      ).collect().count
    }
    #expect(counts == [4, 4, 4, 4])
  }
}
