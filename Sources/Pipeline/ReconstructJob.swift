import Autoencoder
import EventData
import Foundation
import Frames
import Shards
import Support
import Transforms

/// One window and the model's reconstruction of it, in one space, for people and plots.
public struct WindowReconstruction: Sendable {
  public var split: SplitName
  public var index: Int
  public var group: String
  /// First and last day, YYYY-MM-DD.
  public var start: String
  public var end: String
  public var space: WindowSpace
  public var featureNames: [String]
  /// `T × F` row-major, in `space`.
  public var actual: [Float]
  public var reconstructed: [Float]
  /// Mean squared error in the model's space (what training minimized), whatever `space` is.
  public var modelSpaceMSE: Double
  /// Per feature, what its values are in `space` (`FeatureUnits`); empty when unknown.
  public var units: [String] = []
  /// What one step of the window is.
  public var period: CalendarPeriod = .day
  /// The window's anomaly score and rank, when a scores file was given.
  public var standing: WindowStanding? = nil

  public var length: Int { actual.count / max(1, featureNames.count) }

  /// float32 `.npy` of shape [2, T, F]: index 0 the actual window, 1 the reconstruction.
  public func npy() -> Data {
    var data = Data(NPYFormat.header(dtype: .float32, shape: [2, length, featureNames.count]))
    data.reserveCapacity(data.count + 8 * actual.count)
    for values in [actual, reconstructed] {
      values.withUnsafeBufferPointer { v in
        for x in v { withUnsafeBytes(of: x.bitPattern.littleEndian) { data.append(contentsOf: $0) } }
      }
    }
    return data
  }
}

/// `icews reconstruct`: window `index` of `split` through the model, optionally taken back to
/// undifferenced (`normalized`) or frame (`raw`) units with the manifest's inverse transforms.
public struct ReconstructJob {
  public var directory: URL
  public var modelURL: URL
  public var split: SplitName
  public var index: Int
  public var space: WindowSpace

  public init(directory: URL, modelURL: URL, split: SplitName, index: Int, space: WindowSpace = .model) {
    self.directory = directory
    self.modelURL = modelURL
    self.split = split
    self.index = index
    self.space = space
  }

  public func run() throws -> WindowReconstruction {
    let dataset = try ShardDataset.open(directory)
    let trained = try TrainedModel.load(modelURL)
    try trained.checkCompatible(with: dataset)
    let window = try dataset.inspect(split, index: index, space: .model)
    var actual = window.values
    var reconstructed = try trained.model.reconstruct(window: actual)
    var squared = 0.0
    for k in actual.indices {
      let d = Double(reconstructed[k]) - Double(actual[k])
      squared += d * d
    }
    if space != .model {
      let m = dataset.manifest
      let transforms = try FittedTransforms(
        settings: m.transforms, statistics: m.normalization, calendarStart: m.calendarStart, period: m.period,
        dayCount: m.dayCount)
      try actual.withUnsafeMutableBufferPointer { try transforms.invert($0, from: .model, to: space) }
      try reconstructed.withUnsafeMutableBufferPointer { try transforms.invert($0, from: .model, to: space) }
    }
    let calendar = dataset.manifest.calendar
    let first = calendar.offset(of: Day(iso: window.start)!)
    return WindowReconstruction(
      split: split, index: index, group: window.group, start: window.start,
      end: calendar.lastDay(first + window.length - 1).iso, space: space, featureNames: window.featureNames,
      actual: actual,
      reconstructed: reconstructed, modelSpaceMSE: squared / Double(max(actual.count, 1)),
      units: FeatureUnits.labels(for: dataset.manifest, space: space), period: dataset.manifest.period)
  }
}
