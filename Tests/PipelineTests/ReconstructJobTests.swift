import Autoencoder
import FixtureSupport
import Foundation
import Frames
@testable import Pipeline
import PipelineFixtures
import Shards
import Support
import Testing
import Transforms

@Suite struct ReconstructJobTests {
  @Test func npyHoldsTheWindowAndTheModelsReconstruction() throws {
    let shards = try TrainFixtures.anomaly()
    let modelURL = try TrainFixtures.trainedModel(shards)
    let window = try ReconstructJob(directory: shards, modelURL: modelURL, split: .test, index: 8).run()
    #expect(window.group == "beta" && window.start == "2022-06-20" && window.end == "2022-06-26")

    let stored = try ShardDataset.open(shards).inspect(.test, index: 8, space: .model).values
    let expected = try Checkpoint.load(from: modelURL).reconstruct(window: stored)
    let bytes = [UInt8](window.npy())
    let header = try #require(NPYFormat.parseHeader(bytes))
    #expect(header.dtype == .float32 && header.shape == [2, 7, 3])
    let values = bytes[header.payloadOffset...].withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
    #expect(Array(values[0..<21]) == stored)
    #expect(Array(values[21..<42]) == expected)
  }

  @Test func rawSpaceIsBothSeriesThroughTheManifestsInverse() throws {
    let shards = try TrainFixtures.anomaly()
    let modelURL = try TrainFixtures.trainedModel(shards)
    let model = try ReconstructJob(directory: shards, modelURL: modelURL, split: .valid, index: 2).run()
    let raw = try ReconstructJob(directory: shards, modelURL: modelURL, split: .valid, index: 2, space: .raw).run()
    let dataset = try ShardDataset.open(shards)
    #expect(raw.actual == (try dataset.inspect(.valid, index: 2, space: .raw).values))
    let m = dataset.manifest
    var rebuilt = model.reconstructed
    try rebuilt.withUnsafeMutableBufferPointer {
      try FittedTransforms(
        settings: m.transforms, statistics: m.normalization, calendarStart: m.calendarStart, dayCount: m.dayCount
      )
      .invert($0, from: .model, to: .raw)
    }
    #expect(raw.reconstructed == rebuilt)
    #expect(raw.modelSpaceMSE == model.modelSpaceMSE)
  }
}
