import Foundation
import Testing

@testable import Loader

@Suite struct LoaderResumeTests {
  static let split = InMemorySplit(blocks: [[3], [4, 4, 2], [], [8, 8, 8, 7], [5, 0, 2], [6, 6]])

  static let configurations: [LoaderOptions] = [
    LoaderOptions(batchSize: 4),
    LoaderOptions(batchSize: 4, shuffle: true, seed: 8, epoch: 1, shuffleBufferWindows: 6),
    LoaderOptions(batchSize: 3, shuffle: true, seed: 2, rank: 1, worldSize: 3, shuffleBufferWindows: 100),
    LoaderOptions(batchSize: 5, shuffle: true, seed: 4, dropLast: true, shuffleBufferWindows: 1),
    LoaderOptions(batchSize: 2, shuffle: true, seed: 6, epoch: 9, rank: 0, worldSize: 2, prefetchDepth: 0),
  ]

  @Test(arguments: configurations)
  func resumeAtAnyPointContinuesTheUninterruptedStream(options: LoaderOptions) throws {
    let uninterrupted = try WindowLoader(source: Self.split, options: options).collect()
    for stop in Set([0, 1, 2, uninterrupted.count / 2, uninterrupted.count - 1, uninterrupted.count]) {
      let first = try WindowLoader(source: Self.split, options: options)
      let head = try first.collect(limit: stop)
      let saved = try JSONEncoder().encode(first.state)
      first.close()
      let state = try JSONDecoder().decode(LoaderState.self, from: saved)
      #expect(state.batchesDelivered == stop)
      let tail = try WindowLoader(source: Self.split, options: options, resumeFrom: state).collect()
      #expect(head + tail == uninterrupted, "stopped after \(stop) batches")
    }
  }

  @Test func resumeTakesTheEpochFromTheState() throws {
    let options = LoaderOptions(batchSize: 4, shuffle: true, seed: 8, epoch: 5)
    let uninterrupted = try WindowLoader(source: Self.split, options: options).collect()
    var otherEpoch = options
    otherEpoch.epoch = 0
    let state = LoaderState(epoch: 5, batchesDelivered: 3)
    let tail = try WindowLoader(source: Self.split, options: otherEpoch, resumeFrom: state).collect()
    #expect(tail == Array(uninterrupted.dropFirst(3)))
  }

  @Test func aStateFromOtherOptionsIsRefused() throws {
    let loader = try WindowLoader(source: Self.split, options: LoaderOptions(batchSize: 4, shuffle: true, seed: 1))
    _ = try loader.collect(limit: 2)
    let error = #expect(throws: LoaderError.self) {
      try WindowLoader(
        source: Self.split, options: LoaderOptions(batchSize: 4, shuffle: true, seed: 2), resumeFrom: loader.state)
    }
    #expect(error?.code == .invalidResumeState)
  }

  @Test func aStatePastTheEndIsRefused() {
    let error = #expect(throws: LoaderError.self) {
      try WindowLoader(
        source: Self.split, options: LoaderOptions(batchSize: 4),
        resumeFrom: LoaderState(epoch: 0, batchesDelivered: 100))
    }
    #expect(error?.description.contains("100") == true)
  }
}
