import FixtureSupport
import Foundation
import Testing

/// A model trained through the CLI on the anomaly fixture's shards.
func anomalyShardsAndModel() throws -> (shards: URL, model: URL) {
  let shards = try shardsThroughCLI("Fixtures/anomaly/sensors.yaml", "Fixtures/anomaly/sensors.csv")
  let model = try Fixtures.temporaryDirectory("cli-score-model").appendingPathComponent("m.safetensors")
  let result = try runIcews([
    "train", shards.path, "--hidden", "8", "--epochs", "10", "--batch", "8", "--out", model.path,
  ])
  #expect(result.status == 0, "\(result.stderr)")
  return (shards, model)
}

@Suite struct ScoreCommandTests {
  @Test func csvIsRankedWithThePlantedAnomalyFirstAndTheTopIsPrinted() throws {
    let (shards, model) = try anomalyShardsAndModel()
    let csv = try Fixtures.temporaryDirectory("cli-score").appendingPathComponent("scores.csv")
    let result = try runIcews(["score", shards.path, "--model", model.path, "--split", "test", "-o", csv.path])
    #expect(result.status == 0, "\(result.stderr)")
    let lines = try String(contentsOf: csv, encoding: .utf8).split(separator: "\n")
    #expect(
      lines.first == "group,start,end,error,score,mean_baseline_score,zscore_baseline_score,percentile,top_features")
    #expect(lines.count == 19)
    #expect(lines[1].hasPrefix("beta,2022-06-20,2022-06-26,"))
    let scores = lines.dropFirst().map { Double($0.split(separator: ",")[4])! }
    #expect(scores == scores.sorted(by: >))
    let table = result.stdoutText.split(separator: "\n")
    #expect(table.count == 11)
    #expect(table[1].contains("beta") && table[1].contains("2022-06-20"))
    #expect(result.stderr.contains("18 valid windows"))
  }

  @Test func dashWritesTheCSVToStdoutOnly() throws {
    let (shards, model) = try anomalyShardsAndModel()
    let result = try runIcews(["score", shards.path, "--model", model.path, "--split", "valid", "-o", "-"])
    #expect(result.status == 0, "\(result.stderr)")
    let lines = result.stdoutText.split(separator: "\n")
    #expect(
      lines.first == "group,start,end,error,score,mean_baseline_score,zscore_baseline_score,percentile,top_features"
        && lines.count == 19)
    #expect(result.stderr.contains("in-sample"), "scoring the split the Gaussian is fitted on says so")
  }

  @Test func aModelForOtherShardsExitsOneAndUsageErrorsTwo() throws {
    let (shards, model) = try anomalyShardsAndModel()
    let seed = try shardsThroughCLI("Pipelines/seed-overfit.yaml", "Fixtures/seed-sequence.csv")
    let out = try Fixtures.temporaryDirectory("cli-score-exit").appendingPathComponent("s.csv").path
    let wrong = try runIcews(["score", seed.path, "--model", model.path, "--split", "train", "-o", out])
    #expect(wrong.status == 1)
    #expect(wrong.stderr.contains("3 features"))
    #expect(try runIcews(["score", shards.path, "--model", model.path, "--split", "later", "-o", out]).status == 2)
    #expect(try runIcews(["score", shards.path, "--model", model.path]).status == 2)
    #expect(try runIcews(["score", shards.path, "--model", shards.path + "/none.safetensors", "-o", out]).status == 1)
  }
}
