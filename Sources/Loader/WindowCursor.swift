/// Walks this rank's windows in the epoch plan's order, opening one shard at a time and decoding a
/// block only when one of its windows is copied (so a resume can skip without decoding).
final class WindowCursor {
  private let source: any SplitSource
  private let plan: EpochPlan
  private let ledger: BufferLedger

  private var orderIndex = 0
  private var shard = -1
  private var reader: (any ShardBlockSource)?
  private var blockCounts: [Int] = []
  private var blockOrder: [Int] = []
  private var blockPosition = 0
  private var row = 0
  /// Windows of this rank not yet returned by `next()`.
  private(set) var remaining: Int

  /// The last decoded block and the shard reader used for blocks outside the current shard.
  private var blockSlab: WindowSlab?
  private var decoded: (shard: Int, block: Int)?
  private var otherReader: (shard: Int, reader: any ShardBlockSource)?

  /// Positions the cursor `skip` windows into this rank's range (without decoding anything).
  init(source: any SplitSource, plan: EpochPlan, ledger: BufferLedger, skip: Int = 0) throws {
    self.source = source
    self.plan = plan
    self.ledger = ledger
    let start = plan.rankRange.lowerBound + skip
    remaining = plan.rankRange.upperBound - start
    guard remaining > 0 else { return }
    var shardStart = 0
    while shardStart + plan.shardWindowCounts[plan.shardOrder[orderIndex]] <= start {
      shardStart += plan.shardWindowCounts[plan.shardOrder[orderIndex]]
      orderIndex += 1
    }
    try enterShard()
    var offset = start - shardStart
    while offset >= blockCounts[blockOrder[blockPosition]] {
      offset -= blockCounts[blockOrder[blockPosition]]
      blockPosition += 1
    }
    row = offset
  }

  /// The next window's location in this rank's order, or nil when the rank's range is done.
  func next() throws -> WindowLocation? {
    guard remaining > 0 else { return nil }
    while blockPosition >= blockOrder.count || row >= blockCounts[blockOrder[blockPosition]] {
      if blockPosition < blockOrder.count { blockPosition += 1 }
      row = 0
      if blockPosition >= blockOrder.count {
        orderIndex += 1
        try enterShard()
      }
    }
    let location = WindowLocation(shard: shard, block: blockOrder[blockPosition], row: row)
    row += 1
    remaining -= 1
    return location
  }

  /// Copies the window at `location` into slot `slot` of `slab`, decoding its block if needed.
  func copy(_ location: WindowLocation, to slab: WindowSlab, slot: Int) throws {
    if let decoded, decoded.shard == location.shard, decoded.block == location.block {
    } else {
      try decode(location)
    }
    slab.copyWindow(from: blockSlab!, at: location.row, to: slot)
  }

  private func enterShard() throws {
    shard = plan.shardOrder[orderIndex]
    reader = nil
    let opened = try source.openShard(shard)
    let counts = opened.blockWindowCounts
    guard counts.reduce(0, +) == plan.shardWindowCounts[shard], counts.allSatisfy({ $0 >= 0 }) else {
      throw LoaderError(
        .corruptBlock, shard: source.shardName(shard),
        "the shard's block index holds \(counts.reduce(0, +)) windows but the split lists "
          + "\(plan.shardWindowCounts[shard]); re-run the pipeline or `icews verify` the directory")
    }
    reader = opened
    blockCounts = counts
    blockOrder = plan.blockOrder(shard: shard, blockCount: counts.count)
    blockPosition = 0
    row = 0
  }

  private func decode(_ location: WindowLocation) throws {
    decoded = nil
    let blockReader: any ShardBlockSource
    let counts: [Int]
    if location.shard == shard, let reader {
      blockReader = reader
      counts = blockCounts
    } else if let otherReader, otherReader.shard == location.shard {
      blockReader = otherReader.reader
      counts = blockReader.blockWindowCounts
    } else {
      otherReader = nil
      blockReader = try source.openShard(location.shard)
      otherReader = (location.shard, blockReader)
      counts = blockReader.blockWindowCounts
    }
    let needed = counts[location.block]
    if blockSlab == nil || blockSlab!.capacity < needed {
      blockSlab = nil
      blockSlab = WindowSlab(
        capacity: needed, windowFloats: plan.windowFloats, ledger: ledger)
    }
    try blockReader.readBlock(location.block, windows: blockSlab!.floats, keys: blockSlab!.keys)
    decoded = (location.shard, location.block)
  }

  /// Forgets the shard opened for out-of-shard copies (after a resume has materialized its buffer).
  func releaseOtherReader() { otherReader = nil }
}
