import FixtureSupport
import Foundation
import Shards
import Testing
import Transforms

/// A hand-edited or damaged manifest.json must give a `.badManifest` error, never an index-out-of-range crash.
@Suite struct ShardManifestConsistencyTests {
  let settings = ShardSettings(dtype: .float32, zstdLevel: 3, maxShardBytes: 64 << 20, blockWindows: 5)

  /// Writes a 40-window dataset, applies `edit` to its manifest's JSON object and returns the directory.
  func editedDataset(_ name: String, _ edit: (inout [String: Any]) -> Void) throws -> URL {
    let dir = try Fixtures.temporaryDirectory(name)
    try writeSample(SampleWindows(count: 40, length: 14, features: 5, seed: 3), to: dir, settings: settings)
    let url = dir.appendingPathComponent("manifest.json")
    var object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    edit(&object)
    try JSONSerialization.data(withJSONObject: object).write(to: url)
    return dir
  }

  @Test func aManifestOfAnUnknownFormatVersionNamesTheVersionsThisBuildReads() throws {
    let dir = try editedDataset("manifest-version") { m in m["format_version"] = 9 }
    let error = try #require(throws: ShardError.self) { try ShardDataset.open(dir) }
    #expect(error.code == .badManifest)
    let path = dir.appendingPathComponent("manifest.json").path
    #expect(error.description == "\(path): format version 9; this icews reads versions 1–2")
  }

  @Test func normalizationShorterThanTheFeaturesIsRejectedOnOpen() throws {
    let dir = try editedDataset("manifest-norm") { m in
      var n = m["normalization"] as! [String: Any]
      n["mean"] = [0.0]
      m["normalization"] = n
    }
    let error = try #require(throws: ShardError.self) { try ShardDataset.open(dir) }
    #expect(error.code == .badManifest)
    #expect(error.description.contains("normalization.mean has 1 values for 5 features"))
  }

  @Test func aNegativeShardWindowCountIsRejectedOnOpen() throws {
    let dir = try editedDataset("manifest-negative") { m in
      var splits = m["splits"] as! [String: Any]
      var train = splits["train"] as! [String: Any]
      var shards = train["shards"] as! [[String: Any]]
      shards[0]["windows"] = -1
      train["shards"] = shards
      splits["train"] = train
      m["splits"] = splits
    }
    let error = try #require(throws: ShardError.self) { try ShardDataset.open(dir) }
    #expect(error.code == .badManifest)
    #expect(error.description.contains("lists -1 windows"))
  }

  @Test func aWindowLengthBelowOneIsRejectedOnOpen() throws {
    let dir = try editedDataset("manifest-window") { m in
      var t = m["transforms"] as! [String: Any]
      t["window"] = ["length": -3, "stride": 14]
      m["transforms"] = t
    }
    let error = try #require(throws: ShardError.self) { try ShardDataset.open(dir) }
    #expect(error.code == .badManifest)
  }

  @Test func keysBeyondTheListedGroupsAreReportedWithTheShard() throws {
    let dir = try editedDataset("manifest-groups") { m in m["groups"] = ["g0"] }
    let dataset = try ShardDataset.open(dir)
    let error = try #require(throws: ShardError.self) { _ = try dataset.inspect(.train, index: 0, space: .model) }
    #expect(error.code == .badManifest)
    #expect(error.shard == "train/shard-00000.icws")
    #expect(throws: ShardError.self) { try dataset.verify() }
  }
}
