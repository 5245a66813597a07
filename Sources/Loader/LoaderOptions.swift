/// How one loader walks one split for one epoch on one rank.
///
/// Every ordering decision is a function of (`seed`, `epoch`, `rank`, `worldSize`, `shuffle`,
/// `shuffleBufferWindows`) alone; `prefetchDepth` changes timing, never order.
public struct LoaderOptions: Sendable, Equatable, Codable {
  /// Windows per batch (the last batch may be shorter unless `dropLast`).
  public var batchSize: Int
  /// Shuffle shard order, block order within a shard and windows through the shuffle buffer.
  public var shuffle: Bool
  public var seed: UInt64
  public var epoch: Int
  /// This process's index among `worldSize` ranks; ranks see disjoint windows covering the split.
  public var rank: Int
  public var worldSize: Int
  /// Drop this rank's trailing partial batch.
  public var dropLast: Bool
  /// Windows held by the shuffle buffer (memory: this × T × F × 4 bytes); ignored without shuffle.
  public var shuffleBufferWindows: Int
  /// Batches decoded ahead on a background thread; 0 decodes on the caller's thread.
  public var prefetchDepth: Int

  public init(
    batchSize: Int, shuffle: Bool = false, seed: UInt64 = 0, epoch: Int = 0, rank: Int = 0,
    worldSize: Int = 1, dropLast: Bool = false, shuffleBufferWindows: Int = 2048, prefetchDepth: Int = 2
  ) {
    self.batchSize = batchSize
    self.shuffle = shuffle
    self.seed = seed
    self.epoch = epoch
    self.rank = rank
    self.worldSize = worldSize
    self.dropLast = dropLast
    self.shuffleBufferWindows = shuffleBufferWindows
    self.prefetchDepth = prefetchDepth
  }

  func validate() throws {
    func fail(_ text: String) -> LoaderError { LoaderError(.invalidOptions, text) }
    guard batchSize >= 1 else { throw fail("batch size must be at least 1 (got \(batchSize))") }
    guard worldSize >= 1 else { throw fail("world size must be at least 1 (got \(worldSize))") }
    guard (0..<worldSize).contains(rank) else {
      throw fail("rank must be in 0..<\(worldSize) (got \(rank))")
    }
    guard epoch >= 0 else { throw fail("epoch must be ≥ 0 (got \(epoch))") }
    guard shuffleBufferWindows >= 1 else {
      throw fail("shuffle buffer must hold at least 1 window (got \(shuffleBufferWindows))")
    }
    guard prefetchDepth >= 0 else { throw fail("prefetch depth must be ≥ 0 (got \(prefetchDepth))") }
  }

  /// A digest of the options that decide order, so a resume state made under others is refused.
  var orderDigest: UInt64 {
    var h = DeterministicRandom.mix(seed)
    for value in [
      UInt64(batchSize), shuffle ? 1 : 0, UInt64(rank), UInt64(worldSize), dropLast ? 1 : 0,
      shuffle ? UInt64(shuffleBufferWindows) : 0,
    ] {
      h = DeterministicRandom.mix(h ^ value)
    }
    return h
  }
}
