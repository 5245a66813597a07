/// A split as the loader sees it: an ordered list of shards, each an ordered list of blocks of
/// windows. The sampling logic depends only on this, so tests can drive it with an in-memory fake.
protocol SplitSource: Sendable {
  var windowLength: Int { get }
  var featureCount: Int { get }
  var shardCount: Int { get }
  /// The shard's file name, for errors.
  func shardName(_ shard: Int) -> String
  /// Windows in `shard`, known without decoding (manifest or footer).
  func windowCount(shard: Int) -> Int
  /// Opens one shard for block reads; the loader holds at most two open at a time.
  func openShard(_ shard: Int) throws -> any ShardBlockSource
}

/// One open shard: block sizes and random-access block decode.
protocol ShardBlockSource: AnyObject {
  /// Windows in each block, in block order.
  var blockWindowCounts: [Int] { get }
  /// Decodes `block` into `windows` (count × T × F floats) and `keys` (count × 2: group index,
  /// start day index). Failures are `LoaderError`s naming the shard and block.
  func readBlock(_ block: Int, windows: UnsafeMutablePointer<Float>, keys: UnsafeMutablePointer<Int64>) throws
}

/// Where one window lives: shard index (as the split lists it), block index, row within the block.
struct WindowLocation: Equatable, Comparable {
  var shard: Int
  var block: Int
  var row: Int

  static func < (a: WindowLocation, b: WindowLocation) -> Bool {
    (a.shard, a.block, a.row) < (b.shard, b.block, b.row)
  }
}
