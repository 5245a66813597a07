import FixtureSupport
import Foundation
import Testing

@Suite struct StatsCommandTests {
  @Test func statsReportsSplitsGroupsRowsDroppedWindowsAndFeatures() throws {
    let out = try runSensors()
    let result = try runIcews(["stats", out.path])
    #expect(result.status == 0, "\(result.stderr)")
    let text = String(decoding: result.stdout, as: UTF8.self)
    for needle in [
      "groups         2: east, north", "rows           read 78, rejected 0", "train ", "valid ", "test ", "dropped",
      "temp", "errors",
    ] {
      #expect(text.contains(needle), "missing '\(needle)' in:\n\(text)")
    }
    #expect(try runIcews(["stats", "/nonexistent-dir"]).status == 1)
  }
}
