#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import EventData
import Foundation
import Support

/// A `frames-csv` input: a numeric CSV whose header names the features, one frame per row, rows of
/// each group in time order. Optional columns `group` (default: one group `(all)`) and `date`
/// (`YYYY-MM-DD`; without it a group's n-th row is day n counted from 1970-01-01). Days missing
/// inside the calendar are frames of zeros. Malformed input is a `FrameError` naming file and line.
public struct CSVFrameSeries: FrameSeries {
  public let featureNames: [String]
  public let groups: [String]
  public let calendarStart: Day
  public let dayCount: Int
  /// Data rows read (the header excluded).
  public let rowCount: Int
  /// Per group: day offsets (from `calendarStart`) of its rows, and their values row-major.
  private let rowDays: [[Int32]]
  private let rowValues: [[Float]]

  /// The day a group's first row gets when the file has no `date` column.
  public static let undatedStart = Day(index: 0)
  /// The longest line the file may hold (200,000 columns of 80 characters); the file is read a block
  /// at a time, so memory is its values and one line, whatever the line lengths.
  public static let maxLineBytes = 16 << 20

  /// Reads the file in 1 MiB blocks; `label` is the name errors carry (default: the path).
  public init(url: URL, label: String? = nil) throws {
    let file = label ?? url.relativePath
    let fd = open(url.path, O_RDONLY)
    guard fd >= 0 else {
      throw FrameError(.badFramesCSV, context: file, "cannot read the file (\(String(cString: strerror(errno))))")
    }
    defer { close(fd) }
    var block = [UInt8](repeating: 0, count: 1 << 20)
    var lines = CSVLines(file: file) { buffer in
      let n = block.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
      guard n >= 0 else {
        throw FrameError(.badFramesCSV, context: file, "cannot read the file (\(String(cString: strerror(errno))))")
      }
      buffer.append(contentsOf: block[0..<n])
      return n > 0
    }
    try self.init(lines: &lines, file: file)
  }

  /// Parses CSV text; `file` is the name errors carry.
  public init(bytes: [UInt8], file: String) throws {
    var given = false
    var lines = CSVLines(file: file) { buffer in
      guard !given else { return false }
      given = true
      buffer.append(contentsOf: bytes)
      return true
    }
    try self.init(lines: &lines, file: file)
  }

  private init(lines: inout CSVLines, file: String) throws {
    guard let header = try lines.next() else {
      throw FrameError(.badFramesCSV, context: file, "the file is empty; the first line must name the features")
    }
    let columns = header.text.split(separator: ",", omittingEmptySubsequences: false).map {
      $0.trimmingCharacters(in: .whitespaces)
    }
    let groupColumn = columns.firstIndex(of: "group")
    let dateColumn = columns.firstIndex(of: "date")
    let featureColumns = columns.indices.filter { $0 != groupColumn && $0 != dateColumn }
    let names = featureColumns.map { columns[$0] }
    guard names.count <= FrameSchema.maxColumns else {
      throw FrameError(
        .badFramesCSV, context: "\(file):1",
        "the header names \(names.count) features; a frame holds at most \(FrameSchema.maxColumns)")
    }
    guard !names.isEmpty else {
      throw FrameError(.badFramesCSV, context: "\(file):1", "the header names no feature column")
    }
    if let empty = names.firstIndex(of: "") {
      throw FrameError(.badFramesCSV, context: "\(file):1", "feature column \(empty + 1) has no name")
    }
    var seen = Set<String>()
    for name in columns where !seen.insert(name).inserted {
      throw FrameError(
        .badFramesCSV, context: "\(file):1",
        "column \(name.messageQuote) appears more than once; column names must be unique")
    }
    var groupIndex: [String: Int] = [:]
    var groupNames: [String] = []
    var days: [[Int32]] = []
    var values: [[Float]] = []
    var rows = 0
    var first = Int32.max
    var last = Int32.min
    while let line = try lines.next() {
      let context = "\(file):\(line.number)"
      let fields = line.text.split(separator: ",", omittingEmptySubsequences: false)
      guard fields.count == columns.count else {
        throw FrameError(.badFramesCSV, context: context, "\(fields.count) fields, the header has \(columns.count)")
      }
      let group = groupColumn.map { fields[$0].trimmingCharacters(in: .whitespaces) } ?? "(all)"
      let g: Int
      if let known = groupIndex[group] {
        g = known
      } else {
        g = groupNames.count
        groupIndex[group] = g
        groupNames.append(group)
        days.append([])
        values.append([])
      }
      let day: Int32
      if let dateColumn {
        let text = fields[dateColumn].trimmingCharacters(in: .whitespaces)
        guard let parsed = Day(iso: text) else {
          throw FrameError(.badFramesCSV, context: context, "date \(text.messageQuote) is not YYYY-MM-DD")
        }
        guard Day.plausibleRange.contains(parsed) else {
          throw FrameError(
            .badFramesCSV, context: context,
            "date \(text) is outside \(Day.plausibleRange.lowerBound.iso)...\(Day.plausibleRange.upperBound.iso); "
              + "fix the typo in that row"
          )
        }
        day = parsed.index
        if let previous = days[g].last, day <= previous {
          throw FrameError(
            .badFramesCSV, context: context,
            "date \(text) is not after the previous row of group \(group.messageQuote) "
              + "(rows must be in time order, one per day)")
        }
      } else {
        day = CSVFrameSeries.undatedStart.index + Int32(days[g].count)
      }
      days[g].append(day)
      first = min(first, day)
      last = max(last, day)
      for column in featureColumns {
        let text = fields[column].trimmingCharacters(in: .whitespaces)
        guard let value = Float(text), value.isFinite else {
          throw FrameError(
            .badFramesCSV, context: context,
            "column \(columns[column].messageQuote): \(text.messageQuote) is not a finite number")
        }
        values[g].append(value)
      }
      rows += 1
    }
    guard rows > 0 else {
      throw FrameError(.badFramesCSV, context: file, "no data rows after the header")
    }
    // Groups in byte order of name, as everywhere in the toolkit.
    let order = groupNames.indices.sorted { groupNames[$0].precedesInByteOrder(groupNames[$1]) }
    featureNames = names
    groups = order.map { groupNames[$0] }
    calendarStart = Day(index: first)
    dayCount = Int(last) - Int(first) + 1
    rowCount = rows
    rowDays = order.map { days[$0].map { $0 - first } }
    rowValues = order.map { values[$0] }
  }

  public func fillSeries(group: Int, into buffer: UnsafeMutableBufferPointer<Float>) {
    let f = featureNames.count
    precondition(buffer.count >= dayCount * f, "buffer must hold dayCount × featureNames.count floats")
    buffer.update(repeating: 0)
    rowValues[group].withUnsafeBufferPointer { values in
      for (r, day) in rowDays[group].enumerated() {
        let target = Int(day) * f
        for j in 0..<f { buffer[target + j] = values[r * f + j] }
      }
    }
  }
}

/// Lines of a file read a block at a time, with 1-based numbers; `\r\n` accepted, blank lines skipped.
/// Holds one block and the line being read; a line longer than `CSVFrameSeries.maxLineBytes` is an error.
private struct CSVLines {
  let file: String
  /// Appends the next bytes to the buffer; false at the end of the file.
  let fill: (inout [UInt8]) throws -> Bool
  var buffer: [UInt8] = []
  var position = 0
  var number = 0
  var atEnd = false
  var started = false

  init(file: String, fill: @escaping (inout [UInt8]) throws -> Bool) {
    self.file = file
    self.fill = fill
  }

  mutating func next() throws -> (number: Int, text: String)? {
    while true {
      guard let (start, end) = try nextLine() else { return nil }
      var stop = end
      if stop > start && buffer[stop - 1] == UInt8(ascii: "\r") { stop -= 1 }
      let text = String(decoding: buffer[start..<stop], as: UTF8.self)
      number += 1
      if !text.allSatisfy({ $0 == " " || $0 == "\t" }) { return (number, text) }
    }
  }

  /// The next line's range in `buffer` (without its `\n`), reading more of the file as needed.
  private mutating func nextLine() throws -> (Int, Int)? {
    while true {
      let newline = buffer.withUnsafeBytes { raw -> Int? in
        guard position < raw.count, let found = memchr(raw.baseAddress! + position, 0x0A, raw.count - position) else {
          return nil
        }
        return raw.baseAddress!.distance(to: UnsafeRawPointer(found))
      }
      let end = newline ?? buffer.count
      guard end - position <= CSVFrameSeries.maxLineBytes else {
        throw FrameError(
          .badFramesCSV, context: "\(file):\(number + 1)",
          "this line is longer than \(CSVFrameSeries.maxLineBytes >> 20) MiB, the most a frames-csv line may hold")
      }
      if let newline {
        defer { position = newline + 1 }
        return (position, newline)
      }
      if atEnd {
        guard position < buffer.count else { return nil }
        defer { position = buffer.count }
        return (position, buffer.count)
      }
      buffer.removeFirst(position)
      position = 0
      atEnd = try !fill(&buffer)
      if !started {
        started = true
        // A UTF-8 byte-order mark is not part of the first column's name.
        if buffer.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
      }
    }
  }
}
