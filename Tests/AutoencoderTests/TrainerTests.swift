import Autoencoder
import Foundation
import Testing

@Suite("Training, report and mean-collapse diagnostic")
struct TrainerTests {
  /// Deterministic noise windows [N, T, F] in [0, 1).
  static func noise(windows: Int, length: Int, features: Int, seed: UInt64) -> [Float] {
    var rng = SeededGenerator(seed: seed)
    return (0..<(windows * length * features)).map { _ in (rng.uniform(1) + 1) / 2 }
  }

  @Test("the seed sequence, differenced, with hidden 100 reaches loss 1e-4 and is healthy")
  func seedHealthy() throws {
    let x = SeedSequence.differenced(try SeedSequence.values())
    let source = try WindowArray(windows: x, windowLength: SeedSequence.length, features: SeedSequence.features)
    let model = try LSTMAutoencoder(config: AutoencoderConfig(features: 5, hidden: 100), seed: 0)
    let trainer = Trainer(model: model, settings: TrainingSettings(batchSize: 1, maxSteps: 1000, targetLoss: 1e-4))
    let report = try trainer.train(source)
    let reached = try #require(report.reachedTargetAt)
    #expect(reached == report.steps && report.lossTrace.count == reached)
    #expect(report.lossTrace[reached - 1] < 1e-4 && report.lossTrace[..<(reached - 1)].allSatisfy { $0 >= 1e-4 })
    #expect(try #require(report.r2) > 0.9)
    #expect(report.warnings.isEmpty)
  }

  @Test("a model that cannot beat the mean gets a warning saying 'mean' and what to change")
  func collapsedWarns() throws {
    let source = try WindowArray(
      windows: Self.noise(windows: 32, length: 6, features: 4, seed: 3), windowLength: 6, features: 4)
    let model = try LSTMAutoencoder(config: AutoencoderConfig(features: 4, hidden: 2), seed: 1)
    let report = try Trainer(
      model: model, settings: TrainingSettings(batchSize: 8, epochs: 10, adam: AdamSettings(learningRate: 1e-2))
    )
    .train(source)
    #expect(try #require(report.r2) < 0.5)
    let warning = try #require(report.warnings.first)
    // the model's knobs; what to change in the data depends on the pipeline and is added by Pipeline's
    // TrainJob (MeanCollapseAdviceTests, undifferencedSeedBaselineIsEachFeaturesMean)
    #expect(warning.contains("mean") && warning.contains("--hidden") && warning.contains("--lr"))
    #expect(!warning.contains("frames.period") && !warning.contains("difference:"))
    #expect(report.steps == 40)
  }

  @Test("mean baseline is the per-feature variance around the training mean")
  func meanBaseline() throws {
    // Feature 0 alternates 0, 2 (variance 1); feature 1 is constant 5 (variance 0) ⇒ baseline (1 + 0) / 2.
    let windows: [Float] = [0, 5, 2, 5, 0, 5, 2, 5]
    let source = try WindowArray(windows: windows, windowLength: 2, features: 2)
    let model = try LSTMAutoencoder(config: AutoencoderConfig(features: 2, hidden: 3), seed: 1)
    let evaluation = try Trainer(model: model, settings: TrainingSettings(batchSize: 3)).evaluate(source)
    #expect(evaluation.windows == 2)
    #expect(evaluation.featureMeans == [1, 5])
    #expect(abs(evaluation.meanBaselineMSE(means: evaluation.featureMeans) - 0.5) < 1e-12)
  }

  @Test("valid R² compares with the train means predicting the valid windows, and the warning is judged on valid")
  func validR2() throws {
    // Train windows: feature 0 alternates 0, 2 (mean 1). Valid: constant 3, so the train mean is off by 2.
    let train = try WindowArray(windows: [0, 2, 0, 2], windowLength: 2, features: 1)
    let valid = try WindowArray(windows: [3, 3, 3, 3], windowLength: 2, features: 1)
    let model = try LSTMAutoencoder(config: AutoencoderConfig(features: 1, hidden: 2), seed: 1)
    let trainer = Trainer(model: model, settings: TrainingSettings(batchSize: 2, maxSteps: 1))
    let trainPass = try trainer.evaluate(train)
    let validPass = try trainer.evaluate(valid)
    #expect(abs(validPass.meanBaselineMSE(.perFeature, fittedOn: trainPass) - 4) < 1e-12)
    #expect(
      abs(trainPass.meanBaselineMSE(.perFeature, fittedOn: trainPass) - trainPass.meanBaselineMSE(.perFeature)) < 1e-12)
    // Window-differenced: step 0 mean and later-step mean apart. Train step 0 mean 0, later mean 2.
    #expect(abs(validPass.meanBaselineMSE(.firstStepApart, fittedOn: trainPass) - (9 + 1) / 2) < 1e-12)

    let noisy = try WindowArray(
      windows: Self.noise(windows: 32, length: 6, features: 4, seed: 3), windowLength: 6, features: 4)
    let held = try WindowArray(
      windows: Self.noise(windows: 16, length: 6, features: 4, seed: 4), windowLength: 6, features: 4)
    let report = try Trainer(
      model: try LSTMAutoencoder(config: AutoencoderConfig(features: 4, hidden: 2), seed: 1),
      settings: TrainingSettings(batchSize: 8, epochs: 5, adam: AdamSettings(learningRate: 1e-2))
    ).train(noisy, validation: held)
    let r2 = try #require(report.validR2)
    #expect(r2 < 0.5)
    #expect(report.warnings.first?.contains("on the valid windows") == true)
  }

  @Test("report JSON has exactly the contract's keys, null when absent")
  func reportKeys() throws {
    let source = try WindowArray(
      windows: Self.noise(windows: 4, length: 3, features: 2, seed: 1), windowLength: 3, features: 2)
    let valid = try WindowArray(
      windows: Self.noise(windows: 2, length: 3, features: 2, seed: 2), windowLength: 3, features: 2)
    let model = try LSTMAutoencoder(config: AutoencoderConfig(features: 2, hidden: 3), seed: 1)
    let report = try Trainer(model: model, settings: TrainingSettings(batchSize: 2, maxSteps: 3)).train(
      source, validation: valid)
    #expect(report.steps == 3 && report.validMSE != nil && report.msPerStep > 0 && report.windowsPerSecond > 0)
    let json = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(report)) as? [String: Any])
    #expect(
      Set(json.keys) == [
        "steps", "loss_trace", "reached_target_at", "final_train_mse", "valid_mse", "mean_baseline_mse", "r2",
        "valid_r2", "ms_per_step", "windows_per_s", "blas_core", "threads", "gflops", "warnings",
      ])
    #expect(json["reached_target_at"] is NSNull)
    #expect(try JSONDecoder().decode(TrainingReport.self, from: JSONEncoder().encode(report)) == report)
  }

  @Test("shuffled batches are deterministic per seed and epoch and cover every window")
  func shuffledSource() throws {
    let windows = (0..<10).map(Float.init)
    let a = try WindowArray(windows: windows, windowLength: 1, features: 1, shuffleSeed: 4)
    let b = try WindowArray(windows: windows, windowLength: 1, features: 1, shuffleSeed: 4)
    func pass(_ s: WindowArray, epoch: Int) throws -> [Float] {
      try s.reset(epoch: epoch)
      var out: [Float] = []
      var buffer = [Float](repeating: 0, count: 3)
      while let n = try buffer.withUnsafeMutableBufferPointer({ try s.nextBatch(into: $0) }) { out += buffer[0..<n] }
      return out
    }
    #expect(try pass(a, epoch: 1) == pass(b, epoch: 1))
    #expect(try pass(a, epoch: 1).sorted() == windows)
    #expect(try pass(a, epoch: 1) != pass(a, epoch: 2))
  }

  @Test("a source with the wrong feature count is an error that says what to do")
  func wrongShape() throws {
    let source = try WindowArray(windows: [Float](repeating: 0, count: 12), windowLength: 3, features: 4)
    let model = try LSTMAutoencoder(config: AutoencoderConfig(features: 2, hidden: 3), seed: 1)
    #expect(throws: AutoencoderError.self) { try Trainer(model: model, settings: TrainingSettings()).train(source) }
  }

  @Test("every forward-only pass reports its windows, and the epochs' train seconds add up to ms_per_step")
  func passEvents() throws {
    let train = try WindowArray(
      windows: Self.noise(windows: 10, length: 3, features: 2, seed: 5), windowLength: 3, features: 2)
    let valid = try WindowArray(
      windows: Self.noise(windows: 7, length: 3, features: 2, seed: 6), windowLength: 3, features: 2)
    let model = try LSTMAutoencoder(config: AutoencoderConfig(features: 2, hidden: 3), seed: 1)
    let trainer = Trainer(model: model, settings: TrainingSettings(batchSize: 4, epochs: 2))
    var passes: [(EvaluationPass, Int)] = []
    var trainSeconds: [Double] = []
    var steps: [Int] = []
    trainer.onEvent = { event in
      switch event {
      case .step(let step, _): steps.append(step)
      case .evaluating(let pass, let windows): passes.append((pass, windows))
      case .epochEnd(_, _, _, let seconds): trainSeconds.append(seconds)
      }
    }
    let report = try trainer.train(train, validation: valid)
    #expect(steps == Array(1...6))
    // Batches of 4: valid 7 windows → 4, 7; train 10 → 4, 8, 10.
    let expected: [(EvaluationPass, Int)] = [
      (.validation(epoch: 0), 4), (.validation(epoch: 0), 7), (.validation(epoch: 1), 4), (.validation(epoch: 1), 7),
      (.finalTrain, 4), (.finalTrain, 8), (.finalTrain, 10), (.finalValid, 4), (.finalValid, 7),
    ]
    #expect(passes.map(\.0) == expected.map(\.0))
    #expect(passes.map(\.1) == expected.map(\.1))
    #expect(trainSeconds.count == 2 && trainSeconds.allSatisfy { $0 > 0 })
    let reported = report.msPerStep * Double(report.steps) / 1000
    #expect(abs(trainSeconds.reduce(0, +) - reported) <= 1e-9 * max(1, reported))
  }
}
