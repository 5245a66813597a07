import FixtureSupport
import Foundation
import Testing

/// `icews` under a pseudo-terminal of 80 columns (util-linux `script`), so stderr is a TTY and bars draw.
@Suite struct ProgressOnATerminalTests {
  /// What the terminal showed, or nil (with a note) when `script` is missing.
  private func onATerminal(_ arguments: [String]) throws -> (status: Int32, screen: String)? {
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else {
      print("skipped: /usr/bin/script (util-linux) is not installed, so no pseudo-terminal to draw on")
      return nil
    }
    let command = ([Fixtures.icewsExecutable.path] + arguments).map { "'\($0)'" }.joined(separator: " ")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
    process.arguments = ["--quiet", "--return", "--command", command, "/dev/null"]
    // The pseudo-terminal has no size when the test's own stdin is not a terminal: $COLUMNS stands in.
    process.environment = ProcessInfo.processInfo.environment.merging(["COLUMNS": "80"]) { $1 }
    let dir = try Fixtures.temporaryDirectory("cli-tty")
    let screen = dir.appendingPathComponent("screen")
    _ = FileManager.default.createFile(atPath: screen.path, contents: nil)
    process.standardOutput = try FileHandle(forWritingTo: screen)
    process.standardInput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    defer { try? FileManager.default.removeItem(at: dir) }
    return (process.terminationStatus, String(decoding: try Data(contentsOf: screen), as: UTF8.self))
  }

  /// Each redraw and each printed line, without the clear-line escape.
  private func segments(_ screen: String) -> [String] {
    // "\r\n" (the terminal's newline) is one Character, so split on scalars.
    screen.replacingOccurrences(of: "\u{1B}[2K", with: "").unicodeScalars
      .split(whereSeparator: { $0 == "\r" || $0 == "\n" }).map { String(String.UnicodeScalarView($0)) }
  }

  @Test func trainingDrawsEpochStepsRateAndTheFinalEvaluationWithinEightyColumns() throws {
    let shards = try shardsThroughCLI("Fixtures/anomaly/sensors.yaml", "Fixtures/anomaly/sensors.csv")
    let out = try Fixtures.temporaryDirectory("cli-tty-train")
    guard
      let run = try onATerminal([
        "train", shards.path, "--hidden", "4", "--epochs", "2", "--batch", "16",
        "-o", out.appendingPathComponent("m.safetensors").path,
      ])
    else { return }
    #expect(run.status == 0, "\(run.screen)")
    let lines = segments(run.screen)
    // Bars, epoch lines and the wrapped warning fit; the summary's rows (from `icews train:` to the
    // warning) may hold long paths.
    let summaryStart = try #require(lines.firstIndex { $0.hasPrefix("icews train: ") })
    let warning = try #require(lines.firstIndex { $0.hasPrefix("warning: mean collapse") }, "the tiny model collapses")
    let fitted = lines[..<summaryStart] + lines[warning...]
    #expect(lines.count - fitted.count >= 10 && lines[warning...].count >= 3)
    #expect(fitted.allSatisfy { $0.count <= 80 }, "\(fitted.filter { $0.count > 80 })")
    let bars = lines.filter { $0.hasPrefix("training") }
    #expect(bars.contains { $0.contains("epoch 1/2") && $0.contains("/6") && $0.contains("loss ") }, "\(bars)")
    #expect(bars.contains { $0.contains("epoch 2/2") }, "\(bars)")
    #expect(lines.contains { $0.hasPrefix("validating") && $0.contains("/18") })
    #expect(lines.contains { $0.hasPrefix("evaluating train") && $0.contains("48/48") })
    #expect(lines.contains { $0.hasPrefix("evaluating valid") && $0.contains("18/18") })
    #expect(lines.contains { $0.hasPrefix("epoch 2/2  train loss") })
    #expect(run.screen.contains("icews train: "))
  }

  @Test func scoreAndSynthDrawBarsToo() throws {
    let shards = try shardsThroughCLI("Fixtures/anomaly/sensors.yaml", "Fixtures/anomaly/sensors.csv")
    let out = try Fixtures.temporaryDirectory("cli-tty-score")
    let model = out.appendingPathComponent("m.safetensors").path
    #expect(try runIcews(["train", shards.path, "--hidden", "4", "--epochs", "1", "-o", model]).status == 0)
    let piped = try runIcews(["score", shards.path, "--model", model, "-o", out.appendingPathComponent("p.csv").path])
    #expect(
      piped.status == 0 && !piped.stderr.contains("\u{1B}[") && !piped.stderr.contains("scoring"), "no bar on a pipe")
    let scores = out.appendingPathComponent("s.csv").path
    guard let score = try onATerminal(["score", shards.path, "--model", model, "-o", scores]) else { return }
    #expect(score.status == 0, "\(score.screen)")
    let lines = segments(score.screen)
    #expect(lines.contains { $0.hasPrefix("scoring valid") && $0.contains("18/18") && $0.contains("100%") })
    #expect(lines.contains { $0.hasPrefix("scoring test") && $0.contains("18/18") })

    guard let synth = try onATerminal(["synth", "--rows", "300000", "-o", out.appendingPathComponent("e.tab").path])
    else { return }
    #expect(synth.status == 0, "\(synth.screen)")
    #expect(segments(synth.screen).contains { $0.hasPrefix("writing rows") && $0.contains("300000/300000") })
  }
}
