import FixtureSupport
import Foundation
import Testing

@Suite struct InspectCommandTests {
  @Test func inspectShowsAWindowInEachSpaceAndFormat() throws {
    let out = try runSensors()
    let table = try runIcews(["inspect", out.path, "--split", "train", "--index", "0"])
    #expect(table.status == 0, "\(table.stderr)")
    let text = String(decoding: table.stdout, as: UTF8.self)
    #expect(text.contains("group east, 2021-03-01"))
    #expect(text.contains("temp") && text.contains("load"))

    let raw = try runIcews([
      "inspect", out.path, "--split", "train", "--group", "north", "--date", "2021-03-04", "--space", "raw", "--format",
      "csv",
    ])
    #expect(raw.status == 0, "\(raw.stderr)")
    let lines = String(decoding: raw.stdout, as: UTF8.self).split(separator: "\n")
    #expect(lines.first == "date,temp,load,errors")
    #expect(lines[1].hasPrefix("2021-03-04,"))
    // north's 2021-03-04 frame, as in the CSV: 22.397, 0.7927, 1
    let day0 = lines[1].split(separator: ",").dropFirst().map { Float(String($0))! }
    #expect(abs(day0[0] - 22.397) < 1e-3 && abs(day0[1] - 0.7927) < 1e-4 && abs(day0[2] - 1) < 1e-4)

    let json = try runIcews(["inspect", out.path, "--split", "test", "--index", "0", "--format", "json"])
    #expect(json.status == 0)
    let object = try JSONSerialization.jsonObject(with: json.stdout) as? [String: Any]
    #expect(object?["features"] as? [String] == ["temp", "load", "errors"])
    #expect((object?["values"] as? [[Double]])?.count == 5)
  }

  @Test func inspectRejectsBadSelectionsWithTheRightExitCode() throws {
    let out = try runSensors()
    #expect(try runIcews(["inspect", out.path, "--split", "train"]).status == 2)
    #expect(try runIcews(["inspect", out.path, "--split", "nope", "--index", "0"]).status == 2)
    let missing = try runIcews(["inspect", out.path, "--split", "train", "--index", "100000"])
    #expect(missing.status == 1)
    #expect(missing.stderr.contains("no window 100000"))
  }
}
