import Autoencoder
import FixtureSupport
import Foundation
@testable import Pipeline
import PipelineFixtures
import Shards
import Testing

@Suite struct ScoreJobTests {
  @Test func thePlantedAnomalyRanksFirst() throws {
    let shards = try TrainFixtures.anomaly()
    let result = try ScoreJob(directory: shards, modelURL: try TrainFixtures.trainedModel(shards), split: .test).run()
    #expect(result.windows.count == 18)
    #expect(result.fittedOn == .valid && result.fittedWindows == 18 && result.note == nil)
    let top = try #require(result.windows.first)
    #expect(top.group == "beta" && top.start == "2022-06-20" && top.end == "2022-06-26")
    #expect(top.index == 8)
    #expect(top.topFeatures.first?.hasPrefix("load +") == true, "the planted feature stands out: \(top.topFeatures)")
    #expect(try #require(top.percentile) > 90)
    #expect(top.score > 2 * result.windows[1].score)
    #expect(zip(result.windows, result.windows.dropFirst()).allSatisfy { $0.score >= $1.score })
  }

  @Test func errorsAndScoresAreTheModelsOwn() throws {
    let shards = try TrainFixtures.anomaly()
    let modelURL = try TrainFixtures.trainedModel(shards)
    let result = try ScoreJob(directory: shards, modelURL: modelURL, split: .test).run()
    let model = try Checkpoint.load(from: modelURL)
    let dataset = try ShardDataset.open(shards)
    // The CSV's error is the mean |x̂ − x| over the window, recomputed from one window by hand.
    let row = try #require(result.windows.first { $0.index == 3 })
    let x = try dataset.inspect(.test, index: 3, space: .model).values
    let xhat = try model.reconstruct(window: x)
    let error = zip(x, xhat).reduce(0.0) { $0 + Double(abs($1.1 - $1.0)) } / Double(x.count)
    #expect(abs(row.error - error) < 1e-6)
    #expect(Set(result.windows.map(\.index)) == Set(0..<18))
  }

  @Test func withoutValidWindowsTheGaussianIsFittedOnTrainWithANote() throws {
    let shards = try TrainFixtures.anomaly(dropSplit: true)
    let result = try ScoreJob(directory: shards, modelURL: try TrainFixtures.trainedModel(shards), split: .train).run()
    #expect(result.fittedOn == .train)
    #expect(result.note?.contains("valid split has 0 windows") == true)
    #expect(result.windows.count == 84)
    #expect(result.windows.first?.group == "beta" && result.windows.first?.start == "2022-06-20")
  }

  @Test func csvIsRankedWithDatesAndQuotesGroupNames() throws {
    let result = ScoreFixtures.twoWindows
    #expect(
      result.csv()
        == "group,start,end,error,score,mean_baseline_score,zscore_baseline_score,percentile,top_features\n"
        + "\"Korea, South\",2020-01-01,2020-01-14,0.5,9.25,2,0.75,99.50,\"src:Arab, Arabian +4.0; "
        + "quad:material_conflict +2.5\"\n"
        + "Chad,2019-12-18,2019-12-31,0.125,1,3.5,1.25,,\n")
    var modelOnly = result
    modelOnly.options.baselines = false
    #expect(
      modelOnly.csv().hasPrefix(
        "group,start,end,error,score,percentile,top_features\n\"Korea, South\",2020-01-01,2020-01-14,0.5,9.25,99.50,"))
  }

  @Test func aModelForOtherFeaturesIsRefused() throws {
    let seedModel = try TrainFixtures.trainedModel(try TrainFixtures.seed(), hidden: 4)
    let error = #expect(throws: PipelineError.self) {
      try ScoreJob(directory: try TrainFixtures.anomaly(), modelURL: seedModel, split: .test).run()
    }
    #expect(error?.message.contains("5 features") == true)
  }
}

@Test func percentilesCountTheReferenceScoresBelowAndTopFeaturesAreTheLargestAboveTwo() {
  #expect(ScoreJob.percentile(of: 2.5, among: [1, 2, 3, 4]) == 50)
  #expect(ScoreJob.percentile(of: 0, among: [1, 2]) == 0 && ScoreJob.percentile(of: 9, among: [1, 2]) == 100)
  #expect(
    ScoreJob.topFeatures([0.5, 7, 2.5, -9, 3, 4], names: ["a", "b", "c", "d", "e", "f"]) == [
      "b +7.0", "f +4.0", "e +3.0",
    ])
  #expect(ScoreJob.topFeatures([1, 1.9], names: ["a", "b"]).isEmpty)
}

/// Issue 12: a model whose output is NaN failed with "covariance … singular even with ridge nan(0x…)",
/// naming no file; now the error names the model and says what is wrong.
@Test func aModelGivingNaNIsAnErrorNamingTheModelFile() throws {
  let shards = try TrainFixtures.anomaly()
  let modelURL = try TrainFixtures.trainedModel(shards)
  var bytes = [UInt8](try Data(contentsOf: modelURL))
  let headerLength = (0..<8).reduce(0) { $0 | Int(bytes[$1]) << (8 * $1) }
  // every float32 of the tensors becomes a quiet NaN (0x7FC00000, little-endian)
  for i in stride(from: 8 + headerLength, to: bytes.count - 3, by: 4) {
    bytes.replaceSubrange(i..<(i + 4), with: [0, 0, 0xC0, 0x7F])
  }
  try Data(bytes).write(to: modelURL)
  let error = try #require(throws: PipelineError.self) {
    try ScoreJob(directory: shards, modelURL: modelURL, split: .test).run()
  }
  #expect("\(error)".hasPrefix(modelURL.path + ": "), "\(error)")
  #expect("\(error)".contains("not finite"))
  #expect(!"\(error)".contains("singular") && !"\(error)".contains("nan("))
}
