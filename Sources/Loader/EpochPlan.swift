/// The epoch's global window order before the shuffle buffer, and this rank's part of it.
///
/// Global order: shards in `shardOrder`, each shard's blocks in `blockOrder(…)`, rows in order.
/// Without shuffle both orders are the identity (export order). Rank r of W takes the contiguous
/// global positions [⌊N·r/W⌋, ⌊N·(r+1)/W⌋): disjoint, covering, sizes within one window of each
/// other, and each rank decodes only its own blocks (plus at most two shared boundary blocks).
struct EpochPlan: Sendable {
  let options: LoaderOptions
  let shardOrder: [Int]
  let shardWindowCounts: [Int]
  let totalWindows: Int
  let rankRange: Range<Int>
  /// Floats in one window (T × F).
  let windowFloats: Int

  init(source: some SplitSource, options: LoaderOptions) {
    self.options = options
    windowFloats = source.windowLength * source.featureCount
    shardWindowCounts = (0..<source.shardCount).map { source.windowCount(shard: $0) }
    totalWindows = shardWindowCounts.reduce(0, +)
    if options.shuffle {
      var random = DeterministicRandom(seed: options.seed, epoch: options.epoch, purpose: .shardOrder)
      shardOrder = random.permutation(source.shardCount)
    } else {
      shardOrder = Array(0..<source.shardCount)
    }
    let n = totalWindows
    let w = options.worldSize
    let r = options.rank
    rankRange = (n * r / w)..<(n * (r + 1) / w)
  }

  var rankWindowCount: Int { rankRange.count }

  /// Batches this rank delivers in the epoch.
  var batchCount: Int {
    let b = options.batchSize
    return options.dropLast ? rankWindowCount / b : (rankWindowCount + b - 1) / b
  }

  /// Block visiting order of `shard`: a permutation from (seed, epoch, shard) when shuffling.
  func blockOrder(shard: Int, blockCount: Int) -> [Int] {
    guard options.shuffle else { return Array(0..<blockCount) }
    var random = DeterministicRandom(
      seed: options.seed, epoch: options.epoch, purpose: .blockOrder, index: shard)
    return random.permutation(blockCount)
  }
}
