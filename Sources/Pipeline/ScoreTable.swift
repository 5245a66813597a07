import EventData
import Support

/// The windows of an `icews score` CSV and every detector's score for each, in file order.
///
/// Columns are found by header name: `group`, `start`, `end`, and the detectors, which are `score`
/// and every column whose name ends in `_score` (baselines such as `mean_baseline_score`); other
/// columns (`error`, …) are ignored. Fields follow RFC 4180 (double quotes, `""` inside), so group
/// names with commas or quotes round-trip from `csvField`.
public struct ScoreTable: Sendable, Equatable {
  /// One scored window; `line` is the 1-based line its record starts on, for messages.
  public struct Window: Sendable, Equatable {
    public var group: String
    public var start: Day
    public var end: Day
    public var line: Int
    /// The `top_features` column as written (`quad:material_conflict +13.5; root:17 +6.7`), "" without one.
    public var topFeatures: String

    public init(group: String, start: Day, end: Day, line: Int = 0, topFeatures: String = "") {
      self.group = group
      self.start = start
      self.end = end
      self.line = line
      self.topFeatures = topFeatures
    }
  }

  public var file: String
  public var windows: [Window]
  /// Detector column names, in header order.
  public var detectors: [String]
  /// `scores[d][i]`: the score detector `d` gives window `i`.
  public var scores: [[Double]]

  public init(file: String, windows: [Window], detectors: [String], scores: [[Double]]) {
    precondition(detectors.count == scores.count && scores.allSatisfy { $0.count == windows.count })
    self.file = file
    self.windows = windows
    self.detectors = detectors
    self.scores = scores
  }

  /// True for the columns `icews evaluate` treats as detectors.
  public static func isDetectorColumn(_ name: String) -> Bool { name == "score" || name.hasSuffix("_score") }

  /// Reads the CSV at `path`; errors name `path:line` and the column at fault.
  public init(contentsOf path: String) throws {
    try self.init(parsing: try readInputText(path, what: "the scores file"), file: path)
  }

  /// Parses the text of a scores CSV named `file` in messages.
  public init(parsing text: String, file: String) throws {
    var records = try CSVRecords(text, file: file).all()
    guard !records.isEmpty else {
      throw PipelineError(.badInput, file: file, "is empty; expected a header group,start,end,…,score")
    }
    let header = records.removeFirst()
    func column(_ name: String) throws -> Int {
      guard let c = header.fields.firstIndex(of: name) else {
        throw PipelineError(
          .badInput, file: file, line: header.line,
          "the header has no \(name.messageQuote) column (expected group,start,end,…,score as `icews score` writes)")
      }
      return c
    }
    let groupColumn = try column("group")
    let startColumn = try column("start")
    let endColumn = try column("end")
    let featuresColumn = header.fields.firstIndex(of: "top_features")
    let detectorColumns = header.fields.indices.filter { Self.isDetectorColumn(header.fields[$0]) }
    guard !detectorColumns.isEmpty else {
      throw PipelineError(
        .badInput, file: file, line: header.line, "no detector column: expected 'score' or names ending in '_score'")
    }
    let names = detectorColumns.map { header.fields[$0] }
    if let repeated = names.first(where: { name in names.filter { $0 == name }.count > 1 }) {
      throw PipelineError(.badInput, file: file, line: header.line, "the column \(repeated.messageQuote) appears twice")
    }

    var windows: [Window] = []
    var scores = [[Double]](repeating: [], count: detectorColumns.count)
    for record in records {
      let f = record.fields
      guard f.count == header.fields.count else {
        throw PipelineError(
          .badInput, file: file, line: record.line,
          "expected \(header.fields.count) fields as in the header, got \(f.count)")
      }
      func day(_ c: Int) throws -> Day {
        guard let d = Day(iso: f[c]) else {
          throw PipelineError(
            .badInput, file: file, line: record.line,
            "\(header.fields[c]) \(f[c].messageQuote) is not a date YYYY-MM-DD")
        }
        return d
      }
      let window = Window(
        group: f[groupColumn], start: try day(startColumn), end: try day(endColumn), line: record.line,
        topFeatures: featuresColumn.map { f[$0] } ?? "")
      guard window.start <= window.end else {
        throw PipelineError(
          .badInput, file: file, line: record.line, "end \(window.end) is before start \(window.start)")
      }
      windows.append(window)
      for (d, c) in detectorColumns.enumerated() {
        guard let value = Double(f[c]) else {
          throw PipelineError(
            .badInput, file: file, line: record.line, "\(header.fields[c]) \(f[c].messageQuote) is not a number")
        }
        scores[d].append(value)
      }
    }
    guard !windows.isEmpty else {
      throw PipelineError(.badInput, file: file, "has a header but no windows")
    }
    self.init(file: file, windows: windows, detectors: names, scores: scores)
  }

  /// The index of the detector column `name`; an error listing the columns there are otherwise.
  public func detectorIndex(named name: String) throws -> Int {
    guard let d = detectors.firstIndex(of: name) else {
      throw PipelineError(
        .badInput, file: file, line: 1,
        "no detector column \(name.messageQuote); the file has \(detectors.joined(separator: ", "))")
    }
    return d
  }

  /// Fails naming the first of `names` with no window in the file, and a few groups that exist.
  public func requireGroups(_ names: [String]) throws {
    let present = Set(windows.map(\.group))
    guard let missing = names.first(where: { !present.contains($0) }) else { return }
    let some = present.sorted().prefix(8).joined(separator: ", ")
    throw PipelineError(
      .badInput, file: file,
      "no window of group \(missing.messageQuote) (\(present.count) groups: \(some)"
        + "\(present.count > 8 ? ", …" : ""))")
  }

  /// Window indices ranked by detector `d`, highest score first; ties keep file order and NaN
  /// ranks below every number (a score that could not be computed flags nothing).
  public func ranking(detector d: Int) -> [Int] {
    let key = scores[d].map(Self.rankKey)
    return windows.indices.sorted { key[$0] != key[$1] ? key[$0] > key[$1] : $0 < $1 }
  }

  /// The windows detector `d` flags at `topPercent` % (0 < k ≤ 100), in rank order: the first
  /// ⌈k/100 · N⌉ of its ranking (`DetectionEvaluation.topCount`), less any NaN among them, since a score
  /// that could not be computed flags nothing. What `icews evaluate` counts as found, `icews alerts`
  /// merges and `icews plot` marks.
  public func flagged(detector d: Int, topPercent: Double) -> [Int] {
    let ranking = self.ranking(detector: d)
    return ranking.prefix(DetectionEvaluation.topCount(percent: topPercent, of: ranking.count))
      .filter { !scores[d][$0].isNaN }
  }

  /// The value a score is ranked and compared by: itself, or −∞ for NaN.
  public static func rankKey(_ score: Double) -> Double { score.isNaN ? -.infinity : score }
}

/// RFC 4180 records with the line each starts on; a quoted field may span lines. Blank lines are
/// skipped and a UTF-8 byte order mark is dropped.
private struct CSVRecords {
  let bytes: [UInt8]
  let file: String

  init(_ text: String, file: String) {
    var bytes = Array(text.utf8)
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
    self.bytes = bytes
    self.file = file
  }

  func all() throws -> [(line: Int, fields: [String])] {
    let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
    var records: [(line: Int, fields: [String])] = []
    var i = 0
    var line = 1
    while i < bytes.count {
      let first = line
      var fields: [String] = []
      while true {
        var field: [UInt8] = []
        if i < bytes.count, bytes[i] == quote {
          i += 1
          while true {
            guard i < bytes.count else {
              throw PipelineError(.badInput, file: file, line: first, "a quoted field is never closed")
            }
            if bytes[i] == quote {
              if i + 1 < bytes.count, bytes[i + 1] == quote {
                field.append(quote)
                i += 2
                continue
              }
              i += 1
              break
            }
            if bytes[i] == lf { line += 1 }
            field.append(bytes[i])
            i += 1
          }
          guard i == bytes.count || bytes[i] == comma || bytes[i] == cr || bytes[i] == lf else {
            throw PipelineError(
              .badInput, file: file, line: line, "text after a closing quote; double a quote inside a field")
          }
        } else {
          while i < bytes.count, bytes[i] != comma, bytes[i] != cr, bytes[i] != lf {
            field.append(bytes[i])
            i += 1
          }
        }
        fields.append(String(decoding: field, as: UTF8.self))
        guard i < bytes.count, bytes[i] == comma else { break }
        i += 1
      }
      if i < bytes.count, bytes[i] == cr { i += 1 }
      if i < bytes.count, bytes[i] == lf { i += 1 }
      line += 1
      if fields != [""] { records.append((first, fields)) }
    }
    return records
  }
}

/// Where one window stands in a scores file: its score and its rank among the file's windows.
public struct WindowStanding: Sendable, Equatable {
  public var score: Double
  /// 1 = the highest score in the file.
  public var rank: Int
  public var windows: Int

  public init(score: Double, rank: Int, windows: Int) {
    self.score = score
    self.rank = rank
    self.windows = windows
  }
}

extension ScoreTable {
  /// The `score` column's value and rank of the window of `group` starting on `start`; nil when the
  /// file has no such window (or no `score` column).
  public func standing(group: String, start: Day) -> WindowStanding? {
    guard let d = detectors.firstIndex(of: "score"),
      let i = windows.firstIndex(where: { $0.group == group && $0.start == start })
    else { return nil }
    let ranking = self.ranking(detector: d)
    return WindowStanding(score: scores[d][i], rank: ranking.firstIndex(of: i)! + 1, windows: windows.count)
  }
}
