import EventData
import Frames
import Support
import Transforms

/// `manifest.json`: everything needed to read, interpret and reproduce a shard directory. Written
/// last, with sorted keys and no timestamps, so equal inputs give byte-identical manifests.
public struct ShardManifest: Sendable, Equatable, Codable {
  public static let currentFormatVersion = Int(ShardFormat.version)
  /// Most days (periods) a calendar may hold: 0001-01-01 to 9999-12-31 is 3 652 059 days.
  public static let maxDayCount = 3_652_059

  public var formatVersion: Int
  public var pipeline: EmbeddedPipeline
  public var featureNames: [String]
  public var vocabularies: FrameVocabularies
  /// Statistics of the train frames; `normalization.method` is what the shards were normalized with.
  public var normalization: NormalizationStatistics
  public var transforms: TransformSettings
  public var shardSettings: ShardSettings
  public var groups: [String]
  public var calendarStart: Day
  /// What one frame and one window step cover; nil (absent from the JSON) = days, so daily
  /// manifests keep their bytes.
  public var framePeriod: CalendarPeriod?
  /// Periods in the calendar (days unless `framePeriod` says otherwise).
  public var dayCount: Int
  public var splits: SplitManifests
  public var windows: WindowCounts
  public var rows: RowCounts
  /// True when vocabularies and statistics came from an earlier manifest (`--reuse-manifest`).
  public var frozen: Bool

  public init(
    pipeline: EmbeddedPipeline, featureNames: [String], vocabularies: FrameVocabularies,
    normalization: NormalizationStatistics, transforms: TransformSettings, shardSettings: ShardSettings,
    groups: [String], calendarStart: Day, period: CalendarPeriod = .day, dayCount: Int, rows: RowCounts,
    frozen: Bool
  ) {
    framePeriod = period == .day ? nil : period
    formatVersion = ShardManifest.currentFormatVersion
    self.pipeline = pipeline
    self.featureNames = featureNames
    self.vocabularies = vocabularies
    self.normalization = normalization
    self.transforms = transforms
    self.shardSettings = shardSettings
    self.groups = groups
    self.calendarStart = calendarStart
    self.dayCount = dayCount
    splits = SplitManifests(repeating: SplitManifest())
    windows = WindowCounts()
    self.rows = rows
    self.frozen = frozen
  }

  enum CodingKeys: String, CodingKey {
    case pipeline, vocabularies, normalization, transforms, groups, splits, windows, rows, frozen
    case formatVersion = "format_version"
    case featureNames = "feature_names"
    case shardSettings = "shard_settings"
    case calendarStart = "calendar_start"
    case dayCount = "day_count"
    case framePeriod = "period"
  }

  public var windowLength: Int { transforms.window.length }
  public var period: CalendarPeriod { framePeriod ?? .day }
  /// Turns window keys and frame rows (period offsets) into dates.
  public var calendar: PeriodCalendar { PeriodCalendar(period: period, start: calendarStart) }
  public var featureCount: Int { featureNames.count }
}

/// The pipeline that produced the shards: its name, its file's text and its canonical JSON form.
public struct EmbeddedPipeline: Sendable, Equatable, Codable {
  public var name: String
  public var inputFormat: String
  /// The pipeline file as written (YAML), so the run can be repeated.
  public var source: String
  /// Every setting with defaults filled in, as sorted-key JSON text.
  public var canonical: String

  public init(name: String, inputFormat: String, source: String, canonical: String) {
    self.name = name
    self.inputFormat = inputFormat
    self.source = source
    self.canonical = canonical
  }

  enum CodingKeys: String, CodingKey {
    case name, source, canonical
    case inputFormat = "input_format"
  }
}

/// One shard file as listed in the manifest.
public struct ShardEntry: Sendable, Equatable, Codable {
  /// Path relative to the dataset directory (`train/shard-00000.icws`).
  public var file: String
  public var windows: Int
  public var bytes: Int
  /// CRC-32 of the whole file, `0x` and 8 hex digits.
  public var crc32: String

  public init(file: String, windows: Int, bytes: Int, crc32: String) {
    self.file = file
    self.windows = windows
    self.bytes = bytes
    self.crc32 = crc32
  }
}

/// The shards of one split, in export order.
public struct SplitManifest: Sendable, Equatable, Codable {
  public var windows: Int
  /// The windows' dense size, `windows × T × F × dtype bytes` (what a reader decodes them to; masked
  /// blocks store fewer bytes than that before compression).
  public var uncompressedBytes: Int
  public var shards: [ShardEntry]

  public init(windows: Int = 0, uncompressedBytes: Int = 0, shards: [ShardEntry] = []) {
    self.windows = windows
    self.uncompressedBytes = uncompressedBytes
    self.shards = shards
  }

  enum CodingKeys: String, CodingKey {
    case windows, shards
    case uncompressedBytes = "uncompressed_bytes"
  }
}

/// The shards of every split.
public typealias SplitManifests = PerSplit<SplitManifest>
