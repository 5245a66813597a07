import Dispatch

/// One model's training steps spread over several cores by splitting each batch into contiguous row blocks:
/// block k runs forward and backward on its own replica (the model's parameter values, read in place; its own
/// activations and gradients), and the replicas' gradients are summed into the model's. Loss and gradients
/// are the whole batch's up to float rounding; each block's products run single-threaded, so the cores do
/// not wait on each other inside every small per-timestep product as OpenBLAS's own threads do.
///
/// Batches too small to split (fewer than `minimumRowsPerBlock` rows per core) run on the model alone, with
/// OpenBLAS's threads where the products are large enough to gain from them.
public final class DataParallelModel {
  public let model: LSTMAutoencoder
  /// Row blocks per batch (1 = no splitting).
  public let blocks: Int
  /// Threads OpenBLAS runs each product with: 1 when splitting batches.
  public let blasThreads: Int
  /// Replica k runs block k; replica 0 is the model itself.
  private let replicas: [LSTMAutoencoder]
  /// Rows per block of the last forward (0 for an idle block) and the batch's rows.
  private var blockRows: [Int]
  private var rows = 0
  /// The loss of the last forward in double precision, as `LSTMAutoencoder.lastLoss`.
  public private(set) var lastLoss = 0.0

  /// Whether batches are split at all: only where every product reads pre-packed weights (the panel kernel).
  /// Through sgemm each block repacks the weights at every time step, so two blocks of 32 rows cost more
  /// than OpenBLAS's two threads on one 64-row product (B 64, H 300, AMD EPYC, Cooperlake core: 86–94 ms
  /// a step split against 50 ms on OpenBLAS's threads; with the panel kernel 47 ms split).
  public static var splitsBatches: Bool { PackedMatrix.panelsAvailable }
  /// A block below this many rows gives the products too little to do per call to be worth a thread.
  public static let minimumRowsPerBlock = 8
  /// Below this batch × hidden a second OpenBLAS thread costs more than it saves (B 1, H 100: 0.23 ms/step on
  /// one thread, 0.45 on two, AMD EPYC; 0.35–0.41 against 0.45–0.51 on an Intel Xeon).
  public static let minimumWorkForBLASThreads = 1024

  /// Plans `threads` cores for batches of `batchSize` and sets OpenBLAS's thread count accordingly
  /// (a process-wide setting: one trainer at a time). With `threads` nil batches are not split and
  /// OpenBLAS's setting is left as it is. `splitBatches` overrides the measured choice (tests split both ways).
  public init(
    model: LSTMAutoencoder, threads: Int?, batchSize: Int, splitBatches: Bool = DataParallelModel.splitsBatches
  ) {
    self.model = model
    if let threads = threads.map({ max(1, $0) }) {
      blocks = splitBatches ? max(1, min(threads, batchSize / Self.minimumRowsPerBlock)) : 1
      if blocks > 1 {
        blasThreads = 1
      } else {
        blasThreads = batchSize * model.config.hidden < Self.minimumWorkForBLASThreads ? 1 : threads
      }
      BLASRuntime.setThreads(blasThreads)
    } else {
      blocks = 1
      blasThreads = BLASRuntime.threads
    }
    replicas = [model] + (1..<blocks).map { _ in LSTMAutoencoder(replicaOf: model) }
    blockRows = [Int](repeating: 0, count: blocks)
  }

  /// Cores a step keeps busy: the blocks, or OpenBLAS's threads when batches are not split.
  public var threads: Int { blocks > 1 ? blocks : blasThreads }

  /// `LSTMAutoencoder.forward` over `batchSize` windows [B, T, F], block k on replica k.
  @discardableResult
  public func forward(_ x: UnsafeBufferPointer<Float>, batchSize b: Int, length t: Int) throws -> Float {
    let parts = min(blocks, max(1, b / Self.minimumRowsPerBlock))
    let window = t * model.config.features
    guard parts > 1, x.count >= b * window else {
      rows = b
      blockRows = [b] + [Int](repeating: 0, count: blocks - 1)
      let loss = try model.forward(x, batchSize: b, length: t)
      lastLoss = model.lastLoss
      return loss
    }
    rows = b
    // the first b mod parts blocks take one row more
    for k in 0..<blocks { blockRows[k] = k < parts ? b / parts + (k < b % parts ? 1 : 0) : 0 }
    let starts = blockRows.indices.map { k in blockRows[..<k].reduce(0, +) }
    let counts = blockRows
    let blocks = Blocks(replicas: replicas, input: x.baseAddress!)
    // shapes are checked above, so no block's forward can throw
    DispatchQueue.concurrentPerform(iterations: parts) { k in
      let slice = UnsafeBufferPointer(start: blocks.input + starts[k] * window, count: counts[k] * window)
      _ = try! blocks.replicas[k].forward(slice, batchSize: counts[k], length: t)
    }
    switch model.config.reduction {
    case .mean:
      // each block's mean over its own elements, weighted by its rows
      lastLoss = (0..<parts).reduce(0.0) { $0 + Double(counts[$1]) * replicas[$1].lastLoss } / Double(b)
    case .sum:
      lastLoss = (0..<parts).reduce(0.0) { $0 + replicas[$1].lastLoss }
    }
    return Float(lastLoss)
  }

  /// `LSTMAutoencoder.backward()` for the whole last batch: each block's gradient of its share of the loss,
  /// summed into the model's gradients.
  public func backward() {
    let parts = blockRows.lastIndex { $0 > 0 }.map { $0 + 1 } ?? 1
    guard parts > 1 else {
      model.backward()
      return
    }
    let counts = blockRows
    let blocks = Blocks(replicas: Array(replicas.prefix(parts)), input: nil)
    let total = Double(rows)
    let mean = model.config.reduction == .mean
    DispatchQueue.concurrentPerform(iterations: parts) { k in
      blocks.replicas[k].backward(lossWeight: mean ? Float(Double(counts[k]) / total) : 1)
    }
    // model.grads += Σ replica grads, each core summing one range of the parameters
    let n = model.parameters.count
    DispatchQueue.concurrentPerform(iterations: parts) { k in
      let range = (n * k / parts)..<(n * (k + 1) / parts)
      let into = blocks.replicas[0].parameters.grads.base
      for r in 1..<parts {
        let from = blocks.replicas[r].parameters.grads.base
        for j in range { into[j] += from[j] }
      }
    }
  }

  /// What the blocks of one concurrent pass share. Unchecked because block k touches only replica k's
  /// activations and gradients (and, summing, its own range of the gradients), the parameter values and the
  /// input are only read, and `concurrentPerform` returns only when every block is done.
  private struct Blocks: @unchecked Sendable {
    let replicas: [LSTMAutoencoder]
    let input: UnsafePointer<Float>!
  }
}
