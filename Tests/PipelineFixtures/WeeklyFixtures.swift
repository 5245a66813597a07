import FixtureSupport
import Foundation
import Pipeline
import Shards
import Support
import Synth

/// A small icews-anomaly-shaped run: weekly frames of quad + root fractions and log(1 + count),
/// 4-week windows with stride 1, split mid-2014, on a synthetic 2014 dump.
public enum WeeklyFixtures {
  public static let yaml = """
    name: weekly
    frames:
      period: week
      features:
        - one_hot: quad_class
        - one_hot: cameo_root
        - numeric: event_count
          transform: log1p
    split:
      train_end: 2014-06-29
      valid_end: 2014-09-28
    difference:
      order: 0
    window:
      length: 4
      stride: 1
    """

  /// Runs the pipeline on `rows` synthetic events of `countries` countries (2014-01-01 is a
  /// Wednesday, so the first week starts Monday 2013-12-30); returns the manifest and shard folder.
  public static func run(rows: Int, countries: Int, label: String) throws -> (manifest: ShardManifest, directory: URL) {
    let dir = try Fixtures.temporaryDirectory(label)
    let dump = dir.appendingPathComponent("events.tsv")
    try SyntheticDump(rows: rows, start: Day(iso: "2014-01-01")!, days: 365, seed: 5, countries: countries)
      .write(to: dump)
    let config = try PipelineConfig.parse(yaml: yaml, file: "weekly.yaml")
    let out = dir.appendingPathComponent("shards")
    let manifest = try RunJob(config: config, inputs: [dump.path], outputDirectory: out).run().manifest
    return (manifest, out)
  }
}
