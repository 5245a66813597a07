import Autoencoder
import Foundation
import Shards
import Transforms

/// A checkpoint written by `icews train` together with what scoring and reconstruction need to check
/// that shards match it: feature names, window length and transforms, kept in the safetensors
/// `__metadata__` (tensor names stay PyTorch's `state_dict` names).
public struct TrainedModel {
  public let url: URL
  public let model: LSTMAutoencoder
  /// The checkpoint's `__metadata__` strings.
  public let metadata: [String: String]

  /// Metadata keys written by `icews train` besides the model configuration.
  public enum Key {
    public static let pipeline = "pipeline"
    public static let featureNames = "feature_names"
    public static let windowLength = "window_length"
    public static let normalize = "normalize"
    public static let difference = "difference"
    public static let meanBaseline = "mean_baseline"
    public static let trainedOn = "trained_on"
    public static let seed = "seed"
    public static let steps = "steps"
  }

  /// Loads a checkpoint (ours, or a PyTorch `state_dict` saved as safetensors without metadata).
  public static func load(_ url: URL) throws -> TrainedModel {
    let model = try Checkpoint.load(from: url)
    let metadata = try SafetensorsFile(contentsOf: url).metadata
    return TrainedModel(url: url, model: model, metadata: metadata)
  }

  /// The metadata describing shards `manifest` (what `icews train` stores next to the weights).
  public static func metadata(for manifest: ShardManifest, directory: URL, seed: UInt64, steps: Int) -> [String: String]
  {
    let names = (try? JSONEncoder().encode(manifest.featureNames)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
    let d = manifest.transforms.difference
    return [
      Key.pipeline: manifest.pipeline.name,
      Key.featureNames: names,
      Key.windowLength: String(manifest.windowLength),
      Key.normalize: manifest.transforms.normalize.rawValue,
      Key.difference: d.order == 0 ? "none" : d.scope.rawValue,
      Key.meanBaseline: meanBaseline(for: manifest).rawValue,
      Key.trainedOn: directory.path,
      Key.seed: String(seed),
      Key.steps: String(steps),
    ]
  }

  /// The diagnostic's baseline for these shards: window differencing puts levels at step 0 and changes after.
  public static func meanBaseline(for manifest: ShardManifest) -> MeanBaseline {
    let d = manifest.transforms.difference
    return d.order == 1 && d.scope == .window && manifest.windowLength > 1 ? .firstStepApart : .perFeature
  }

  /// Feature names the model was trained on, when recorded.
  public var featureNames: [String]? {
    metadata[Key.featureNames].flatMap { try? JSONDecoder().decode([String].self, from: Data($0.utf8)) }
  }

  /// Refuses shards the model cannot read or was not trained for (other features, names or window length).
  public func checkCompatible(with dataset: ShardDataset) throws {
    let m = dataset.manifest
    let source = "\(url.path) vs \(dataset.directory.path)"
    guard model.config.features == m.featureCount else {
      throw PipelineError(
        .invalidConfig, file: source,
        "the model reads \(model.config.features) features, the shards hold \(m.featureCount); "
          + "use the model trained on these shards (icews train)")
    }
    if let names = featureNames, names != m.featureNames {
      let common = min(names.count, m.featureNames.count)
      let difference =
        (0..<common).first { names[$0] != m.featureNames[$0] }
        .map { "feature \($0) is '\(names[$0])' in the model and '\(m.featureNames[$0])' in the shards" }
        ?? "the model lists \(names.count) feature names, the shards \(m.featureNames.count)"
      throw PipelineError(
        .invalidConfig, file: source,
        difference + "; encode the data with the training run's manifest (icews run --reuse-manifest)")
    }
    if let length = metadata[Key.windowLength].flatMap(Int.init), length != m.windowLength {
      throw PipelineError(
        .invalidConfig, file: source,
        "the model was trained on windows of \(length) steps, the shards hold \(m.windowLength); "
          + "encode the data with the training pipeline")
    }
  }
}
