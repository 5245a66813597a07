import Autoencoder
import FixtureSupport
import Foundation
import Frames
@testable import Pipeline
import Shards
import Support
import Testing
import Transforms

@Suite struct ReconstructJobTests {
  @Test func npyHoldsTheWindowAndTheModelsReconstruction() throws {
    let shards = try TrainFixtures.anomaly()
    let modelURL = try ScoreJobTests.trainedModel(shards)
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
    let modelURL = try ScoreJobTests.trainedModel(shards)
    let model = try ReconstructJob(directory: shards, modelURL: modelURL, split: .valid, index: 2).run()
    let raw = try ReconstructJob(directory: shards, modelURL: modelURL, split: .valid, index: 2, space: .raw).run()
    let dataset = try ShardDataset.open(shards)
    #expect(raw.actual == (try dataset.inspect(.valid, index: 2, space: .raw).values))
    let m = dataset.manifest
    var rebuilt = model.reconstructed
    try rebuilt.withUnsafeMutableBufferPointer {
      try FittedTransforms(settings: m.transforms, statistics: m.normalization, calendarStart: m.calendarStart, dayCount: m.dayCount)
        .invert($0, from: .model, to: .raw)
    }
    #expect(raw.reconstructed == rebuilt)
    #expect(raw.modelSpaceMSE == model.modelSpaceMSE)
  }

  @Test func svgHasOnePanelPerFeatureTitledWithGroupAndDates() throws {
    let shards = try TrainFixtures.anomaly()
    let window = try ReconstructJob(
      directory: shards, modelURL: try ScoreJobTests.trainedModel(shards), split: .test, index: 8
    ).run()
    let svg = SVGReconstructionPlot(window).render()
    #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
    #expect(svg.hasSuffix("</svg>\n"))
    #expect(svg.contains("beta · 2022-06-20 – 2022-06-26"))
    #expect(svg.components(separatedBy: "<polyline").count - 1 == 6)
    for name in ["temp", "load", "errors"] { #expect(svg.contains(">\(name)</text>")) }
    #expect(svg.contains(">06-20</text>") && svg.contains(">06-26</text>"))
  }

  @Test func wideWindowsPlotTheTwelveLargestVariancesAndEscapeNames() {
    // 20 features; feature j varies with amplitude (j * 7) % 20, so the 12 largest are known.
    let f = 20
    let t = 5
    var actual = [Float](repeating: 0, count: t * f)
    for s in 0..<t { for j in 0..<f { actual[s * f + j] = Float((j * 7) % 20) * (s % 2 == 0 ? 1 : -1) } }
    let window = WindowReconstruction(
      split: .test, index: 0, group: "A&B <x>", start: "2020-01-01", end: "2020-01-05", space: .model,
      featureNames: (0..<f).map { "src:f\($0)" }, actual: actual, reconstructed: actual, modelSpaceMSE: 0)
    let plot = SVGReconstructionPlot(window)
    let expected = (0..<f).sorted { ($0 * 7) % 20 > ($1 * 7) % 20 }.prefix(12)
    #expect(plot.plottedFeatures == Array(expected))
    let svg = plot.render()
    #expect(svg.components(separatedBy: "<polyline").count - 1 == 24)
    #expect(svg.contains("A&amp;B &lt;x&gt;"))
    #expect(svg.contains("12 of 20 features"))
  }

  @Test func ticksAreRoundAndCoverTheRange() {
    let ticks = SVGReconstructionPlot.niceTicks(lo: -0.034, hi: 0.087)
    #expect(ticks.first! <= -0.034 && ticks.last! >= 0.087)
    #expect((3...7).contains(ticks.count))
    let step = ticks[1] - ticks[0]
    #expect(abs(step - 0.05) < 1e-12 || abs(step - 0.02) < 1e-12)
    #expect(SVGReconstructionPlot.niceTicks(lo: 2, hi: 2).count >= 2)
    #expect(SVGReconstructionPlot.dayTicks(14) == [0, 3, 6, 9, 13])
  }
}
