import EventData
import Frames
import Shards
import Support
import Transforms

/// A pipeline file (`Pipelines/*.yaml`), typed. Every key of the pipeline contract (docs/PIPELINES.md) has a field.
public struct PipelineConfig: Sendable, Equatable {
  public enum InputFormat: String, Sendable, CaseIterable {
    /// Raw ICEWS dumps, layout auto-detected.
    case icews
    /// A numeric CSV with a header of feature names, optional `group` and `date` columns.
    case framesCSV = "frames-csv"
    /// POLECAT weekly or yearly event files (PLOVER-coded), tab-separated with a header.
    case polecat
    /// GDELT 1.0 or 2.0 event files, tab-separated without a header.
    case gdelt

    /// The event source this format reads; nil for frames-csv.
    public var eventSource: Layout.Source? {
      switch self {
      case .icews: .icews
      case .polecat: .polecat
      case .gdelt: .gdelt
      case .framesCSV: nil
      }
    }

    /// The features frames of this source can carry (raw values, for messages).
    var offeredFeatures: [String] {
      switch self {
      case .icews: ["quad_class", "cameo_root", "source_sectors", "target_sectors", "intensity", "event_count"]
      case .polecat: ["quad_class", "plover_event_type", "event_mode", "contexts", "intensity", "event_count"]
      case .gdelt: ["quad_class", "cameo_root", "goldstein", "mentions", "event_count"]
      case .framesCSV: []
      }
    }
  }

  public var name: String
  public var inputFormat: InputFormat
  public var onBadRow: BadRowPolicy
  public var groupBy: GroupBy
  /// What one frame covers (`frames.period`): a day, a week from Monday or a calendar month.
  public var period: CalendarPeriod = .day
  public var features: [FeatureSpec]
  /// nil = everything is train.
  public var split: SplitSettings?
  public var normalize: NormalizeMethod
  public var difference: DifferenceSettings
  public var window: WindowSettings
  public var shards: ShardSettings
  /// The YAML text this configuration was parsed from (nil when built in code), for manifests.
  public var sourceText: String?

  public init(
    name: String, inputFormat: InputFormat = .icews, onBadRow: BadRowPolicy = .reject,
    groupBy: GroupBy = .country, features: [FeatureSpec], split: SplitSettings? = nil,
    normalize: NormalizeMethod = .zscore, difference: DifferenceSettings = DifferenceSettings(),
    window: WindowSettings = WindowSettings(), shards: ShardSettings = ShardSettings(),
    sourceText: String? = nil
  ) {
    self.name = name
    self.inputFormat = inputFormat
    self.onBadRow = onBadRow
    self.groupBy = groupBy
    self.features = features
    self.split = split
    self.normalize = normalize
    self.difference = difference
    self.window = window
    self.shards = shards
    self.sourceText = sourceText
  }

  /// Last day of the range vocabularies and statistics are fitted on (nil = all days).
  public var fitEnd: Day? { split?.trainEnd }
}
