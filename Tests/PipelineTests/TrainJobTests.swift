import Autoencoder
import FixtureSupport
import Foundation
import Loader
@testable import Pipeline
import PipelineFixtures
import Shards
import Support
import Synth
import Testing
import Transforms

@Suite struct TrainJobTests {
  @Test func trainingOnShardsReportsEveryStepAndValidatesEachEpoch() throws {
    let shards = try TrainFixtures.anomaly()
    let out = try Fixtures.temporaryDirectory("train")
    var options = TrainOptions(hidden: 8)
    options.epochs = 3
    options.batchSize = 16
    var epochs: [(Int, Double?)] = []
    let job = TrainJob(
      directory: shards, options: options, modelURL: out.appendingPathComponent("m.safetensors"),
      reportURL: out.appendingPathComponent("r.json"))
    let result = try job.run { event, _ in
      if case .epochEnd(let epoch, _, let valid, _) = event { epochs.append((epoch, valid)) }
    }
    // 48 train windows in batches of 16: 3 steps per epoch.
    #expect(result.report.steps == 9)
    #expect(result.report.lossTrace.count == 9)
    #expect(epochs.map(\.0) == [0, 1, 2])
    #expect(epochs.allSatisfy { $0.1 != nil })
    #expect(result.report.validMSE != nil)
    #expect(result.meanBaseline == .firstStepApart)

    let json =
      try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("r.json"))) as! [String: Any]
    #expect(
      Set(json.keys) == [
        "steps", "loss_trace", "reached_target_at", "final_train_mse", "valid_mse", "mean_baseline_mse", "r2",
        "valid_r2", "blas_core", "threads", "gflops",
        "ms_per_step", "windows_per_s", "warnings",
      ])
    #expect(json["reached_target_at"] is NSNull)
    #expect((json["blas_core"] as? String)?.isEmpty == false)
    #expect((json["threads"] as? Int ?? 0) >= 1 && (json["gflops"] as? Double ?? 0) > 0)

    let trained = try TrainedModel.load(out.appendingPathComponent("m.safetensors"))
    #expect(trained.featureNames == ["temp", "load", "errors"])
    #expect(trained.metadata[TrainedModel.Key.windowLength] == "7")
    #expect(trained.metadata[TrainedModel.Key.difference] == "window")
    #expect(trained.model.parameter("encoder.lstm.weight_ih_l0")?.count == 4 * 8 * 3)
  }

  @Test func initFromStartsWhereTheSavedModelEnded() throws {
    let shards = try TrainFixtures.anomaly()
    let out = try Fixtures.temporaryDirectory("train-resume")
    // One full-batch step per epoch in export order: every step's loss is the MSE over all train windows.
    var options = TrainOptions(hidden: 8)
    options.epochs = 5
    options.batchSize = 48
    options.shuffle = false
    let first = try TrainJob(directory: shards, options: options, modelURL: out.appendingPathComponent("a.safetensors"))
      .run()
    let fresh = try TrainJob(directory: shards, options: options, modelURL: out.appendingPathComponent("b.safetensors"))
      .run()
    options.initFrom = out.appendingPathComponent("a.safetensors")
    let resumed = try TrainJob(
      directory: shards, options: options, modelURL: out.appendingPathComponent("c.safetensors")
    ).run()

    #expect(fresh.report.lossTrace.first == first.report.lossTrace.first, "same seed, same start")
    let start = Double(try #require(resumed.report.lossTrace.first))
    #expect(abs(start - first.report.finalTrainMSE) <= 1e-5 * first.report.finalTrainMSE)
    #expect(start < Double(first.report.lossTrace[0]))
  }

  @Test func initFromAModelOfAnotherShapeIsRefused() throws {
    let shards = try TrainFixtures.anomaly()
    let out = try Fixtures.temporaryDirectory("train-shape")
    var options = TrainOptions(hidden: 4)
    options.epochs = 1
    _ = try TrainJob(directory: shards, options: options, modelURL: out.appendingPathComponent("h4.safetensors")).run()
    options.hidden = 6
    options.initFrom = out.appendingPathComponent("h4.safetensors")
    #expect(throws: AutoencoderError.self) {
      try TrainJob(directory: shards, options: options, modelURL: out.appendingPathComponent("h6.safetensors")).run()
    }
  }

  @Test func aFolderWithoutShardsIsAnErrorNamingIt() throws {
    let shards = try TrainFixtures.anomaly()
    let empty = try Fixtures.temporaryDirectory("train-none")
    try FileManager.default.removeItem(at: empty)
    var options = TrainOptions(hidden: 4)
    options.epochs = 1
    let error = #expect(throws: ShardError.self) {
      try TrainJob(directory: empty, options: options, modelURL: shards.appendingPathComponent("x.safetensors")).run()
    }
    #expect(error?.description.contains(empty.path) == true)
  }
}

@Suite struct ShardWindowSourceTests {
  /// Start days of every window served in one pass, with the caller's buffer holding `capacity` windows.
  private func pass(_ source: ShardWindowSource, epoch: Int, capacity: Int) throws -> [Int64] {
    try source.reset(epoch: epoch)
    var buffer = [Float](repeating: 0, count: capacity * source.windowLength * source.features)
    var served = 0
    while let n = try buffer.withUnsafeMutableBufferPointer({ try source.nextBatch(into: $0) }) {
      #expect(n <= capacity)
      served += n
    }
    #expect(served * 2 == source.keys.count)
    return stride(from: 0, to: source.keys.count, by: 2).map { source.keys[$0] * 10_000 + source.keys[$0 + 1] }
  }

  @Test func exportOrderWithoutShuffleEvenWhenTheBufferSplitsLoaderBatches() throws {
    let shards = try TrainFixtures.anomaly()
    let source = try ShardWindowSource(
      directory: shards, split: .train, options: LoaderOptions(batchSize: 5), recordsKeys: true)
    let keys = try pass(source, epoch: 0, capacity: 3)
    #expect(keys.count == 48)
    #expect(keys == keys.sorted())
    #expect(try pass(source, epoch: 1, capacity: 7) == keys)
  }

  @Test func shuffledEpochsCoverEveryWindowInDifferentOrders() throws {
    let shards = try TrainFixtures.anomaly()
    let source = try ShardWindowSource(
      directory: shards, split: .train, options: LoaderOptions(batchSize: 4, shuffle: true, seed: 3), recordsKeys: true)
    let epoch0 = try pass(source, epoch: 0, capacity: 4)
    let epoch1 = try pass(source, epoch: 1, capacity: 4)
    #expect(epoch0.sorted() == epoch1.sorted())
    #expect(epoch0.count == 48 && Set(epoch0).count == 48)
    #expect(epoch0 != epoch1)
    #expect(try pass(source, epoch: 0, capacity: 4) == epoch0, "an epoch's order depends on (seed, epoch) only")
  }
}

@Suite struct MeanCollapseDiagnosticTests {
  /// R² baseline for window-differenced data, from the CSV by hand: step 0 is one window's levels (its own
  /// mean, error 0), steps 1…13 the differences around their per-feature mean; divided by T·F.
  @Test func differencedSeedBaselineIsTheMeanFirstFrameThenTheMeanChange() throws {
    let rows = try TrainFixtures.seedRows()
    var total = 0.0
    for f in 0..<5 {
      let changes = (1..<14).map { rows[$0][f] - rows[$0 - 1][f] }
      let mean = changes.reduce(0, +) / 13
      total += changes.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
    }
    let expected = total / 70

    let out = try Fixtures.temporaryDirectory("diag")
    var options = TrainOptions(hidden: 5)
    options.maxSteps = 300
    options.batchSize = 1
    options.targetLoss = 1e-4
    let result = try TrainJob(
      directory: try TrainFixtures.seed(), options: options, modelURL: out.appendingPathComponent("m.safetensors")
    ).run()
    #expect(abs(result.report.meanBaselineMSE - expected) < 1e-6 * expected + 1e-9)
    #expect(result.report.warnings.first?.hasPrefix("mean collapse") == true)
    #expect(result.report.warnings.first?.contains("--hidden") == true)
  }

  @Test func undifferencedSeedBaselineIsEachFeaturesMean() throws {
    let rows = try TrainFixtures.seedRows()
    var total = 0.0
    for f in 0..<5 {
      let mean = rows.reduce(0) { $0 + $1[f] } / 14
      total += rows.reduce(0) { $0 + ($1[f] - mean) * ($1[f] - mean) }
    }
    let out = try Fixtures.temporaryDirectory("diag-raw")
    var options = TrainOptions(hidden: 5)
    options.maxSteps = 50
    options.batchSize = 1
    let result = try TrainJob(
      directory: try TrainFixtures.seed(differenced: false), options: options,
      modelURL: out.appendingPathComponent("m.safetensors")
    ).run()
    #expect(result.meanBaseline == .perFeature)
    #expect(abs(result.report.meanBaselineMSE - total / 70) < 1e-6 * total / 70)
    #expect(result.report.warnings.first?.contains("window differencing") == true)
  }
}

@Test func smallProductsTrainOnOneThreadAndLargeOnesOnEveryCore() throws {
  // every core is offered by default; a B 1 H 100 step is too small for a second thread and keeps one
  var seed = TrainOptions(hidden: 100)
  seed.batchSize = 1
  seed.maxSteps = 3
  #expect(seed.defaultThreads == ProcessInfo.processInfo.activeProcessorCount)
  let out = try Fixtures.temporaryDirectory("threads")
  let small = try TrainJob(
    directory: try TrainFixtures.seed(), options: seed, modelURL: out.appendingPathComponent("m.safetensors")
  ).run()
  #expect(small.report.threads == 1 && small.blocks == 1)
  var large = TrainOptions(hidden: 300)
  large.batchSize = 64
  #expect(large.defaultThreads == ProcessInfo.processInfo.activeProcessorCount)
}

/// The data half of a mean-collapse warning follows how the shards were made.
@Suite struct MeanCollapseAdviceTests {
  private static func manifest(period: String, difference: Int, volume: Bool) throws -> ShardManifest {
    let dir = try Fixtures.temporaryDirectory("advice")
    let dump = dir.appendingPathComponent("events.tsv")
    try SyntheticDump(rows: 3000, start: Day(iso: "2014-01-01")!, days: 120, seed: 2, countries: 2).write(to: dump)
    let volumeFeature = volume ? "\n    - numeric: event_count\n      transform: log1p" : ""
    let yaml = """
      name: advice
      frames:
        period: \(period)
        features:
          - one_hot: quad_class\(volumeFeature)
      difference:
        order: \(difference)
      window:
        length: 2
        stride: 1
      """
    let config = try PipelineConfig.parse(yaml: yaml, file: "advice.yaml")
    return try RunJob(config: config, inputs: [dump.path], outputDirectory: dir.appendingPathComponent("s")).run()
      .manifest
  }

  @Test func weeklyUndifferencedWithTheVolumeGetsNoDataAdvice() throws {
    #expect(TrainJob.dataAdvice(for: try Self.manifest(period: "week", difference: 0, volume: true)) == nil)
  }

  @Test func dailyCountsAreToldToAggregateAndAddTheVolume() throws {
    let advice = try #require(TrainJob.dataAdvice(for: try Self.manifest(period: "day", difference: 0, volume: false)))
    #expect(advice.contains("aggregate to weeks (frames.period: week)"))
    #expect(advice.contains("add the volume"))
    #expect(!advice.contains("differencing"))
  }

  @Test func weeklyDifferencedCountsAreToldToDropTheDifferencingOnly() throws {
    let advice = try #require(TrainJob.dataAdvice(for: try Self.manifest(period: "week", difference: 1, volume: true)))
    #expect(advice.contains("drop window differencing"))
    #expect(!advice.contains("aggregate to weeks"))
    #expect(!advice.contains("add the volume"))
  }
}
