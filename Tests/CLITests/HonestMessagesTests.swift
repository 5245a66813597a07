import FixtureSupport
import Foundation
import Testing

/// Issue 12's misleading messages: each now says what is wrong in words, names the file, and never
/// shows Foundation's or Swift's internals.
@Suite struct HonestMessagesTests {
  static let internals = [
    "NSCocoaErrorDomain", "error 512", "isn't in the correct format", "DecodingError", "Debug description",
    "CodingKeys", "typeMismatch", "Missing value",
  ]

  func expectNoInternals(_ text: String) {
    for leak in Self.internals { #expect(!text.contains(leak), "\(leak) in: \(text)") }
  }

  @Test("a manifest with a value of the wrong type names the file and the field, no DecodingError dump")
  func badManifestField() throws {
    let shards = try StreamCommandTests.writeShards()
    let url = shards.appendingPathComponent("manifest.json")
    let text = try String(contentsOf: url, encoding: .utf8)
    let broken = try #require(text.range(of: #""windows" : \d+"#, options: .regularExpression))
    let damaged = text.replacingCharacters(in: broken, with: #""windows" : "many""#)
    try damaged.write(to: url, atomically: true, encoding: .utf8)
    for command in [["verify", shards.path], ["stats", shards.path]] {
      let run = try runIcews(command)
      #expect(run.status == 1, "\(run.stderr)")
      #expect(run.stderr.contains("\(url.path): cannot be read: field "), "\(run.stderr)")
      #expect(run.stderr.contains(".windows: expected an integer"), "\(run.stderr)")
      expectNoInternals(run.stderr)
    }
    try "{ not json".write(to: url, atomically: true, encoding: .utf8)
    let run = try runIcews(["verify", shards.path])
    #expect(run.stderr.contains("\(url.path): cannot be read: not valid JSON"), "\(run.stderr)")
    expectNoInternals(run.stderr)
  }

  @Test(
    "negative numbers are range errors naming the option, not 'Missing value'",
    arguments: [
      (["train", "SHARDS", "--hidden", "-5", "-o", "m.safetensors"], "--hidden must be at least 1"),
      (["stream", "SHARDS", "--batch", "-1"], "--batch must be 1…"),
      (["stream", "SHARDS", "--batch", "2", "--rank", "-1"], "--rank must be in 0..<--world-size"),
      (["synth", "--rows", "-3", "-o", "x.tsv"], "--rows must be 0 or more"),
    ])
  func negativeOptionValues(arguments: [String], message: String) throws {
    let shards = try StreamCommandTests.writeShards()
    let run = try runIcews(arguments.map { $0 == "SHARDS" ? shards.path : $0 })
    #expect(run.status == 2, "\(run.stderr)")
    #expect(run.stderr.contains(message), "\(run.stderr)")
    expectNoInternals(run.stderr)
  }

  @Test("a long bad value in a pipeline file is quoted to 80 characters")
  func longPipelineValue() throws {
    let folder = try Fixtures.temporaryDirectory("long-value")
    let pipeline = folder.appendingPathComponent("p.yaml")
    let value = String(repeating: "7", count: 100_000)
    try "frames:\n  features:\n    - multi_hot: source_sectors\n      top_k: \(value)\n"
      .write(to: pipeline, atomically: true, encoding: .utf8)
    let run = try runIcews([
      "run", pipeline.path, "--input", Fixtures.url("icews/classic.tab").path, "--out",
      folder.appendingPathComponent("out").path,
    ])
    #expect(run.status == 1)
    #expect(run.stderr.contains("frames.features[0].top_k"), "\(run.stderr.prefix(300))")
    #expect(run.stderr.contains("(100000 characters)"))
    #expect(run.stderr.count < 400, "\(run.stderr.count) characters")
  }

  @Test("a first line of several MiB is too long, not an empty file")
  func longFirstLine() throws {
    let folder = try Fixtures.temporaryDirectory("long-first-line")
    let input = folder.appendingPathComponent("one-line.tab")
    try String(repeating: "a", count: 3 << 20).write(to: input, atomically: true, encoding: .utf8)
    let run = try runIcews([
      "frames", "--pipeline", Fixtures.url("frames/small.yaml").path, "--input", input.path,
      "--out", folder.appendingPathComponent("out").path,
    ])
    #expect(run.status == 1)
    #expect(run.stderr.contains("\(input.path):1: this line is longer than 1 MiB"), "\(run.stderr)")
    #expect(!run.stderr.contains("empty file"))
  }
}
