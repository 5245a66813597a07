import Autoencoder
import FixtureSupport
import Foundation
import Testing

/// One `Fixtures/golden/lstm_ae_<case>.json` vector set computed by PyTorch in float64.
struct GoldenCase {
  let name: String
  let config: AutoencoderConfig
  let batch: Int
  let length: Int
  let learningRate: Float
  let params: [String: [Float]]
  let input: [Float]
  let output: [Float]
  let loss: Double
  let grads: [String: [Float]]
  let lossTrace: [Double]
  /// Parameters after n Adam steps, by n.
  let paramsAfter: [Int: [String: [Float]]]

  static let names = ["tiny", "tiny_sum_reverse", "seed_h100"]

  init(_ name: String) throws {
    self.name = name
    let data = try Data(contentsOf: Fixtures.url("golden/lstm_ae_\(name).json"))
    let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let c = try #require(root["config"] as? [String: Any])
    let features = try #require(c["features"] as? Int)
    let reduction = try #require(c["reduction"] as? String)
    config = AutoencoderConfig(
      features: features, hidden: try #require(c["hidden"] as? Int),
      reduction: try #require(LossReduction(rawValue: reduction)),
      reverseTarget: try #require(c["reverse_target"] as? Bool))
    batch = try #require(c["batch"] as? Int)
    length = try #require(c["seq_len"] as? Int)
    let adam = try #require(root["adam"] as? [String: Any])
    learningRate = Float(try #require(adam["lr"] as? Double))
    params = try Self.tensors(root["params"])
    input = Self.flatten(root["input"] as Any)
    output = Self.flatten(root["output"] as Any)
    loss = try #require(root["loss"] as? Double)
    grads = try Self.tensors(root["grads"])
    lossTrace = try #require(root["loss_trace"] as? [Double])
    var after: [Int: [String: [Float]]] = [:]
    for (key, value) in try #require(root["params_after_steps"] as? [String: Any]) {
      after[try #require(Int(key))] = try Self.tensors(value)
    }
    paramsAfter = after
  }

  /// A model holding this case's initial parameters.
  func model() throws -> LSTMAutoencoder {
    let model = try LSTMAutoencoder(config: config)
    for (name, values) in params { try model.setParameter(name, values) }
    return model
  }

  private static func tensors(_ object: Any?) throws -> [String: [Float]] {
    let dict = try #require(object as? [String: Any])
    return dict.mapValues { flatten($0) }
  }

  /// Row-major flattening of nested JSON arrays of numbers.
  static func flatten(_ value: Any) -> [Float] {
    if let array = value as? [Any] { return array.flatMap { flatten($0) } }
    if let number = value as? NSNumber { return [number.floatValue] }
    return []
  }
}

/// Largest |actual − expected| divided by the largest |expected| (a scale-aware relative error).
func relativeError(_ actual: [Float], _ expected: [Float]) -> Double {
  guard actual.count == expected.count, !expected.isEmpty else { return .infinity }
  var worst = 0.0
  var scale = 0.0
  for k in expected.indices {
    worst = max(worst, abs(Double(actual[k]) - Double(expected[k])))
    scale = max(scale, abs(Double(expected[k])))
  }
  return worst / max(scale, 1e-30)
}
