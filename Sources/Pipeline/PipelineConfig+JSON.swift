import Foundation
import Frames

extension PipelineConfig {
  /// The configuration with every default filled in, as JSON with sorted keys: the form manifests
  /// embed, equal for two files that mean the same pipeline.
  public var canonicalJSON: String {
    var object: [String: Any] = [
      "name": name,
      "input": ["format": inputFormat.rawValue, "on_bad_row": onBadRow.rawValue],
      "frames": ["group_by": groupBy.rawValue, "features": features.map(PipelineConfig.json)],
      "normalize": normalize.rawValue,
      "difference": ["order": difference.order, "scope": difference.scope.rawValue],
      "window": ["length": window.length, "stride": window.stride],
      "shards": [
        "dtype": shards.dtype.rawValue, "zstd_level": shards.zstdLevel,
        "max_shard_bytes": shards.maxShardBytes,
      ],
    ]
    // Daily pipelines omit the key, so manifests written before periods existed keep their bytes.
    if period != .day, var frames = object["frames"] as? [String: Any] {
      frames["period"] = period.rawValue
      object["frames"] = frames
    }
    if let split {
      object["split"] = ["train_end": split.trainEnd.iso, "valid_end": split.validEnd.iso]
    }
    let data = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
    return String(decoding: data, as: UTF8.self)
  }

  private static func json(_ feature: FeatureSpec) -> [String: Any] {
    switch feature {
    case .oneHot(let field):
      return ["one_hot": field.rawValue]
    case .multiHot(let field, let topK, let other):
      return ["multi_hot": field.rawValue, "top_k": topK, "other": other]
    case .numeric(let field, let agg, let scale, let transform, let fill):
      var object: [String: Any] = [
        "numeric": field.rawValue, "agg": agg.rawValue, "transform": transform.rawValue, "fill": fill,
      ]
      if let scale { object["scale"] = [scale.lowerBound, scale.upperBound] }
      return object
    }
  }
}
