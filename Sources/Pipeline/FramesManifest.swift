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
  public var rowsRead: Int
  public var rowsRejected: Int
  public var duplicates: Int
  /// Events aggregated into the frames.
  public var events: Int
  public var vocabularies: FrameVocabularies

  public init(pipeline: String, frames: AggregatedFrames, summary: IngestSummary) {
    self.pipeline = pipeline
    features = frames.featureNames
    groups = frames.groups
    start = frames.calendarStart
    days = frames.dayCount
    period = frames.period == .day ? nil : frames.period
    shape = [frames.groups.count * frames.dayCount, frames.featureNames.count]
    rowsRead = summary.rowsRead
    rowsRejected = summary.rowsRejected
    duplicates = summary.duplicates
    events = frames.eventCount
    vocabularies = frames.vocabularies
  }

  enum CodingKeys: String, CodingKey {
    case pipeline, features, groups, start, days, period, shape
    case rowsRead = "rows_read"
    case rowsRejected = "rows_rejected"
    case duplicates, events, vocabularies
  }
}
