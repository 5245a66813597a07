import EventData
import FixtureSupport
import Foundation
import Frames
import Shards
import Support
import Transforms

/// Writes a real shard directory through `ShardDatasetWriter` holding the same windows as
/// `InMemorySplit`: window g (export order) has value g + f/1000 at feature f and key (shard, g).
enum ShardFixture {
  static func write(
    windows: Int, windowsPerShard: Int, blockWindows: Int, windowLength: Int = 3, featureCount: Int = 2
  ) throws -> URL {
    let directory = try Fixtures.temporaryDirectory("loader")
    let floats = windowLength * featureCount
    let settings = ShardSettings(
      dtype: .float32, zstdLevel: 1, maxShardBytes: windowsPerShard * floats * 4, blockWindows: blockWindows)
    let writer = try ShardDatasetWriter(
      directory: directory, windowLength: windowLength, featureCount: featureCount, settings: settings)
    var window = [Float](repeating: 0, count: floats)
    for id in 0..<windows {
      for t in 0..<windowLength {
        for f in 0..<featureCount { window[t * featureCount + f] = Float(id) + Float(f) / 1000 }
      }
      let key = WindowKey(group: id / windowsPerShard, startDay: id)
      try window.withUnsafeBufferPointer { try writer.append($0, key: key, split: .train) }
    }
    let groups = (windows + windowsPerShard - 1) / windowsPerShard
    try writer.commit(
      ShardManifest(
        pipeline: EmbeddedPipeline(name: "loader-test", inputFormat: "frames-csv", source: "", canonical: ""),
        featureNames: (0..<featureCount).map { "f\($0)" }, vocabularies: FrameVocabularies(),
        normalization: NormalizationStatistics(
          method: .none, frameCount: 0, mean: Array(repeating: 0, count: featureCount),
          std: Array(repeating: 1, count: featureCount), min: Array(repeating: 0, count: featureCount),
          max: Array(repeating: 1, count: featureCount)),
        transforms: TransformSettings(normalize: .none, window: WindowSettings(length: windowLength, stride: 1)),
        shardSettings: settings, groups: (0..<groups).map { "g\($0)" }, calendarStart: Day(index: 0),
        dayCount: windows + windowLength, rows: RowCounts(), frozen: false))
    return directory
  }

  /// The file name the dataset writer gives shard `index` of train.
  static func shardFile(_ index: Int) -> String {
    let digits = String(index)
    return "train/shard-" + String(repeating: "0", count: max(0, 5 - digits.count)) + digits + ".icws"
  }
}
