import FixtureSupport
import Foundation
import Frames
import Support
import Testing

private let quad5 = Fixtures.root.appendingPathComponent("Pipelines/quad5.yaml").path
private let icews274 = Fixtures.root.appendingPathComponent("Pipelines/icews-274.yaml").path

private func floats(_ bytes: ArraySlice<UInt8>) -> [Float] {
  stride(from: bytes.startIndex, to: bytes.endIndex, by: 4).map { i in
    Float(
      bitPattern: UInt32(bytes[i]) | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2]) << 16 | UInt32(bytes[i + 3]) << 24
    )
  }
}

@Test func framesCommandWritesNPYJSONAndRejectsAsTheContractSays() throws {
  let out = try Fixtures.temporaryDirectory("cli-frames")
  let input = Fixtures.url("frames/small.tab").path
  let result = try runIcews([
    "frames", "--pipeline", Fixtures.url("frames/small.yaml").path, "--input", input, "--out", out.path,
  ])
  #expect(result.status == 0, "\(result.stderr)")
  #expect(result.stdout.isEmpty)
  let summary = result.stderr.split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }
  #expect(summary.contains("rows read 12"))
  #expect(summary.contains { $0.hasPrefix("rows rejected 1 see") })
  #expect(summary.contains("duplicates 1 dropped, first kept"))
  #expect(!result.stderr.contains("\u{1B}["), "no progress bar when stderr is not a terminal")

  // frames.npy: float32 [groups × days, F], group-major; hand-computed values in small.expected.json.
  let expected =
    try JSONSerialization.jsonObject(with: Data(contentsOf: Fixtures.url("frames/small.expected.json")))
    as! [String: Any]
  let groups = expected["groups"] as! [String]
  let features = expected["features"] as! [String]
  let frames = expected["frames"] as! [String: [[Double]]]
  let bytes = [UInt8](try Data(contentsOf: out.appendingPathComponent("frames.npy")))
  let header = try #require(NPYFormat.parseHeader(bytes))
  #expect(header.dtype == .float32)
  #expect(header.shape == [groups.count * 4, features.count])
  let values = floats(bytes[header.payloadOffset...])
  let want = groups.flatMap { frames[$0]!.flatMap { $0 } }
  #expect(values.count == want.count)
  for (a, b) in zip(values, want) { #expect(abs(Double(a) - b) < 1e-6) }

  let json =
    try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("frames.json")))
    as! [String: Any]
  for key in ["features", "groups", "start", "days", "rows_read", "rows_rejected", "duplicates", "vocabularies"] {
    #expect(json[key] != nil, "frames.json lacks \(key)")
  }
  #expect(json["features"] as? [String] == features)
  #expect(json["groups"] as? [String] == groups)
  #expect(json["start"] as? String == "2020-01-01")
  #expect(json["days"] as? Int == 4)
  #expect(json["duplicates"] as? Int == 1)
  #expect((json["vocabularies"] as? [String: [String]])?["source_sectors"] == ["Government", "Arab, Arabian"])

  let rejects = try String(contentsOf: out.appendingPathComponent("rejects.tsv"), encoding: .utf8)
  #expect(rejects.hasPrefix("file\tline\treason\traw\n\(input)\t7\t"))
}

@Test func framesCommandReadsStandardInput() throws {
  let out = try Fixtures.temporaryDirectory("cli-stdin")
  let result = try runIcews(
    ["frames", "--pipeline", quad5, "--input", "-", "--out", out.path],
    stdin: Fixtures.url("frames/small.tab"))
  #expect(result.status == 0, "\(result.stderr)")
  let bytes = [UInt8](try Data(contentsOf: out.appendingPathComponent("frames.npy")))
  #expect(NPYFormat.parseHeader(bytes)?.shape == [3 * 4, 5])
}

@Test func failPolicyExitsOneWithFileLineReason() throws {
  let dir = try Fixtures.temporaryDirectory("cli-fail")
  let pipeline = dir.appendingPathComponent("fail.yaml")
  let text = try String(contentsOf: Fixtures.url("frames/small.yaml"), encoding: .utf8)
  try (text + "input:\n  on_bad_row: fail\n").write(to: pipeline, atomically: true, encoding: .utf8)
  let input = Fixtures.url("frames/small.tab").path
  let result = try runIcews([
    "frames", "--pipeline", pipeline.path, "--input", input, "--out", dir.appendingPathComponent("out").path,
  ])
  #expect(result.status == 1)
  #expect(result.stderr.hasPrefix("error: \(input):7: "), "\(result.stderr)")
}

@Test func badPipelineExitsOneNamingFileAndKey() throws {
  let dir = try Fixtures.temporaryDirectory("cli-badconfig")
  let pipeline = dir.appendingPathComponent("bad.yaml")
  try "frames:\n  features:\n    - one_hot: quad_class\nwindow:\n  length: -3\n".write(
    to: pipeline, atomically: true, encoding: .utf8)
  let result = try runIcews([
    "frames", "--pipeline", pipeline.path, "--input", Fixtures.url("frames/small.tab").path, "--out", dir.path,
  ])
  #expect(result.status == 1)
  #expect(result.stderr.contains("bad.yaml:5: window.length: expected a positive integer"), "\(result.stderr)")
}

@Test func missingInputFileExitsOneNamingIt() throws {
  let dir = try Fixtures.temporaryDirectory("cli-missing")
  let result = try runIcews(["frames", "--pipeline", quad5, "--input", "/nonexistent/x.tab", "--out", dir.path])
  #expect(result.status == 1)
  #expect(result.stderr.contains("/nonexistent/x.tab"))
}

@Test func usageErrorsExitTwo() throws {
  #expect(try runIcews(["frames", "--pipeline", quad5]).status == 2)
  #expect(try runIcews(["frames", "--bogus"]).status == 2)
  #expect(try runIcews(["synth", "--rows", "10", "--start", "2020-02-30", "-o", "-"]).status == 2)
  #expect(try runIcews(["frames", "--help"]).status == 0)
}

@Test func helpShowsAnExample() throws {
  for command in ["frames", "synth"] {
    let result = try runIcews([command, "--help"])
    #expect(String(decoding: result.stdout, as: UTF8.self).contains("icews \(command) --"))
  }
}

@Test func synthIsDeterministicAndFeedsFrames() throws {
  let dir = try Fixtures.temporaryDirectory("cli-synth")
  let a = try runIcews(["synth", "--rows", "500", "--start", "2020-01-01", "--days", "10", "--seed", "3", "-o", "-"])
  let b = try runIcews(["synth", "--rows", "500", "--start", "2020-01-01", "--days", "10", "--seed", "3", "-o", "-"])
  #expect(a.status == 0)
  #expect(a.stdout == b.stdout)
  #expect(String(decoding: a.stdout, as: UTF8.self).split(separator: "\n").count == 501)
  let file = dir.appendingPathComponent("dump.tsv")
  #expect(
    try runIcews(["synth", "--rows", "500", "--start", "2020-01-01", "--days", "10", "--seed", "3", "-o", file.path])
      .status == 0)
  #expect(try Data(contentsOf: file) == a.stdout)
  let frames = try runIcews(["frames", "--pipeline", icews274, "--input", file.path, "--out", dir.path])
  #expect(frames.status == 0, "\(frames.stderr)")
  let json =
    try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("frames.json")))
    as! [String: Any]
  #expect(json["rows_read"] as? Int == 500)
  #expect((json["features"] as? [String])?.count == 274)
  #expect(json["days"] as? Int == 10)
}

@Test func synthWritesItsEpisodesFile() throws {
  let dir = try Fixtures.temporaryDirectory("cli-synth-episodes")
  let episodes = dir.appendingPathComponent("episodes.tsv")
  let result = try runIcews([
    "synth", "--rows", "2000", "--start", "2014-01-01", "--days", "800", "--countries", "5", "--seed", "3",
    "--episodes", episodes.path, "-o", dir.appendingPathComponent("dump.tsv").path,
  ])
  #expect(result.status == 0)
  let lines = try String(contentsOf: episodes, encoding: .utf8).split(separator: "\n")
  #expect(lines.first == "country\tstart\tend\tdays\tvolume_factor\tconflict_shift\tkind")
  #expect(lines.count == 3)
}
