import Testing

@testable import Loader

@Suite struct LoaderResourceTests {
  @Test func bufferBytesDoNotGrowWithTheNumberOfShardsOrWindows() throws {
    let options = LoaderOptions(batchSize: 8, shuffle: true, seed: 1, shuffleBufferWindows: 32, prefetchDepth: 2)
    var held: [Int] = []
    for shards in [4, 40, 400] {
      let split = InMemorySplit(shards: shards, blocksPerShard: 3, blockWindows: 16, windowLength: 4, featureCount: 5)
      let loader = try WindowLoader(source: split, options: options)
      var peak = 0
      try loader.forEachBatch { _ in peak = max(peak, loader.bufferBytes) }
      held.append(peak)
    }
    // shuffle buffer 32 + one 16-window block + 3 batches of 8, each window 4×5 floats + 2 keys.
    let windowBytes = 4 * 5 * 4 + 16
    #expect(held == Array(repeating: (32 + 16 + 3 * 8) * windowBytes, count: 3))
  }

  @Test func noBufferIsAllocatedPerBatchInSteadyState() throws {
    let split = InMemorySplit(shards: 20, blocksPerShard: 4, blockWindows: 10)
    for depth in [0, 2] {
      let options = LoaderOptions(batchSize: 4, shuffle: true, seed: 3, shuffleBufferWindows: 16, prefetchDepth: depth)
      let loader = try WindowLoader(source: split, options: options)
      _ = try loader.collect(limit: 5)
      let early = loader.bufferAllocations
      let rest = try loader.collect()
      #expect(rest.count == loader.batchCount - 5)
      #expect(loader.bufferAllocations == early, "prefetch depth \(depth)")
    }
  }

  @Test func stoppingEarlyEndsTheProducerThread() throws {
    let split = InMemorySplit(shards: 50, blocksPerShard: 4, blockWindows: 10)
    for _ in 0..<20 {
      let loader = try WindowLoader(
        source: split, options: LoaderOptions(batchSize: 2, shuffle: true, prefetchDepth: 3))
      _ = try loader.collect(limit: 1)
      loader.close()
      #expect(try loader.collect().isEmpty)
    }
    // Released without close: deinit joins the thread; reaching here means nothing hung.
    for _ in 0..<20 {
      let loader = try WindowLoader(source: split, options: LoaderOptions(batchSize: 2, prefetchDepth: 1))
      _ = try loader.collect(limit: 2)
    }
  }

  @Test func aThrowingConsumerDoesNotCountItsBatchAsDelivered() throws {
    struct Stop: Error {}
    let split = InMemorySplit(shards: 2, blocksPerShard: 2, blockWindows: 4)
    let loader = try WindowLoader(source: split, options: LoaderOptions(batchSize: 3, shuffle: true))
    _ = try loader.collect(limit: 1)
    #expect(throws: Stop.self) { try loader.nextBatch { _ in throw Stop() } }
    #expect(loader.state.batchesDelivered == 1)
  }
}
