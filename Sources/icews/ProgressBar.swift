import Foundation
import Pipeline

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A one-line progress display on stderr for long stages, laid out by `ProgressLine` to the terminal's
/// width; silent unless stderr is a terminal, so piped and scripted runs stay clean. Redraws at most ten
/// times a second. The rate counts only the time a stage is active: a stage left and resumed (training
/// around each epoch's validation) keeps its earlier count and time, so its rate excludes the other stage.
/// Reading several input files, it names the file (`file 3/120 path`): on the bar, or off a terminal as
/// one line per file, so a log shows how far a long run got.
final class ProgressBar {
  private let enabled: Bool
  private var lastDraw: UInt64 = 0
  private var drawn = false
  private var announcedFile: PipelineProgress.InputFile?
  private var current: Visit?
  /// Per stage: items done and nanoseconds spent in its earlier visits.
  private var earlier: [String: (done: Int, nanoseconds: UInt64)] = [:]

  /// One uninterrupted stretch of a stage: its first and latest event.
  private struct Visit {
    var stage: String
    var started: UInt64
    var firstDone: Int
    var latest: UInt64
    var latestDone: Int
  }

  init(enabled: Bool = isatty(STDERR_FILENO) != 0) {
    self.enabled = enabled
  }

  /// Shows `progress`, with `context` after the stage name (`epoch 3/10`) and `metrics` at the end.
  func update(_ progress: PipelineProgress, context: String? = nil, metrics: [String] = []) {
    let newFile = progress.file != nil && progress.file != announcedFile
    if newFile { announcedFile = progress.file }
    guard enabled else {
      if newFile, let file = progress.file { StandardError.write("\(progress.stage)  \(file.label)\n") }
      return
    }
    let now = DispatchTime.now().uptimeNanoseconds
    if current?.stage != progress.stage {
      if let visit = current {
        let before = earlier[visit.stage] ?? (0, 0)
        earlier[visit.stage] = (
          before.done + visit.latestDone - visit.firstDone, before.nanoseconds + visit.latest - visit.started
        )
      }
      current = Visit(
        stage: progress.stage, started: now, firstDone: progress.done, latest: now, latestDone: progress.done)
    } else {
      current!.latest = now
      current!.latestDone = progress.done
      if now - lastDraw < 100_000_000 && progress.done != progress.total && !newFile { return }
    }
    lastDraw = now
    let visit = current!
    let before = earlier[visit.stage] ?? (0, 0)
    let seconds = Double(before.nanoseconds + now - visit.started) / 1e9
    let items = before.done + visit.latestDone - visit.firstDone
    let line = ProgressLine(
      stage: progress.stage, context: context ?? progress.file?.label, done: progress.done, total: progress.total,
      unit: progress.unit,
      perSecond: seconds >= 0.5 && items > 0 ? Double(items) / seconds : nil, elapsed: seconds, metrics: metrics)
    StandardError.write("\r\u{1B}[2K" + line.fitted(width: StandardError.columns - 1))
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
