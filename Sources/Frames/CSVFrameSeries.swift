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

  public init(url: URL, label: String? = nil) throws {
    let file = label ?? url.relativePath
    guard let data = FileManager.default.contents(atPath: url.path) else {
      throw FrameError(.badFramesCSV, context: file, "cannot read the file (missing or unreadable)")
    }
    try self.init(bytes: [UInt8](data), file: file)
  }

  /// Parses CSV text; `file` is the name errors carry.
  public init(bytes: [UInt8], file: String) throws {
    var lines = CSVLines(bytes)
    guard let header = lines.next() else {
      throw FrameError(.badFramesCSV, context: file, "the file is empty; the first line must name the features")
    }
    let columns = header.text.split(separator: ",", omittingEmptySubsequences: false).map {
      $0.trimmingCharacters(in: .whitespaces)
    }
    let groupColumn = columns.firstIndex(of: "group")
    let dateColumn = columns.firstIndex(of: "date")
    let featureColumns = columns.indices.filter { $0 != groupColumn && $0 != dateColumn }
    let names = featureColumns.map { columns[$0] }
    guard !names.isEmpty else {
      throw FrameError(.badFramesCSV, context: "\(file):1", "the header names no feature column")
    }
    if let empty = names.firstIndex(of: "") {
      throw FrameError(.badFramesCSV, context: "\(file):1", "feature column \(empty + 1) has no name")
    }
    var seen = Set<String>()
    for name in columns where !seen.insert(name).inserted {
      throw FrameError(
        .badFramesCSV, context: "\(file):1", "column '\(name)' appears more than once; column names must be unique")
    }
    var groupIndex: [String: Int] = [:]
    var groupNames: [String] = []
    var days: [[Int32]] = []
    var values: [[Float]] = []
    var rows = 0
    var first = Int32.max
    var last = Int32.min
    while let line = lines.next() {
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
          throw FrameError(.badFramesCSV, context: context, "date '\(text)' is not YYYY-MM-DD")
        }
        guard Day.plausibleRange.contains(parsed) else {
          throw FrameError(
            .badFramesCSV, context: context,
            "date \(text) is outside \(Day.plausibleRange.lowerBound.iso)...\(Day.plausibleRange.upperBound.iso); fix the typo in that row")
        }
        day = parsed.index
        if let previous = days[g].last, day <= previous {
          throw FrameError(
            .badFramesCSV, context: context,
            "date \(text) is not after the previous row of group '\(group)' (rows must be in time order, one per day)")
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
            .badFramesCSV, context: context, "column '\(columns[column])': '\(text)' is not a finite number")
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

/// Lines of a byte buffer with 1-based numbers; `\r\n` accepted, blank lines skipped.
private struct CSVLines {
  let bytes: [UInt8]
  var position = 0
  var number = 0

  init(_ bytes: [UInt8]) {
    self.bytes = bytes
    // A UTF-8 byte-order mark is not part of the first column's name.
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
  }

  mutating func next() -> (number: Int, text: String)? {
    while position < bytes.count {
      var end = position
      while end < bytes.count && bytes[end] != UInt8(ascii: "\n") { end += 1 }
      var stop = end
      if stop > position && bytes[stop - 1] == UInt8(ascii: "\r") { stop -= 1 }
      let text = String(decoding: bytes[position..<stop], as: UTF8.self)
      position = end + 1
      number += 1
      if !text.allSatisfy({ $0 == " " || $0 == "\t" }) { return (number, text) }
    }
    return nil
  }
}
