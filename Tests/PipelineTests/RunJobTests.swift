import EventData
import FixtureSupport
import Foundation
import Frames
import Pipeline
import Shards
import Support
import Synth
import Testing
import Transforms

private func pipeline(_ path: String) throws -> PipelineConfig {
  try PipelineConfig.load(from: Fixtures.root.appendingPathComponent(path))
}

/// A seeded synthetic dump of `rows` events over Jan–Apr 2014.
private func syntheticDump(rows: Int, seed: UInt64) throws -> URL {
  let url = try Fixtures.temporaryDirectory("run-dump").appendingPathComponent("events.tsv")
  try SyntheticDump(rows: rows, start: Day(year: 2014, month: 1, day: 1)!, days: 120, seed: seed, duplicates: 5).write(
    to: url)
  return url
}

@Suite struct RunJobTests {
  @Test func seedOverfitPipelineGivesOneTrainWindowEqualToTheDifferencedSeed() throws {
    let out = try Fixtures.temporaryDirectory("run-seed")
    let job = RunJob(
      config: try pipeline("Pipelines/seed-overfit.yaml"), inputs: [Fixtures.url("seed-sequence.csv").path],
      outputDirectory: out)
    let manifest = try job.run().manifest
    #expect(manifest.windows.train == 1 && manifest.windows.valid == 0 && manifest.windows.test == 0)
    #expect(manifest.featureNames == ["f0", "f1", "f2", "f3", "f4"])
    let dataset = try ShardDataset.open(out)
    let stored = try dataset.reader(.train, shard: 0).readWindow(0)

    // The seed as printed in the CSV, then x[t] − x[t−1] for t ≥ 1 (first frame kept).
    let text = try String(contentsOf: Fixtures.url("seed-sequence.csv"), encoding: .utf8)
    let seed = text.split(separator: "\n").dropFirst().map { $0.split(separator: ",").map { Float(String($0))! } }
    #expect(seed.count == 14)
    var expected: [Float] = seed[0]
    for t in 1..<14 { expected += (0..<5).map { seed[t][$0] - seed[t - 1][$0] } }
    #expect(stored == expected)
  }

  @Test func everyStoredWindowInvertsToItsCSVFramesInEverySplit() throws {
    let out = try Fixtures.temporaryDirectory("run-sensors")
    let input = Fixtures.url("shards/sensors.csv")
    let job = RunJob(config: try pipeline("Fixtures/shards/sensors.yaml"), inputs: [input.path], outputDirectory: out)
    let manifest = try job.run().manifest
    let frames = try CSVFrameSeries(url: input)
    #expect(manifest.groups == ["east", "north"])
    #expect(manifest.windows.train > 0 && manifest.windows.valid > 0 && manifest.windows.test > 0)
    #expect(manifest.windows.droppedStraddling > 0)
    let dataset = try ShardDataset.open(out)
    var series = [Float](repeating: 0, count: frames.dayCount * 3)
    for split in SplitName.allCases {
      var previous: WindowKey?
      for index in 0..<dataset.windowCount(split) {
        let window = try dataset.inspect(split, index: index, space: .raw)
        let g = manifest.groups.firstIndex(of: window.group)!
        let start = Day(iso: window.start)! - manifest.calendarStart
        let key = WindowKey(group: g, startDay: start)
        if let previous { #expect(previous < key, "export order is group, then start day") }
        previous = key
        series.withUnsafeMutableBufferPointer { frames.fillSeries(group: g, into: $0) }
        let want = Array(series[start * 3..<(start + 5) * 3])
        #expect(zip(window.values, want).allSatisfy { abs($0 - $1) <= 1e-4 * max(1, abs($1)) })
        let assigner = SplitAssigner(split: manifest.transforms.split, calendarStart: manifest.calendarStart)
        #expect(assigner.split(first: start, last: start + 4) == split)
      }
    }
  }

  @Test func rerunsWriteByteIdenticalFiles() throws {
    let dump = try syntheticDump(rows: 3000, seed: 21)
    let config = try pipeline("Fixtures/shards/small-run.yaml")
    let a = try Fixtures.temporaryDirectory("run-a")
    let b = try Fixtures.temporaryDirectory("run-b")
    let first = try RunJob(config: config, inputs: [dump.path], outputDirectory: a).run().manifest
    try RunJob(config: config, inputs: [dump.path], outputDirectory: b).run()
    #expect(first.rows.read == 3000 && first.rows.duplicates > 0)
    #expect(first.windows.train > 0 && first.windows.valid > 0 && first.windows.test > 0)
    let files = try FileManager.default.subpathsOfDirectory(atPath: a.path).sorted()
    #expect(
      files.contains("manifest.json") && files.contains("rejects.tsv") && files.contains("train/shard-00000.icws"))
    #expect(!files.contains(".staging"))
    for file in files {
      var isDirectory: ObjCBool = false
      _ = FileManager.default.fileExists(atPath: a.appendingPathComponent(file).path, isDirectory: &isDirectory)
      if isDirectory.boolValue { continue }
      #expect(
        try Data(contentsOf: a.appendingPathComponent(file)) == Data(contentsOf: b.appendingPathComponent(file)),
        "\(file) differs between reruns")
    }
    try ShardDataset.open(a).verify()
  }

  @Test func reuseManifestEncodesWithTheOldVocabulariesAndStatistics() throws {
    let config = try pipeline("Fixtures/shards/small-run.yaml")
    let old = try Fixtures.temporaryDirectory("run-old")
    let oldManifest = try RunJob(
      config: config, inputs: [try syntheticDump(rows: 2000, seed: 1).path], outputDirectory: old
    )
    .run().manifest
    let newDump = try syntheticDump(rows: 2000, seed: 2)
    let fresh = try RunJob(
      config: config, inputs: [newDump.path], outputDirectory: try Fixtures.temporaryDirectory("run-fresh")
    )
    .run().manifest
    #expect(fresh.normalization != oldManifest.normalization, "a different dump fits different statistics")
    let reused = try RunJob(
      config: config, inputs: [newDump.path], outputDirectory: try Fixtures.temporaryDirectory("run-reused"),
      reuseManifest: old
    ).run().manifest
    #expect(reused.frozen)
    #expect(reused.normalization == oldManifest.normalization)
    #expect(reused.vocabularies == oldManifest.vocabularies)
    #expect(reused.featureNames == oldManifest.featureNames)
  }

  @Test func aFailedRunLeavesTheEarlierResultIntact() throws {
    let out = try Fixtures.temporaryDirectory("run-fail")
    let config = try pipeline("Pipelines/seed-overfit.yaml")
    let before = try RunJob(config: config, inputs: [Fixtures.url("seed-sequence.csv").path], outputDirectory: out)
      .run().manifest
    let badCSV = try Fixtures.temporaryDirectory("run-bad").appendingPathComponent("bad.csv")
    try "f0,f1,f2,f3,f4\n1,2,3,4,5\n1,2,x,4,5\n".write(to: badCSV, atomically: true, encoding: .utf8)
    let error = #expect(throws: FrameError.self) {
      try RunJob(config: config, inputs: [badCSV.path], outputDirectory: out).run()
    }
    #expect(error?.context.hasSuffix("bad.csv:3") == true)
    let dataset = try ShardDataset.open(out)
    #expect(dataset.manifest == before)
    try dataset.verify()
    #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent(".staging").path))
  }
}
