import FixtureSupport
import Autoencoder
import Foundation
import Testing

/// `icews run PIPELINE --input INPUT --out` a fresh folder; both paths relative to the repository.
func shardsThroughCLI(_ pipeline: String, _ input: String) throws -> URL {
  let out = try Fixtures.temporaryDirectory("cli-train-shards")
  let result = try runIcews([
    "run", Fixtures.root.appendingPathComponent(pipeline).path, "--input",
    Fixtures.root.appendingPathComponent(input).path,
    "--out", out.path,
  ])
  #expect(result.status == 0, "\(result.stderr)")
  return out
}

/// The seed table's command: Adam lr 1e-3, batch 1, stop below 1e-4, at most 1000 steps. The machine's
/// own `OPENBLAS_CORETYPE` is removed unless `environment` sets one, so a core pinned below the CPU
/// (which `icews train` warns about) does not decide what these tests see.
private func trainSeed(
  _ shards: URL, hidden: Int, seed: Int, environment: [String: String] = [:]
) throws -> (status: Int32, stderr: String, report: [String: Any]) {
  let out = try Fixtures.temporaryDirectory("cli-train-seed")
  let result = try runIcews(
    [
      "train", shards.path, "--hidden", "\(hidden)", "--lr", "1e-3", "--target-loss", "1e-4", "--max-steps", "1000",
      "--seed", "\(seed)", "--batch", "1", "--out", out.appendingPathComponent("m.safetensors").path,
      "--report", out.appendingPathComponent("r.json").path,
    ], environment: environment,
    unsetting: environment[BLASRuntime.coreTypeVariable] == nil ? [BLASRuntime.coreTypeVariable] : [])
  let data = (try? Data(contentsOf: out.appendingPathComponent("r.json"))) ?? Data("{}".utf8)
  return (result.status, result.stderr, try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:])
}

@Suite struct TrainCommandTests {
  @Test func seedHidden100WithWindowDifferencingReachesTheTarget() throws {
    let shards = try shardsThroughCLI("Pipelines/seed-overfit.yaml", "Fixtures/seed-sequence.csv")
    let run = try trainSeed(shards, hidden: 100, seed: 0)
    #expect(run.status == 0, "\(run.stderr)")
    let reached = try #require(run.report["reached_target_at"] as? Int)
    #expect(reached <= 1000)
    #expect(run.report["steps"] as? Int == reached)
    let trace = try #require(run.report["loss_trace"] as? [Double])
    #expect(trace.count == reached && trace.last! < 1e-4 && trace.dropLast().allSatisfy { $0 >= 1e-4 })
    #expect((run.report["warnings"] as? [String])?.isEmpty == true)
    #expect(!run.stderr.contains("warning"))
    #expect(run.stderr.contains("reached at step \(reached)"))
  }

  @Test func seedHidden5NeverReachesTheTargetAndWarnsOfMeanCollapse() throws {
    let shards = try shardsThroughCLI("Pipelines/seed-overfit.yaml", "Fixtures/seed-sequence.csv")
    let run = try trainSeed(shards, hidden: 5, seed: 0)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.report["reached_target_at"] is NSNull)
    #expect(run.report["steps"] as? Int == 1000)
    let r2 = try #require(run.report["r2"] as? Double)
    #expect(r2 < 0.5)
    let warnings = try #require(run.report["warnings"] as? [String])
    #expect(warnings.contains { $0.hasPrefix("mean collapse") && $0.contains("mean") && $0.contains("--hidden") })
    #expect(run.stderr.contains("warning: mean collapse"))
  }

  @Test func reportHasExactlyTheDesignKeysAndEpochLinesArePrinted() throws {
    let shards = try shardsThroughCLI("Fixtures/anomaly/sensors.yaml", "Fixtures/anomaly/sensors.csv")
    let out = try Fixtures.temporaryDirectory("cli-train")
    let result = try runIcews([
      "train", shards.path, "--hidden", "6", "--epochs", "2", "--batch", "16", "--no-shuffle", "--clip", "1",
      "--loss-reduction", "sum", "--reverse-target", "--out", out.appendingPathComponent("m.safetensors").path,
      "--report", out.appendingPathComponent("r.json").path,
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let report = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("r.json"))) as? [String: Any])
    #expect(
      Set(report.keys) == [
        "steps", "loss_trace", "reached_target_at", "final_train_mse", "valid_mse", "mean_baseline_mse", "r2",
        "valid_r2", "blas_core", "threads", "gflops",
        "ms_per_step", "windows_per_s", "warnings",
      ])
    #expect(report["steps"] as? Int == 6)
    #expect(report["valid_mse"] is Double)
    #expect(result.stderr.contains("epoch 1/2  train loss"))
    #expect(result.stderr.contains("epoch 2/2  train loss") && result.stderr.contains("valid mse"))
    #expect(result.stderr.contains("steps/s"))
    #expect(!result.stderr.contains("\u{1B}["), "no progress bar when stderr is not a terminal")
    #expect(result.stdout.isEmpty)
  }

  @Test func initFromChangesTheStartingLoss() throws {
    let shards = try shardsThroughCLI("Fixtures/anomaly/sensors.yaml", "Fixtures/anomaly/sensors.csv")
    let out = try Fixtures.temporaryDirectory("cli-train-init")
    func train(_ name: String, _ extra: [String]) throws -> [Double] {
      let result = try runIcews(
        [
          "train", shards.path, "--hidden", "6", "--epochs", "3", "--batch", "48", "--no-shuffle", "--out",
          out.appendingPathComponent("\(name).safetensors").path, "--report",
          out.appendingPathComponent("\(name).json").path,
        ]
          + extra)
      #expect(result.status == 0, "\(result.stderr)")
      let report = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("\(name).json")))
      return (report as? [String: Any])?["loss_trace"] as? [Double] ?? []
    }
    let first = try train("a", [])
    let resumed = try train("b", ["--init-from", out.appendingPathComponent("a.safetensors").path])
    #expect(first.count == 3 && resumed.count == 3)
    #expect(resumed[0] < first[0])
    #expect(resumed[0] < first[2], "the saved model is one update past the last logged loss")
  }

  @Test func usageErrorsExitTwoAndBadInputExitsOne() throws {
    let shards = try shardsThroughCLI("Fixtures/anomaly/sensors.yaml", "Fixtures/anomaly/sensors.csv")
    let model = try Fixtures.temporaryDirectory("cli-train-exit").appendingPathComponent("m.safetensors").path
    let both = try runIcews([
      "train", shards.path, "--hidden", "4", "--epochs", "1", "--max-steps", "3", "--out", model,
    ])
    #expect(both.status == 2)
    #expect(both.stderr.contains("--epochs or --max-steps"))
    #expect(try runIcews(["train", shards.path]).status == 2, "the output path is required")
    #expect(
      try runIcews(["train", shards.path, "--hidden", "4", "--loss-reduction", "max", "--out", model]).status == 2)
    let missing = try runIcews(["train", shards.path + "-missing", "--hidden", "4", "--out", model])
    #expect(missing.status == 1)
    #expect(missing.stderr.contains("no manifest.json"))
    let badInit = try runIcews([
      "train", shards.path, "--hidden", "4", "--init-from", shards.path + "/manifest.json", "--out", model,
    ])
    #expect(badInit.status == 1)
    #expect(!FileManager.default.fileExists(atPath: model))
  }

  @Test func noFlagsBesidesTheOutputIsTheRecommendedTraining() throws {
    let shards = try shardsThroughCLI("Fixtures/anomaly/sensors.yaml", "Fixtures/anomaly/sensors.csv")
    let dir = try Fixtures.temporaryDirectory("cli-train-defaults")
    let report = dir.appendingPathComponent("r.json")
    let run = try runIcews([
      "train", shards.path, "-o", dir.appendingPathComponent("m.safetensors").path, "--report", report.path,
    ])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stderr.contains("hidden 32"))
    let json = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: report)) as? [String: Any])
    // 48 train windows in batches of 64: one step per epoch, 20 epochs.
    #expect(json["steps"] as? Int == 20)
    #expect(json["valid_r2"] is Double)
    let help = try runIcews(["train", "--help"]).stdoutText
    #expect(help.contains("default: 32") && help.contains("default: 0.002"))
  }

  @Test func helpShowsAnExample() throws {
    let help = try runIcews(["train", "--help"])
    #expect(help.status == 0)
    #expect(help.stdoutText.contains("Examples:") && help.stdoutText.contains("icews train seed/ --hidden 100"))
  }
}
