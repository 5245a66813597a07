import EventData
import Support

/// Ground-truth episodes (country, first day, last day) from a tab-separated file, the form
/// `icews synth --episodes` writes; `icews evaluate` measures detectors against them.
///
/// The header's first three columns are `country`, `start`, `end`; later columns (days, factors,
/// kind) are ignored, so the file can grow columns without breaking readers. `#` lines and blank
/// lines are skipped anywhere. Fields are raw (no quoting): a country may hold commas.
public struct EpisodeTable: Sendable, Equatable {
  /// One planted or known episode; `line` is its 1-based line in the file, for messages.
  public struct Episode: Sendable, Equatable {
    public var country: String
    public var start: Day
    public var end: Day
    public var line: Int

    public init(country: String, start: Day, end: Day, line: Int = 0) {
      self.country = country
      self.start = start
      self.end = end
      self.line = line
    }

    /// True when [start, end] and the given inclusive day range share at least one day.
    public func overlaps(_ first: Day, _ last: Day) -> Bool { start <= last && first <= end }
  }

  public var file: String
  public var episodes: [Episode]

  public init(file: String, episodes: [Episode]) {
    self.file = file
    self.episodes = episodes
  }

  /// Reads the file at `path`; errors name `path:line` and what is wrong there.
  public init(contentsOf path: String) throws {
    try self.init(parsing: try readInputText(path, what: "the episodes file"), file: path)
  }

  /// Parses the text of an episodes file named `file` in messages.
  public init(parsing text: String, file: String) throws {
    self.file = file
    episodes = []
    var sawHeader = false
    // `isNewline` splits LF and CRLF alike ("\r\n" is one Character, never equal to "\n").
    for (offset, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
      let number = offset + 1
      if line.allSatisfy({ $0 == " " || $0 == "\t" }) || line.hasPrefix("#") { continue }
      let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
      if !sawHeader {
        guard fields.count >= 3, fields[0] == "country", fields[1] == "start", fields[2] == "end" else {
          throw PipelineError(
            .badInput, file: file, line: number,
            "the header must start with the tab-separated columns country, start, end (got \(line.messageQuote))")
        }
        sawHeader = true
        continue
      }
      guard fields.count >= 3 else {
        throw PipelineError(
          .badInput, file: file, line: number,
          "expected at least 3 tab-separated fields (country, start, end), got \(fields.count)")
      }
      let country = String(fields[0])
      guard !country.isEmpty else { throw PipelineError(.badInput, file: file, line: number, "the country is empty") }
      guard let start = Day(iso: fields[1]) else {
        throw PipelineError(
          .badInput, file: file, line: number, "start \(fields[1].messageQuote) is not a date YYYY-MM-DD")
      }
      guard let end = Day(iso: fields[2]) else {
        throw PipelineError(
          .badInput, file: file, line: number, "end \(fields[2].messageQuote) is not a date YYYY-MM-DD")
      }
      guard start <= end else {
        throw PipelineError(.badInput, file: file, line: number, "end \(end) is before start \(start)")
      }
      episodes.append(Episode(country: country, start: start, end: end, line: number))
    }
    guard sawHeader else {
      throw PipelineError(.badInput, file: file, "no header line (country, start, end); is this an episodes file?")
    }
  }
}
