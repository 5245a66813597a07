import EventData
import FixtureSupport
import Foundation
import Pipeline
import PipelineFixtures
import Shards
import Support
import Synth
import Testing

@Suite struct WeeklyRunTests {
  private func weeklyRun() throws -> (manifest: ShardManifest, directory: URL) {
    try WeeklyFixtures.run(rows: 30000, countries: 4, label: "run-weekly")
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
