@testable import Loader

/// A split held in memory: window with global id g (export order) has every value g + f/1000 at
/// feature f, and keys (shard, g), so a test can tell which window it got and that its data fits.
struct InMemorySplit: SplitSource {
  let windowLength: Int
  let featureCount: Int
  /// Block sizes per shard, in export order.
  let blocks: [[Int]]
  /// (shard, block) pairs whose decode fails as a checksum error would.
  var corrupt: Set<[Int]> = []
  /// Shards whose file is gone.
  var missing: Set<Int> = []

  init(windowLength: Int = 3, featureCount: Int = 2, blocks: [[Int]]) {
    self.windowLength = windowLength
    self.featureCount = featureCount
    self.blocks = blocks
  }

  /// `shards` shards of `blocksPerShard` blocks of `blockWindows` windows.
  init(shards: Int, blocksPerShard: Int, blockWindows: Int, windowLength: Int = 3, featureCount: Int = 2) {
    self.init(
      windowLength: windowLength, featureCount: featureCount,
      blocks: Array(repeating: Array(repeating: blockWindows, count: blocksPerShard), count: shards))
  }

  var shardCount: Int { blocks.count }
  var totalWindows: Int { blocks.joined().reduce(0, +) }
  func shardName(_ shard: Int) -> String { "train/shard-\(shard).icws" }
  func windowCount(shard: Int) -> Int { blocks[shard].reduce(0, +) }

  func openShard(_ shard: Int) throws -> any ShardBlockSource {
    if missing.contains(shard) {
      throw LoaderError(.missingShard, shard: shardName(shard), "no such file")
    }
    let first = blocks[..<shard].joined().reduce(0, +)
    return InMemoryShard(split: self, shard: shard, firstWindow: first)
  }
}

final class InMemoryShard: ShardBlockSource {
  let split: InMemorySplit
  let shard: Int
  let firstWindow: Int

  init(split: InMemorySplit, shard: Int, firstWindow: Int) {
    self.split = split
    self.shard = shard
    self.firstWindow = firstWindow
  }

  var blockWindowCounts: [Int] { split.blocks[shard] }

  func readBlock(_ block: Int, windows: UnsafeMutablePointer<Float>, keys: UnsafeMutablePointer<Int64>) throws {
    if split.corrupt.contains([shard, block]) {
      throw LoaderError(.corruptBlock, shard: split.shardName(shard), block: block, "checksum mismatch")
    }
    let floats = split.windowLength * split.featureCount
    var id = firstWindow + split.blocks[shard][..<block].reduce(0, +)
    for row in 0..<split.blocks[shard][block] {
      for t in 0..<split.windowLength {
        for f in 0..<split.featureCount {
          windows[row * floats + t * split.featureCount + f] = Float(id) + Float(f) / 1000
        }
      }
      keys[2 * row] = Int64(shard)
      keys[2 * row + 1] = Int64(id)
      id += 1
    }
  }
}

/// A delivered window whose floats are not those of the window its key names.
struct WindowDataMismatch: Error {
  var batch: Int
  var window: Int
  var id: Int
  var value: Float
}

/// Everything a test compares about a delivered epoch.
struct DeliveredBatch: Equatable {
  var index: Int
  var ids: [Int]
}

extension WindowLoader {
  /// Drains the loader, checking each window's data against its key, and returns the ids.
  func collect(limit: Int = .max) throws -> [DeliveredBatch] {
    var out: [DeliveredBatch] = []
    while out.count < limit,
      let batch = try nextBatch({ batch -> DeliveredBatch in
        var ids: [Int] = []
        let floats = batch.windowLength * batch.featureCount
        for w in 0..<batch.count {
          let id = Int(batch.keys[2 * w + 1])
          let value = batch.windows[w * floats + floats - 1]
          let expected = Float(id) + Float(batch.featureCount - 1) / 1000
          if value != expected { throw WindowDataMismatch(batch: batch.index, window: w, id: id, value: value) }
          ids.append(id)
        }
        return DeliveredBatch(index: batch.index, ids: ids)
      })
    {
      out.append(batch)
    }
    return out
  }
}
