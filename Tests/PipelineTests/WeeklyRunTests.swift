import EventData
import FixtureSupport
import Foundation
import Pipeline
import Shards
import Support
import Synth
import Testing

@Suite struct WeeklyRunTests {
  /// A small icews-anomaly-shaped run: weekly frames of quad + root + log count, 4-week windows, stride 1.
  private func weeklyRun() throws -> (manifest: ShardManifest, directory: URL) {
    let dir = try Fixtures.temporaryDirectory("run-weekly")
    let dump = dir.appendingPathComponent("events.tsv")
    // 2014-01-01 is a Wednesday, so the first week starts Monday 2013-12-30.
    try SyntheticDump(rows: 30000, start: Day(iso: "2014-01-01")!, days: 365, seed: 5, countries: 4).write(to: dump)
    let yaml = """
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
    let config = try PipelineConfig.parse(yaml: yaml, file: "weekly.yaml")
    let out = dir.appendingPathComponent("shards")
    let manifest = try RunJob(config: config, inputs: [dump.path], outputDirectory: out).run().manifest
    return (manifest, out)
  }

  @Test func weeklyFramesGiveWeeksInTheManifestAndMondaysAsWindowStarts() throws {
    let (manifest, out) = try weeklyRun()
    #expect(manifest.period == .week)
    #expect(manifest.calendarStart.iso == "2013-12-30")
    #expect(manifest.dayCount == 53, "the weeks of 2013-12-30 … 2014-12-29")
    #expect(manifest.featureCount == 25)
    // Train weeks end by Sunday 2014-06-29 (26 weeks); valid by 2014-09-28 (13 more).
    let groups = manifest.groups.count
    #expect(manifest.windows.train == groups * (26 - 3))
    #expect(manifest.windows.valid == groups * (13 - 3))
    let json = try String(contentsOf: out.appendingPathComponent("manifest.json"), encoding: .utf8)
    #expect(json.contains("\"period\":\"week\"") || json.contains("\"period\" : \"week\""))
    let window = try ShardDataset.open(out).inspect(.valid, index: 0, space: .raw)
    #expect(window.start == "2014-06-30")
  }

  @Test func dailyManifestsCarryNoPeriodKey() throws {
    let out = try Fixtures.temporaryDirectory("run-daily-no-period")
    let config = try PipelineConfig.load(from: Fixtures.root.appendingPathComponent("Pipelines/seed-overfit.yaml"))
    _ = try RunJob(config: config, inputs: [Fixtures.url("seed-sequence.csv").path], outputDirectory: out).run()
    let json = try String(contentsOf: out.appendingPathComponent("manifest.json"), encoding: .utf8)
    #expect(!json.contains("period"))
  }

  @Test func scoresOfWeeklyWindowsRunMondayToSunday() throws {
    let (_, out) = try weeklyRun()
    let model = out.deletingLastPathComponent().appendingPathComponent("m.safetensors")
    var options = TrainOptions(hidden: 8)
    options.epochs = 2
    _ = try TrainJob(directory: out, options: options, modelURL: model).run()
    let result = try ScoreJob(directory: out, modelURL: model, split: .test).run()
    #expect(!result.windows.isEmpty)
    for w in result.windows {
      let start = try #require(Day(iso: w.start))
      #expect(CalendarPeriod.week.firstDay(ofOrdinal: CalendarPeriod.week.ordinal(of: start)) == start)
      #expect(try #require(Day(iso: w.end)) - start == 27)
      #expect(w.meanBaselineScore != nil && w.zscoreBaselineScore != nil)
    }
  }
}
