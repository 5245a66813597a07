import EventData
import FixtureSupport
import Foundation
import Frames
import Shards
import Support
import Transforms

extension SplitMix64 {
  /// Uniform in [−1, 1) with 24 random bits: deterministic window values for shard tests.
  mutating func float() -> Float { Float(next() >> 40) / Float(1 << 24) * 2 - 1 }
}

struct SampleWindows {
  let length: Int
  let features: Int
  var values: [Float]
  var keys: [WindowKey]
  var splits: [SplitName]

  init(count: Int, length: Int, features: Int, seed: UInt64) {
    self.length = length
    self.features = features
    var random = SplitMix64(state: seed)
    values = (0..<count * length * features).map { _ in random.float() }
    keys = (0..<count).map { WindowKey(group: $0 / 10, startDay: ($0 % 10) * length) }
    splits = (0..<count).map { i in i % 10 < 6 ? .train : i % 10 < 8 ? .valid : .test }
  }

  func window(_ i: Int) -> ArraySlice<Float> { values[i * length * features..<(i + 1) * length * features] }

  /// Indices of the windows of `split`, in export order.
  func indices(_ split: SplitName) -> [Int] { splits.indices.filter { splits[$0] == split } }
}

func sampleManifest(_ sample: SampleWindows, settings: ShardSettings) -> ShardManifest {
  let f = sample.features
  return ShardManifest(
    pipeline: EmbeddedPipeline(name: "test", inputFormat: "frames-csv", source: "name: test\n", canonical: "{}"),
    featureNames: (0..<f).map { "f\($0)" }, vocabularies: FrameVocabularies(),
    normalization: NormalizationStatistics(
      method: .none, frameCount: 1, mean: .init(repeating: 0, count: f), std: .init(repeating: 1, count: f),
      min: .init(repeating: 0, count: f), max: .init(repeating: 1, count: f)),
    transforms: TransformSettings(
      normalize: .none, window: WindowSettings(length: sample.length, stride: sample.length)),
    shardSettings: settings, groups: (0..<(sample.keys.map(\.group).max() ?? 0) + 1).map { "g\($0)" },
    calendarStart: Day(year: 2000, month: 1, day: 1)!,
    dayCount: 10 * sample.length, rows: RowCounts(read: 5, rejected: 1, duplicates: 0), frozen: false)
}

/// Writes `sample` as a shard directory and returns the manifest written.
@discardableResult
func writeSample(_ sample: SampleWindows, to directory: URL, settings: ShardSettings) throws -> ShardManifest {
  let writer = try ShardDatasetWriter(
    directory: directory, windowLength: sample.length, featureCount: sample.features, settings: settings)
  for i in sample.keys.indices {
    try sample.window(i).withUnsafeBufferPointer { try writer.append($0, key: sample.keys[i], split: sample.splits[i]) }
  }
  return try writer.commit(sampleManifest(sample, settings: settings))
}
