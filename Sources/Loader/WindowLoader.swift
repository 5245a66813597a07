import Foundation

/// Streams one split's windows as batches [B, T, F] for one epoch on one rank, in bounded memory.
///
/// Order is a function of the options alone (see `LoaderOptions`); `state` resumes exactly.
/// Memory held: the shuffle buffer, one decoded block and `prefetchDepth + 1` batches (see
/// `bufferBytes`), plus the shard reader's own block buffers — independent of the split's size.
public final class WindowLoader {
  public let options: LoaderOptions
  public let windowLength: Int
  public let featureCount: Int
  /// Windows this rank sees in the epoch (before `dropLast`).
  public let windowCount: Int
  /// Windows in the whole split.
  public let splitWindowCount: Int
  /// Batches this rank delivers in the epoch.
  public let batchCount: Int
  /// Batches handed to the consumer so far in this epoch (a resume counts the skipped ones).
  public private(set) var batchesDelivered: Int

  private let ledger: BufferLedger
  private let pipeline: BatchPipeline

  /// A loader over real shards: `directory` holds `manifest.json` and the `split` folder.
  public convenience init(
    directory: URL, split: String, options: LoaderOptions, resumeFrom state: LoaderState? = nil
  ) throws {
    try self.init(source: ShardSplitSource(directory: directory, split: split), options: options, resumeFrom: state)
  }

  init(source: any SplitSource, options: LoaderOptions, resumeFrom state: LoaderState? = nil) throws {
    try options.validate()
    var options = options
    if let state {
      if let digest = state.optionsDigest, digest != options.orderDigest {
        throw LoaderError(
          .invalidResumeState,
          "the resume state was saved with other batch size, seed, shuffle, rank, world size, "
            + "drop-last or shuffle buffer options; resume with the same options")
      }
      guard state.epoch >= 0 else {
        throw LoaderError(.invalidResumeState, "resume epoch must be ≥ 0 (got \(state.epoch))")
      }
      options.epoch = state.epoch
    }
    let plan = EpochPlan(source: source, options: options)
    let skip = state?.batchesDelivered ?? 0
    guard (0...plan.batchCount).contains(skip) else {
      throw LoaderError(
        .invalidResumeState,
        "cannot resume after \(skip) batches: this rank's epoch has \(plan.batchCount)")
    }
    self.options = options
    windowLength = source.windowLength
    featureCount = source.featureCount
    windowCount = plan.rankWindowCount
    splitWindowCount = plan.totalWindows
    batchCount = plan.batchCount
    batchesDelivered = skip
    ledger = BufferLedger()
    let assembler = try BatchAssembler(source: source, plan: plan, ledger: ledger, resumeAt: skip)
    pipeline = BatchPipeline(assembler: assembler, depth: options.prefetchDepth, ledger: ledger)
  }

  deinit { pipeline.close() }

  /// Where the loader stands: a new loader built with `resumeFrom: state` continues from here.
  public var state: LoaderState {
    LoaderState(epoch: options.epoch, batchesDelivered: batchesDelivered, optionsDigest: options.orderDigest)
  }

  /// Bytes held in the loader's own buffers now (shuffle buffer, decoded block, batch ring).
  public var bufferBytes: Int { ledger.snapshot.held }
  /// Buffer allocations made so far; constant once the first blocks and batches are decoded.
  public var bufferAllocations: Int { ledger.snapshot.allocations }

  /// Lends the next batch to `body` and returns its result; nil once the epoch is done.
  /// A corrupt or missing shard throws a `LoaderError` naming the shard and block.
  public func nextBatch<R>(_ body: (WindowBatch) throws -> R) throws -> R? {
    guard let (slab, count, index) = try pipeline.next() else { return nil }
    let batch = WindowBatch(
      index: index, count: count, windowLength: windowLength, featureCount: featureCount,
      windows: UnsafeBufferPointer(start: slab.floats, count: count * slab.windowFloats),
      keys: UnsafeBufferPointer(start: slab.keys, count: count * 2))
    let result = try body(batch)
    batchesDelivered = index + 1
    return result
  }

  /// Copies the next batch into caller-owned buffers (room for `batchSize` windows, and keys when
  /// given) and returns its window count; nil once the epoch is done. For trainers that own their input.
  public func nextBatch(
    into windows: UnsafeMutableBufferPointer<Float>, keys: UnsafeMutableBufferPointer<Int64>? = nil
  ) throws -> Int? {
    let needed = options.batchSize * windowLength * featureCount
    guard windows.count >= needed, (keys?.count ?? Int.max) >= options.batchSize * 2 else {
      throw LoaderError(
        .invalidOptions,
        "batch buffers hold \(windows.count) floats and \(keys?.count ?? 0) keys; a batch needs \(needed) and "
          + "\(options.batchSize * 2)")
    }
    return try nextBatch { batch in
      _ = windows.update(fromContentsOf: batch.windows)
      if let keys { _ = keys.update(fromContentsOf: batch.keys) }
      return batch.count
    }
  }

  /// Lends every remaining batch of the epoch to `body`, in order.
  public func forEachBatch(_ body: (WindowBatch) throws -> Void) throws {
    while try nextBatch(body) != nil {}
  }

  /// Stops background decoding now (also done when the loader is released).
  public func close() { pipeline.close() }
}
