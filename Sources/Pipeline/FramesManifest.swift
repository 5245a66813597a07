import EventData
import Frames
import Support

/// `frames.json`, written next to `frames.npy` by `icews frames`: what the rows and columns are.
public struct FramesManifest: Codable, Sendable, Equatable {
  public var pipeline: String
  /// Column names of `frames.npy`.
  public var features: [String]
  /// Row blocks of `frames.npy`, `days` rows each, in this order (byte order of name).
  public var groups: [String]
  /// First calendar day, `YYYY-MM-DD`.
  public var start: Day
  /// Rows per group: days, or weeks / months when `period` says so.
  public var days: Int
  /// `week` or `month`; absent for daily frames (their frames.json keeps its bytes).
  public var period: CalendarPeriod?
  /// `[groups × days, features]`, float32, little-endian.
  public var shape: [Int]
  /// Input rows read, rejected and dropped as duplicates (flat keys in frames.json: `rows_read`,
  /// `rows_rejected`, `duplicates`).
  public var rows: RowCounts
  /// Events aggregated into the frames.
  public var events: Int
  public var vocabularies: FrameVocabularies

  public init(pipeline: String, frames: AggregatedFrames, rows: RowCounts) {
    self.pipeline = pipeline
    features = frames.featureNames
    groups = frames.groups
    start = frames.calendarStart
    days = frames.dayCount
    period = frames.period == .day ? nil : frames.period
    shape = [frames.groups.count * frames.dayCount, frames.featureNames.count]
    self.rows = rows
    events = frames.eventCount
    vocabularies = frames.vocabularies
  }

  enum CodingKeys: String, CodingKey {
    case pipeline, features, groups, start, days, period, shape
    case rowsRead = "rows_read"
    case rowsRejected = "rows_rejected"
    case duplicates, events, vocabularies
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    pipeline = try c.decode(String.self, forKey: .pipeline)
    features = try c.decode([String].self, forKey: .features)
    groups = try c.decode([String].self, forKey: .groups)
    start = try c.decode(Day.self, forKey: .start)
    days = try c.decode(Int.self, forKey: .days)
    period = try c.decodeIfPresent(CalendarPeriod.self, forKey: .period)
    shape = try c.decode([Int].self, forKey: .shape)
    rows = RowCounts(
      read: try c.decode(Int.self, forKey: .rowsRead), rejected: try c.decode(Int.self, forKey: .rowsRejected),
      duplicates: try c.decode(Int.self, forKey: .duplicates))
    events = try c.decode(Int.self, forKey: .events)
    vocabularies = try c.decode(FrameVocabularies.self, forKey: .vocabularies)
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(pipeline, forKey: .pipeline)
    try c.encode(features, forKey: .features)
    try c.encode(groups, forKey: .groups)
    try c.encode(start, forKey: .start)
    try c.encode(days, forKey: .days)
    try c.encodeIfPresent(period, forKey: .period)
    try c.encode(shape, forKey: .shape)
    try c.encode(rows.read, forKey: .rowsRead)
    try c.encode(rows.rejected, forKey: .rowsRejected)
    try c.encode(rows.duplicates, forKey: .duplicates)
    try c.encode(events, forKey: .events)
    try c.encode(vocabularies, forKey: .vocabularies)
  }
}
