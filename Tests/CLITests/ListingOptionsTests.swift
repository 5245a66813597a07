import FixtureSupport
import Foundation
import Testing

/// `--top`, `--features`, `--groups`, dated CSVs, group names in any case and empty-split warnings.
@Suite struct ListingOptionsTests {
  @Test func inspectTopAndFeaturesPickFeaturesByVarianceAndName() throws {
    let out = try runSensors()
    let all = try runIcews(["inspect", out.path, "--split", "train", "--index", "0", "--format", "json"])
    let object = try #require(try JSONSerialization.jsonObject(with: all.stdout) as? [String: Any])
    let values = try #require(object["values"] as? [[Double]])
    let variances = (0..<3).map { j -> Double in
      let column = values.map { $0[j] }
      let mean = column.reduce(0, +) / Double(column.count)
      return column.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
    }
    let names = ["temp", "load", "errors"]
    let largest = names[variances.indices.max { variances[$0] < variances[$1] }!]
    let top = try runIcews(["inspect", out.path, "--split", "train", "--index", "0", "--top", "1", "--format", "csv"])
    #expect(top.status == 0, "\(top.stderr)")
    #expect(top.stdoutText.split(separator: "\n").first == "date,\(largest)")

    let glob = try runIcews([
      "inspect", out.path, "--split", "train", "--index", "0", "--features", "L*D", "--format", "csv",
    ])
    #expect(glob.stdoutText.split(separator: "\n").first == "date,load")
    let substring = try runIcews(["inspect", out.path, "--split", "train", "--index", "0", "--features", "ERR"])
    #expect(substring.stdoutText.contains("errors") && !substring.stdoutText.contains("temp"))
    #expect(substring.stdoutText.contains("(1 of 3 features shown"))
    let none = try runIcews(["inspect", out.path, "--split", "train", "--index", "0", "--features", "tmp"])
    #expect(none.status == 1 && none.stderr.contains("no feature matches 'tmp'") && none.stderr.contains("'temp'"))
    #expect(try runIcews(["inspect", out.path, "--split", "train", "--index", "0", "--top", "0"]).status == 2)
  }

  @Test func groupsMatchIgnoringCaseAndAnUnknownOneSuggestsTheClosest() throws {
    let out = try runSensors()
    let exact = try runIcews([
      "inspect", out.path, "--split", "train", "--group", "north", "--date", "2021-03-04", "--format", "csv",
    ])
    let upper = try runIcews([
      "inspect", out.path, "--split", "train", "--group", "NORTH", "--date", "2021-03-04", "--format", "csv",
    ])
    #expect(exact.status == 0 && upper.status == 0, "\(upper.stderr)")
    #expect(exact.stdout == upper.stdout)
    let typo = try runIcews(["inspect", out.path, "--split", "train", "--group", "nroth", "--date", "2021-03-04"])
    #expect(typo.status == 1)
    #expect(typo.stderr.contains("no group 'nroth'; did you mean 'north'?"), "\(typo.stderr)")
    #expect(typo.stderr.contains("--groups"))
  }

  @Test func aPrefixOfALongNameIsSuggested() throws {
    let out = try Fixtures.temporaryDirectory("cli-listing-sample")
    let run = try runIcews([
      "run", Fixtures.root.appendingPathComponent("Pipelines/icews-274.yaml").path, "--input",
      Fixtures.url("sample/icews-sample.tab.gz").path,
      "--out", out.path,
    ])
    #expect(run.status == 0, "\(run.stderr)")
    let russia = try runIcews(["inspect", out.path, "--split", "test", "--group", "Russia", "--date", "2019-03-04"])
    #expect(russia.stderr.contains("no group 'Russia'; did you mean 'Russian Federation'?"), "\(russia.stderr)")
    let groups = try runIcews(["stats", out.path, "--groups"])
    #expect(groups.stdoutText.split(separator: "\n").count == 6 && groups.stdoutText.contains("Russian Federation\n"))
    // A long feature name is printed whole, and the raw CSV has no float round-off for zero fractions.
    let stats = try runIcews(["stats", out.path, "--features", "root:*", "--top", "3"])
    let rows = stats.stdoutText.split(separator: "\n").filter { $0.hasPrefix("root:") }
    #expect(rows.count == 3)
    let csv = try runIcews([
      "inspect", out.path, "--split", "test", "--index", "0", "--space", "raw", "--format", "csv",
    ])
    #expect(csv.status == 0)
    #expect(!csv.stdoutText.contains("e-"), "tiny round-off printed as a number")
    #expect(csv.stdoutText.split(separator: "\n")[1].hasPrefix("2019-"))
  }

  @Test func longFeatureNamesArePrintedWhole() throws {
    let dir = try Fixtures.temporaryDirectory("cli-listing-long")
    let long = "errors_reported_by_the_northern_maintenance_crew"
    let csv = try String(contentsOf: Fixtures.url("shards/sensors.csv"), encoding: .utf8)
      .replacingOccurrences(of: "date,group,temp,load,errors", with: "date,group,temp,load,\(long)")
    let input = dir.appendingPathComponent("long.csv")
    try csv.write(to: input, atomically: true, encoding: .utf8)
    let out = dir.appendingPathComponent("out")
    #expect(
      try runIcews(["run", Fixtures.url("shards/sensors.yaml").path, "--input", input.path, "--out", out.path]).status
        == 0)
    #expect(try runIcews(["stats", out.path]).stdoutText.contains(long + " "))
    #expect(try runIcews(["inspect", out.path, "--split", "train", "--index", "0"]).stdoutText.contains(long + " "))
  }

  @Test func statsTopRanksByTrainVariance() throws {
    let out = try runSensors()
    let full = try runIcews(["stats", out.path]).stdoutText
    let stds = ["temp", "load", "errors"].map { name -> (String, Double) in
      let row = full.split(separator: "\n").first { $0.hasPrefix(name + " ") }!
      return (name, Double(row.split(separator: " ")[2])!)
    }
    let widest = stds.max { $0.1 < $1.1 }!.0
    let top = try runIcews(["stats", out.path, "--top", "1"]).stdoutText
    let featureRows = top.split(separator: "\n").filter { ["temp ", "load ", "errors "].contains(where: $0.hasPrefix) }
    #expect(featureRows.count == 1 && featureRows[0].hasPrefix(widest + " "))
    #expect(try runIcews(["stats", out.path, "--groups", "--top", "2"]).status == 2)
  }

  @Test func runWarnsWhenTheDataEndsBeforeTheTestSplit() throws {
    let dir = try Fixtures.temporaryDirectory("cli-listing-empty")
    let yaml = try String(contentsOf: Fixtures.url("shards/sensors.yaml"), encoding: .utf8)
      .replacingOccurrences(of: "valid_end: 2021-03-31", with: "valid_end: 2021-04-30")
    let pipeline = dir.appendingPathComponent("late.yaml")
    try yaml.write(to: pipeline, atomically: true, encoding: .utf8)
    let run = try runIcews([
      "run", pipeline.path, "--input", Fixtures.url("shards/sensors.csv").path, "--out",
      dir.appendingPathComponent("out").path,
    ])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stderr.contains("warning: the test split has 0 windows"), "\(run.stderr)")
    #expect(run.stderr.contains("2021-04-09") && run.stderr.contains("split.valid_end 2021-04-30"))
    #expect(try !runSensorsStderr().contains("0 windows"))
  }

  private func runSensorsStderr() throws -> String {
    let out = try Fixtures.temporaryDirectory("cli-listing-normal")
    return try runIcews([
      "run", Fixtures.url("shards/sensors.yaml").path, "--input", Fixtures.url("shards/sensors.csv").path, "--out",
      out.path,
    ]).stderr
  }
}
