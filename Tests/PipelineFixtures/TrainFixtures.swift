import FixtureSupport
import Foundation
import Pipeline

/// Shard folders made by `RunJob` from the fixtures, and a model trained on one, for the train / score /
/// reconstruct tests and the plots drawn from them.
public enum TrainFixtures {
  /// `icews run PIPELINE --input INPUT` into a fresh temporary folder (the split can be removed).
  public static func shards(_ pipeline: String, _ input: String, label: String, dropSplit: Bool = false) throws -> URL {
    var config = try PipelineConfig.load(from: Fixtures.root.appendingPathComponent(pipeline))
    if dropSplit { config.split = nil }
    let out = try Fixtures.temporaryDirectory(label)
    try RunJob(config: config, inputs: [Fixtures.root.appendingPathComponent(input).path], outputDirectory: out).run()
    return out
  }

  /// The seed sequence as one 14×5 window, window-differenced or not.
  public static func seed(differenced: Bool = true) throws -> URL {
    try shards(
      differenced ? "Pipelines/seed-overfit.yaml" : "Pipelines/seed-overfit-nodiff.yaml", "Fixtures/seed-sequence.csv",
      label: "seed")
  }

  /// Three sensor groups, weekly windows, train 48 / valid 18 / test 18, one planted anomaly in test.
  public static func anomaly(dropSplit: Bool = false) throws -> URL {
    try shards("Fixtures/anomaly/sensors.yaml", "Fixtures/anomaly/sensors.csv", label: "anomaly", dropSplit: dropSplit)
  }

  /// The seed sequence's 14 rows as [[Float]] (f0…f4), read independently of the toolkit.
  public static func seedRows() throws -> [[Double]] {
    let text = try String(contentsOf: Fixtures.url("seed-sequence.csv"), encoding: .utf8)
    return text.split(separator: "\n").dropFirst().map { $0.split(separator: ",").map { Double(String($0))! } }
  }

  /// A small model trained briefly on the anomaly fixture's train split.
  public static func trainedModel(_ shards: URL, hidden: Int = 8) throws -> URL {
    let model = try Fixtures.temporaryDirectory("score-model").appendingPathComponent("m.safetensors")
    var options = TrainOptions(hidden: hidden)
    options.epochs = 10
    options.batchSize = 8
    _ = try TrainJob(directory: shards, options: options, modelURL: model).run()
    return model
  }
}
