import Autoencoder
import Foundation
import Loader
import Shards
import Support
import Transforms

/// One split of a shard directory as a `WindowBatchSource`: each `reset(epoch:)` starts a streaming
/// `WindowLoader` for that epoch, so the trainer reads shards in bounded memory, shuffled from
/// (seed, epoch) or in export order. Keys of the windows served since the last reset can be kept.
public final class ShardWindowSource: WindowBatchSource {
  public let directory: URL
  public let split: SplitName
  public let windowLength: Int
  public let features: Int
  /// Windows in the split.
  public let windowCount: Int
  /// Loader options; `epoch` is replaced by the one passed to `reset(epoch:)`.
  public let options: LoaderOptions
  /// When true, `keys` collects (group index, start day index) of every window served since the last reset.
  public let recordsKeys: Bool
  /// Pairs (group, start day) of the windows served since the last reset, in serving order.
  public private(set) var keys: [Int64] = []

  private var loader: WindowLoader?
  /// One loader batch held back when the caller's buffer had no room for all of it.
  private var pending: [Float]
  private var pendingKeys: [Int64]
  private var pendingCount = 0
  private var pendingOffset = 0

  /// Opens `split` of `directory` (its manifest gives T and F). Batch size, shuffle and seed come from `options`.
  public init(directory: URL, split: SplitName, options: LoaderOptions, recordsKeys: Bool = false) throws {
    let dataset = try ShardDataset.open(directory)
    self.directory = directory
    self.split = split
    self.options = options
    self.recordsKeys = recordsKeys
    windowLength = dataset.manifest.windowLength
    features = dataset.manifest.featureCount
    windowCount = dataset.windowCount(split)
    pending = [Float](repeating: 0, count: options.batchSize * windowLength * features)
    pendingKeys = [Int64](repeating: 0, count: options.batchSize * 2)
  }

  public func reset(epoch: Int) throws {
    loader?.close()
    var epochOptions = options
    epochOptions.epoch = epoch
    // A split of a few batches is decoded faster than a prefetch thread starts (one-window seed runs).
    if windowCount <= 4 * options.batchSize { epochOptions.prefetchDepth = 0 }
    loader = try WindowLoader(directory: directory, split: split.rawValue, options: epochOptions)
    pendingCount = 0
    pendingOffset = 0
    keys.removeAll(keepingCapacity: true)
  }

  /// Fills the buffer with as many windows as fit, pulling further loader batches as needed.
  public func nextBatch(into buffer: UnsafeMutableBufferPointer<Float>) throws -> Int? {
    guard let loader else {
      throw AutoencoderError(.badBatchSource, "\(directory.path) \(split): nextBatch before reset(epoch:)")
    }
    let size = windowLength * features
    let capacity = buffer.count / size
    var filled = 0
    while filled < capacity {
      if pendingCount == 0 {
        let n = try pending.withUnsafeMutableBufferPointer { w in
          try pendingKeys.withUnsafeMutableBufferPointer { k in try loader.nextBatch(into: w, keys: k) }
        }
        guard let n, n > 0 else { break }
        pendingCount = n
        pendingOffset = 0
      }
      let take = min(pendingCount, capacity - filled)
      pending.withUnsafeBufferPointer { source in
        (buffer.baseAddress! + filled * size).update(
          from: source.baseAddress! + pendingOffset * size, count: take * size)
      }
      if recordsKeys { keys += pendingKeys[(pendingOffset * 2)..<((pendingOffset + take) * 2)] }
      filled += take
      pendingOffset += take
      pendingCount -= take
    }
    return filled > 0 ? filled : nil
  }
}
