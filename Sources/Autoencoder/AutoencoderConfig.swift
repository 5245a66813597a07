/// Shape and loss of an LSTM autoencoder; every field is stored in checkpoints (`Checkpoint.save`).
///
/// Bidirectional / stacked mapping: the decoder starts from the LAST encoder layer's final states,
/// forward and reverse concatenated, so the decoder cell's hidden size is `hidden × directions`.
public struct AutoencoderConfig: Codable, Sendable, Equatable {
  /// F, values per timestep.
  public var features: Int
  /// H, encoder hidden size per direction.
  public var hidden: Int
  /// Stacked encoder layers (≥ 1).
  public var layers: Int
  /// Encoder reads the window both ways.
  public var bidirectional: Bool
  public var reduction: LossReduction
  /// Train to reproduce the window back to front (x̂[t] ≈ x[T−1−t]), as in Malhotra et al.
  public var reverseTarget: Bool
  /// Decoder input at step t is the true x[t−1] (of the target order) instead of its own x̂[t−1].
  public var teacherForcing: Bool

  public init(
    features: Int, hidden: Int, layers: Int = 1, bidirectional: Bool = false, reduction: LossReduction = .mean,
    reverseTarget: Bool = false, teacherForcing: Bool = false
  ) {
    self.features = features
    self.hidden = hidden
    self.layers = layers
    self.bidirectional = bidirectional
    self.reduction = reduction
    self.reverseTarget = reverseTarget
    self.teacherForcing = teacherForcing
  }

  public var directions: Int { bidirectional ? 2 : 1 }
  /// Hidden size of the decoder cell: the concatenated final states of the last encoder layer.
  public var decoderHidden: Int { hidden * directions }

  /// Limits of a model's shape (docs/TRAINING.md): far above any useful model, low enough that the
  /// shapes' products cannot overflow and a typo cannot ask for hundreds of gigabytes.
  public static let maxFeatures = 1 << 20
  public static let maxHidden = 1 << 14
  public static let maxLayers = 64
  /// Parameters (float32 each; training keeps four copies: values, gradients, Adam's two moments).
  public static let maxParameters = 1 << 28

  /// Parameters of this shape, counted in double precision (exact for every shape within the limits).
  var approximateParameterCount: Double {
    let f = Double(features)
    let h = Double(hidden)
    let d = Double(directions)
    var n = 0.0
    for layer in 0..<min(layers, Self.maxLayers) {
      let input = layer == 0 ? f : h * d
      n += d * (4 * h * (input + h) + 8 * h)
    }
    let hd = h * d
    return n + 4 * hd * (f + hd) + 8 * hd + f * hd + f
  }

  public func validate() throws {
    guard features >= 1, hidden >= 1, layers >= 1 else {
      throw AutoencoderError(
        .badConfiguration,
        "features \(features), hidden \(hidden), layers \(layers): each must be at least 1")
    }
    guard features <= Self.maxFeatures, hidden <= Self.maxHidden, layers <= Self.maxLayers else {
      throw AutoencoderError(
        .badConfiguration,
        "features \(features), hidden \(hidden), layers \(layers): the limits are \(Self.maxFeatures) features, "
          + "hidden \(Self.maxHidden) and \(Self.maxLayers) layers")
    }
    let parameters = approximateParameterCount
    guard parameters <= Double(Self.maxParameters) else {
      throw AutoencoderError(
        .badConfiguration,
        "features \(features), hidden \(hidden), layers \(layers) make \(Int(parameters)) parameters "
          + "(\(Int(parameters * 16 / 1e9)) GB to train); the limit is \(Self.maxParameters)")
    }
  }

  /// Every parameter in PyTorch `state_dict` order with its shape.
  var parameterSpecs: [(String, [Int])] {
    var specs: [(String, [Int])] = []
    for layer in 0..<layers {
      let input = layer == 0 ? features : hidden * directions
      for reverse in bidirectional ? [false, true] : [false] {
        let n = LSTMNames.encoder(layer: layer, reverse: reverse)
        specs += [
          (n.weightIH, [4 * hidden, input]), (n.weightHH, [4 * hidden, hidden]), (n.biasIH, [4 * hidden]),
          (n.biasHH, [4 * hidden]),
        ]
      }
    }
    let d = LSTMNames.decoder
    let hd = decoderHidden
    specs += [
      (d.weightIH, [4 * hd, features]), (d.weightHH, [4 * hd, hd]), (d.biasIH, [4 * hd]), (d.biasHH, [4 * hd]),
      ("decoder.dense.weight", [features, hd]), ("decoder.dense.bias", [features]),
    ]
    return specs
  }
}

extension AutoencoderConfig {
  /// Floating-point operations of the matrix products of one training step per window of `length`
  /// steps: the forward products (2·m·n·k each: encoder layers, decoder cell, dense head) and the
  /// backward pass's two products per forward one, so 3 × forward. Pointwise work is not counted.
  public func trainingFLOPsPerWindow(length t: Int) -> Double {
    let directions = bidirectional ? 2.0 : 1.0
    let h = Double(hidden)
    let f = Double(features)
    var forward = 0.0
    for layer in 0..<layers {
      let input = layer == 0 ? f : h * directions
      forward += directions * 2 * 4 * h * (input + h)
    }
    let decoderHidden = h * directions
    forward += 2 * 4 * decoderHidden * (f + decoderHidden) + 2 * decoderHidden * f
    return 3 * forward * Double(t)
  }
}
