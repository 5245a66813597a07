import Foundation
import Pipeline

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A one-line progress display on stderr for long stages; silent unless stderr is a terminal,
/// so piped and scripted runs stay clean. Redraws at most ten times a second. Reading several
/// input files, it names the file (`file 3/120 path`): on the bar, or off a terminal as one line
/// per file, so a log shows how far a long run got.
final class ProgressBar {
  private let enabled: Bool
  private var lastDraw: UInt64 = 0
  private var stageStart: UInt64 = 0
  private var stage = ""
  private var drawn = false
  private var announcedFile: PipelineProgress.InputFile?

  init(enabled: Bool = isatty(STDERR_FILENO) != 0) {
    self.enabled = enabled
  }

  /// Shows `progress`: a bar with percent when the total is known, else a count and rate.
  func update(_ progress: PipelineProgress) {
    let newFile = progress.file != nil && progress.file != announcedFile
    if newFile { announcedFile = progress.file }
    guard enabled else {
      if newFile, let file = progress.file { StandardError.write("\(progress.stage)  \(file.label)\n") }
      return
    }
    let now = DispatchTime.now().uptimeNanoseconds
    if progress.stage != stage {
      stage = progress.stage
      stageStart = now
    } else if now - lastDraw < 100_000_000 && progress.done != progress.total && !newFile {
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
    if let file = progress.file { line += "  " + file.label }
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

extension PipelineProgress.InputFile {
  /// `file 3/120 gdelt/20150218.export.CSV.zip`.
  var label: String { "file \(number)/\(count) \(path)" }
}

/// Messages for the user go to stderr, so stdout stays free for data (`synth -o -`, `stream`).
enum StandardError {
  static func write(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
  }

  static var isTerminal: Bool { isatty(STDERR_FILENO) != 0 }

  /// Columns of the terminal on stderr, else $COLUMNS, else 80.
  static var columns: Int {
    var size = winsize()
    if isTerminal, ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col >= 20 { return Int(size.ws_col) }
    if let text = ProcessInfo.processInfo.environment["COLUMNS"], let n = Int(text), n >= 20 { return n }
    return 80
  }

  /// `message` with a newline, wrapped at word boundaries to the terminal's width when stderr is
  /// a terminal (continuation lines indented two spaces); one line for logs and pipes, so grep finds it.
  static func wrapped(_ message: String, width: Int? = nil) -> String {
    guard let width = width ?? (isTerminal ? columns : nil) else { return message + "\n" }
    return wordWrap(message, width: width).joined(separator: "\n") + "\n"
  }

  /// Lines of at most `width` characters broken at spaces; a word longer than a line stands alone.
  static func wordWrap(_ message: String, width: Int, indent: String = "  ") -> [String] {
    var lines: [String] = []
    var line = ""
    for word in message.split(separator: " ", omittingEmptySubsequences: true) {
      let prefix = lines.isEmpty ? "" : indent
      if line.isEmpty {
        line = prefix + word
      } else if line.count + 1 + word.count <= width {
        line += " " + word
      } else {
        lines.append(line)
        line = indent + word
      }
    }
    if !line.isEmpty || lines.isEmpty { lines.append(line) }
    return lines
  }
}
