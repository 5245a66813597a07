import FixtureSupport
import Foundation
import Pipeline

/// Shard folders made by `RunJob` from the fixtures, for the train / score / reconstruct tests.
enum TrainFixtures {
  /// `icews run PIPELINE --input INPUT` into a fresh temporary folder (the split can be removed).
  static func shards(_ pipeline: String, _ input: String, label: String, dropSplit: Bool = false) throws -> URL {
    var config = try PipelineConfig.load(from: Fixtures.root.appendingPathComponent(pipeline))
    if dropSplit { config.split = nil }
    let out = try Fixtures.temporaryDirectory(label)
    try RunJob(config: config, inputs: [Fixtures.root.appendingPathComponent(input).path], outputDirectory: out).run()
    return out
  }

  /// The seed sequence as one 14×5 window, window-differenced or not.
  static func seed(differenced: Bool = true) throws -> URL {
    try shards(
      differenced ? "Pipelines/seed-overfit.yaml" : "Pipelines/seed-overfit-nodiff.yaml", "Fixtures/seed-sequence.csv",
      label: "seed")
  }

  /// Three sensor groups, weekly windows, train 48 / valid 18 / test 18, one planted anomaly in test.
  static func anomaly(dropSplit: Bool = false) throws -> URL {
    try shards("Fixtures/anomaly/sensors.yaml", "Fixtures/anomaly/sensors.csv", label: "anomaly", dropSplit: dropSplit)
  }

  /// The seed sequence's 14 rows as [[Float]] (f0…f4), read independently of the toolkit.
  static func seedRows() throws -> [[Double]] {
    let text = try String(contentsOf: Fixtures.url("seed-sequence.csv"), encoding: .utf8)
    return text.split(separator: "\n").dropFirst().map { $0.split(separator: ",").map { Double(String($0))! } }
  }
}
