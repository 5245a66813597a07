import Autoencoder
import Testing

@Suite("Data-parallel steps: a batch split into row blocks gives the whole batch's loss and gradients")
struct DataParallelModelTests {
  static func windows(_ n: Int, length: Int, features: Int, seed: UInt64) -> [Float] {
    var rng = SeededGenerator(seed: seed)
    return (0..<(n * length * features)).map { _ in rng.uniform(1) }
  }

  /// Loss and every gradient of one model on the whole batch against a split model with the same parameters.
  func compare(config: AutoencoderConfig, batch: Int, threads: Int, length: Int = 5) throws {
    let x = Self.windows(batch, length: length, features: config.features, seed: 11)
    let whole = try LSTMAutoencoder(config: config, seed: 4)
    let split = try LSTMAutoencoder(config: config, seed: 4)
    let parallel = DataParallelModel(model: split, threads: threads, batchSize: batch, splitBatches: true)
    #expect(parallel.blocks == min(threads, batch / DataParallelModel.minimumRowsPerBlock))
    let expected = try x.withUnsafeBufferPointer { try whole.forward($0, batchSize: batch, length: length) }
    whole.backward()
    let loss = try x.withUnsafeBufferPointer { try parallel.forward($0, batchSize: batch, length: length) }
    parallel.backward()
    #expect(abs(loss - expected) <= 1e-6 * max(1, abs(expected)), "loss \(loss) vs \(expected)")
    #expect(abs(parallel.lastLoss - Double(expected)) <= 1e-6 * max(1, Double(abs(expected))))
    for tensor in whole.parameterTensors {
      let g = try #require(whole.gradient(tensor.name))
      let h = try #require(split.gradient(tensor.name))
      let scale = max(g.map(abs).max() ?? 0, 1e-6)
      let worst = zip(g, h).map { abs($0 - $1) }.max() ?? 0
      // float32 sums in a different order: relative to the tensor's largest gradient
      #expect(worst <= 2e-5 * scale, "\(tensor.name): max |Δ| \(worst), max |g| \(scale)")
    }
  }

  @Test("17 rows over 2 blocks (9 + 8), mean loss", arguments: [false, true])
  func twoBlocksMean(bidirectional: Bool) throws {
    try compare(config: AutoencoderConfig(features: 6, hidden: 7, bidirectional: bidirectional), batch: 17, threads: 2)
  }

  @Test("26 rows over 3 blocks (9 + 9 + 8), sum loss, stacked layers, reversed target")
  func threeBlocksSum() throws {
    let config = AutoencoderConfig(features: 4, hidden: 5, layers: 2, reduction: .sum, reverseTarget: true)
    try compare(config: config, batch: 26, threads: 3)
  }

  @Test("teacher forcing splits the same way")
  func teacherForcing() throws {
    try compare(config: AutoencoderConfig(features: 3, hidden: 6, teacherForcing: true), batch: 16, threads: 2)
  }

  @Test("a short last batch runs as many blocks as it has rows for, and a tiny one on the model alone")
  func shortBatches() throws {
    let config = AutoencoderConfig(features: 3, hidden: 4)
    let model = try LSTMAutoencoder(config: config, seed: 2)
    let reference = try LSTMAutoencoder(config: config, seed: 2)
    let parallel = DataParallelModel(model: model, threads: 2, batchSize: 32, splitBatches: true)
    #expect(parallel.blocks == 2 && parallel.threads == 2)
    for rows in [5, 12] {
      let x = Self.windows(rows, length: 4, features: 3, seed: UInt64(rows))
      let loss = try x.withUnsafeBufferPointer { try parallel.forward($0, batchSize: rows, length: 4) }
      parallel.backward()
      let expected = try x.withUnsafeBufferPointer { try reference.forward($0, batchSize: rows, length: 4) }
      reference.backward()
      #expect(abs(loss - expected) <= 1e-6 * max(1, abs(expected)))
      let g = try #require(model.gradient("decoder.cell.weight_hh"))
      let h = try #require(reference.gradient("decoder.cell.weight_hh"))
      #expect(zip(g, h).allSatisfy { abs($0 - $1) <= 2e-5 * max(1, abs($1)) })
    }
  }

  @Test("batches too small to split run on one block; a B 1 step keeps OpenBLAS at one thread")
  func plan() throws {
    let model = try LSTMAutoencoder(config: AutoencoderConfig(features: 5, hidden: 100), seed: 0)
    let seed = DataParallelModel(model: model, threads: 2, batchSize: 1, splitBatches: true)
    #expect(seed.blocks == 1 && seed.blasThreads == 1 && seed.threads == 1)
    let unsplit = DataParallelModel(model: model, threads: 2, batchSize: 64, splitBatches: false)
    #expect(unsplit.blocks == 1 && unsplit.blasThreads == 2 && unsplit.threads == 2)
    let split = DataParallelModel(model: model, threads: 2, batchSize: 64, splitBatches: true)
    #expect(split.blocks == 2 && split.blasThreads == 1)
  }

  @Test("training on 2 threads (split where the panel kernel runs) follows the single model's loss trace")
  func trainingMatches() throws {
    let x = Self.windows(48, length: 5, features: 4, seed: 9)
    func trace(threads: Int) throws -> [Float] {
      let source = try WindowArray(windows: x, windowLength: 5, features: 4)
      let model = try LSTMAutoencoder(config: AutoencoderConfig(features: 4, hidden: 6), seed: 3)
      let settings = TrainingSettings(batchSize: 16, maxSteps: 20, threads: threads)
      let trainer = Trainer(model: model, settings: settings)
      #expect(trainer.parallel.blocks == (threads > 1 && DataParallelModel.splitsBatches ? 2 : 1))
      return try trainer.train(source).lossTrace
    }
    let one = try trace(threads: 1)
    let two = try trace(threads: 2)
    #expect(one.count == 20 && two.count == 20)
    #expect(zip(one, two).allSatisfy { abs($0 - $1) <= 1e-4 * max(1e-3, abs($0)) }, "\(one) vs \(two)")
  }
}
