import Foundation
import Pipeline

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A one-line progress display on stderr for long stages; silent unless stderr is a terminal,
/// so piped and scripted runs stay clean. Redraws at most ten times a second.
final class ProgressBar {
  private let enabled: Bool
  private var lastDraw: UInt64 = 0
  private var stageStart: UInt64 = 0
  private var stage = ""
  private var drawn = false

  init(enabled: Bool = isatty(STDERR_FILENO) != 0) {
    self.enabled = enabled
  }

  /// Shows `progress`: a bar with percent when the total is known, else a count and rate.
  func update(_ progress: PipelineProgress) {
    guard enabled else { return }
    let now = DispatchTime.now().uptimeNanoseconds
    if progress.stage != stage {
      stage = progress.stage
      stageStart = now
    } else if now - lastDraw < 100_000_000 && progress.done != progress.total {
      return
    }
    lastDraw = now
    let seconds = Double(now - stageStart) / 1e9
    var line = progress.stage.padding(toLength: 16, withPad: " ", startingAt: 0)
    if let total = progress.total, total > 0 {
      let fraction = min(1, Double(progress.done) / Double(total))
      let filled = Int(fraction * 30)
      line += "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: 30 - filled) + "] "
      line += "\(progress.done)/\(total) \(Int(fraction * 100))%"
    } else {
      line += "\(progress.done)"
      if seconds > 0.5 { line += String(format: "  %.0fk/s", Double(progress.done) / seconds / 1000) }
    }
    StandardError.write("\r\u{1B}[2K" + line)
    drawn = true
  }

  /// Clears the line so the summary that follows starts clean.
  func finish() {
    guard enabled, drawn else { return }
    StandardError.write("\r\u{1B}[2K")
    drawn = false
  }
}

/// Messages for the user go to stderr, so stdout stays free for data (`synth -o -`, `stream`).
enum StandardError {
  static func write(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
  }
}
