import FixtureSupport
import Foundation
import Testing

/// Values near float32's limit: a run either stores finite windows that every reader can show, or stops
/// with an error naming the input, the group, the day and the feature.
@Suite struct NonFiniteValuesTests {
  static let pipeline = Fixtures.root.appendingPathComponent("Pipelines/seed-overfit.yaml").path

  /// The seed sequence with its first column's rows replaced.
  func seed(_ label: String, rows: [Int: String]) throws -> URL {
    var lines = try String(contentsOf: Fixtures.url("seed-sequence.csv"), encoding: .utf8).split(separator: "\n").map(
      String.init)
    for (row, value) in rows {
      var fields = lines[row].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      fields[0] = value
      lines[row] = fields.joined(separator: ",")
    }
    let url = try Fixtures.temporaryDirectory(label).appendingPathComponent("seed.csv")
    try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
    return url
  }

  @Test("3.4e38 in one cell: the run stores finite windows and inspect shows them instead of crashing")
  func hugeValueInspects() throws {
    let input = try seed("huge", rows: [1: "3.4e38"])
    let out = try Fixtures.temporaryDirectory("huge-out")
    #expect(try runIcews(["run", Self.pipeline, "--input", input.path, "--out", out.path]).status == 0)
    #expect(try runIcews(["verify", out.path]).status == 0)
    for space in ["model", "raw"] {
      let shown = try runIcews(["inspect", out.path, "--split", "train", "--index", "0", "--space", space])
      #expect(shown.status == 0, "\(space): \(shown.stderr)")
      #expect(shown.stdoutText.contains("f0"))
    }
  }

  @Test("+3.4e38 then −3.4e38: differencing overflows, and the run stops naming input, group, day and feature")
  func overflowStopsTheRun() throws {
    let input = try seed("overflow", rows: [1: "3.4e38", 2: "-3.4e38"])
    let out = try Fixtures.temporaryDirectory("overflow-out")
    let run = try runIcews(["run", Self.pipeline, "--input", input.path, "--out", out.path])
    #expect(run.status == 1)
    #expect(
      run.stderr.contains(input.path) && run.stderr.contains("feature 'f0'") && run.stderr.contains("-inf"),
      "\(run.stderr)")
    #expect(!run.stderr.contains("isn't in the correct format"))
    #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("manifest.json").path))
  }
}
