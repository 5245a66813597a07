import FixtureSupport
import Foundation
import Frames
import Support
import Testing

@Suite struct ReconstructCommandTests {
  @Test func npyIsActualThenReconstructedFloat32() throws {
    let (shards, model) = try anomalyShardsAndModel()
    let out = try Fixtures.temporaryDirectory("cli-reconstruct").appendingPathComponent("w.npy")
    let result = try runIcews([
      "reconstruct", shards.path, "--model", model.path, "--split", "test", "--index", "8", "--format", "npy", "-o",
      out.path,
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let bytes = [UInt8](try Data(contentsOf: out))
    let header = try #require(NPYFormat.parseHeader(bytes))
    #expect(header.dtype == .float32 && header.shape == [2, 7, 3])
    let values = bytes[header.payloadOffset...].withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
    #expect(values.count == 42)

    // The actual half is the stored window, as `icews export` gives it (test window 8 of 18).
    let exported = try Fixtures.temporaryDirectory("cli-reconstruct-export").appendingPathComponent("test.npy")
    #expect(
      try runIcews(["export", shards.path, "--split", "test", "--format", "npy", "-o", exported.path]).status == 0)
    let all = [UInt8](try Data(contentsOf: exported))
    let allHeader = try #require(NPYFormat.parseHeader(all))
    let windows = all[allHeader.payloadOffset...].withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
    #expect(Array(values[0..<21]) == Array(windows[(8 * 21)..<(9 * 21)]))
    #expect(Array(values[21..<42]) != Array(values[0..<21]))
    #expect(result.stderr.contains("beta 2022-06-20"))
  }

  @Test func plotWritesAnSVGWithAPanelPerFeature() throws {
    let (shards, model) = try anomalyShardsAndModel()
    let out = try Fixtures.temporaryDirectory("cli-reconstruct-svg").appendingPathComponent("w.svg")
    let result = try runIcews([
      "reconstruct", shards.path, "--model", model.path, "--split", "valid", "--index", "0", "--space", "raw", "--plot",
      out.path,
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let svg = try String(contentsOf: out, encoding: .utf8)
    #expect(svg.hasPrefix("<svg") && svg.contains("raw space") && svg.contains("alpha · 2022-04-25 – 2022-05-01"))
    #expect(svg.components(separatedBy: "<polyline").count - 1 == 6)
  }

  @Test func scoresPutTheWindowsScoreAndRankInTheTitle() throws {
    let (shards, model) = try anomalyShardsAndModel()
    let dir = try Fixtures.temporaryDirectory("cli-reconstruct-scores")
    let scores = dir.appendingPathComponent("scores.csv").path
    #expect(try runIcews(["score", shards.path, "--model", model.path, "-o", scores]).status == 0)
    let top = try #require(
      try String(contentsOf: URL(fileURLWithPath: scores), encoding: .utf8)
        .split(separator: "\n").dropFirst().first?.split(separator: ","))
    let plot = dir.appendingPathComponent("top.svg").path
    let result = try runIcews([
      "reconstruct", shards.path, "--model", model.path, "--split", "test", "--group", String(top[0]),
      "--date", String(top[1]), "--scores", scores, "--plot", plot,
    ])
    #expect(result.status == 0 && result.stderr.contains("→ \(plot)"), "\(result.stderr)")
    let score = String(format: "%.3g", Double(top[4])!)
    #expect(
      try String(contentsOf: URL(fileURLWithPath: plot), encoding: .utf8).contains("score \(score), rank 1 of 18"))

    // A scores file of another split has no such window: said on stderr, the plot has no score.
    let valid = dir.appendingPathComponent("valid.csv").path
    #expect(try runIcews(["score", shards.path, "--model", model.path, "--split", "valid", "-o", valid]).status == 0)
    let other = try runIcews([
      "reconstruct", shards.path, "--model", model.path, "--split", "test", "--group", String(top[0]),
      "--date", String(top[1]), "--scores", valid, "--plot", plot,
    ])
    #expect(other.status == 0 && other.stderr.contains("warning: \(valid) has no score for"), "\(other.stderr)")
    #expect(!(try String(contentsOf: URL(fileURLWithPath: plot), encoding: .utf8).contains("rank")))
  }

  @Test func outputChoiceIsAUsageErrorAndAMissingWindowExitsOne() throws {
    let (shards, model) = try anomalyShardsAndModel()
    let dir = try Fixtures.temporaryDirectory("cli-reconstruct-exit")
    let base = ["reconstruct", shards.path, "--model", model.path, "--split", "test", "--index", "0"]
    #expect(try runIcews(base).status == 2)
    #expect(try runIcews(base + ["--plot", dir.appendingPathComponent("a.svg").path, "--format", "npy"]).status == 2)
    #expect(try runIcews(base + ["--format", "csv", "-o", dir.appendingPathComponent("a.csv").path]).status == 2)
    let beyond = try runIcews([
      "reconstruct", shards.path, "--model", model.path, "--split", "test", "--index", "18", "--plot",
      dir.appendingPathComponent("b.svg").path,
    ])
    #expect(beyond.status == 1)
    #expect(beyond.stderr.contains("no window 18"))
  }
}

@Suite struct ReconstructByGroupAndDateTests {
  @Test func groupAndDateFindTheSameWindowAsItsIndex() throws {
    let (shards, model) = try anomalyShardsAndModel()
    let dir = try Fixtures.temporaryDirectory("cli-reconstruct-date")
    let common = ["reconstruct", shards.path, "--model", model.path, "--split", "test", "--format", "npy", "-o"]
    let byIndex = try runIcews(common + [dir.appendingPathComponent("i.npy").path, "--index", "8"])
    let byDate = try runIcews(
      common + [dir.appendingPathComponent("d.npy").path, "--group", "beta", "--date", "2022-06-22"])
    #expect(byIndex.status == 0 && byDate.status == 0, "\(byDate.stderr)")
    #expect(
      try Data(contentsOf: dir.appendingPathComponent("i.npy")) == Data(contentsOf: dir.appendingPathComponent("d.npy"))
    )
    let unknown = try runIcews(
      common + [dir.appendingPathComponent("u.npy").path, "--group", "delta", "--date", "2022-06-22"])
    #expect(unknown.status == 1 && unknown.stderr.contains("no group 'delta'"))
  }
}
