import Foundation

/// Model checkpoints as safetensors with PyTorch `state_dict` names and layouts, so weights move both ways
/// (`model.load_state_dict(safetensors.torch.load_file(path))`). The model shape is kept in `__metadata__`.
public enum Checkpoint {
  /// Saves every parameter plus the configuration (and `metadata`, e.g. the pipeline it was trained on).
  public static func save(_ model: LSTMAutoencoder, to url: URL, metadata: [String: String] = [:]) throws {
    let c = model.config
    var meta = metadata
    meta["format"] = "icews-toolkit lstm-autoencoder"
    meta["features"] = String(c.features)
    meta["hidden"] = String(c.hidden)
    meta["layers"] = String(c.layers)
    meta["bidirectional"] = String(c.bidirectional)
    meta["reduction"] = c.reduction.rawValue
    meta["reverse_target"] = String(c.reverseTarget)
    meta["teacher_forcing"] = String(c.teacherForcing)
    let tensors = model.parameterTensors.map { t in
      (name: t.name, tensor: SafetensorsFile.Tensor(shape: t.shape, values: model.parameter(t.name)!))
    }
    try SafetensorsFile(tensors: tensors, metadata: meta).write(to: url)
  }

  /// Loads a checkpoint into a new model. The configuration comes from `__metadata__`, or, for a file saved
  /// by PyTorch without it, from the tensor shapes.
  public static func load(from url: URL) throws -> LSTMAutoencoder {
    let file = try SafetensorsFile(contentsOf: url)
    let config = try configuration(of: file, source: url.path)
    do { try config.validate() } catch let error as AutoencoderError {
      throw AutoencoderError(.badCheckpoint, "\(url.path): \(error.context)")
    }
    // the tensors must match the shape the metadata claims before the model is allocated
    for (name, shape) in config.parameterSpecs {
      guard let tensor = file[name] else {
        throw AutoencoderError(
          .badCheckpoint, "\(url.path): tensor \(name) missing; the metadata describes a different model")
      }
      guard tensor.shape == shape else {
        throw AutoencoderError(
          .badCheckpoint, "\(url.path): tensor \(name) has shape \(tensor.shape), the metadata's model needs \(shape)")
      }
    }
    let model = try LSTMAutoencoder(config: config)
    try copy(file, into: model, source: url.path)
    return model
  }

  /// Copies a checkpoint's tensors into an existing model of the same shape (`--init-from`).
  public static func load(from url: URL, into model: LSTMAutoencoder) throws {
    try copy(SafetensorsFile(contentsOf: url), into: model, source: url.path)
  }

  /// The configuration a file describes: metadata first, tensor shapes otherwise.
  public static func configuration(of file: SafetensorsFile, source: String) throws -> AutoencoderConfig {
    let m = file.metadata
    if let f = m["features"].flatMap(Int.init), let h = m["hidden"].flatMap(Int.init) {
      return AutoencoderConfig(
        features: f, hidden: h, layers: m["layers"].flatMap(Int.init) ?? 1,
        bidirectional: m["bidirectional"] == "true", reduction: m["reduction"].flatMap(LossReduction.init) ?? .mean,
        reverseTarget: m["reverse_target"] == "true", teacherForcing: m["teacher_forcing"] == "true")
    }
    guard let dense = file["decoder.dense.weight"], dense.shape.count == 2,
      let hh = file["encoder.lstm.weight_hh_l0"], hh.shape.count == 2
    else {
      throw AutoencoderError(
        .badCheckpoint,
        "\(source): no configuration in __metadata__ and no decoder.dense.weight / encoder.lstm.weight_hh_l0 to "
          + "infer it from"
      )
    }
    var layers = 0
    while file["encoder.lstm.weight_ih_l\(layers)"] != nil { layers += 1 }
    return AutoencoderConfig(
      features: dense.shape[0], hidden: hh.shape[1], layers: layers,
      bidirectional: file["encoder.lstm.weight_ih_l0_reverse"] != nil)
  }

  private static func copy(_ file: SafetensorsFile, into model: LSTMAutoencoder, source: String) throws {
    for t in model.parameterTensors {
      guard let tensor = file[t.name] else {
        throw AutoencoderError(
          .badCheckpoint, "\(source): tensor \(t.name) missing; the checkpoint is for a different model shape")
      }
      guard tensor.shape == t.shape else {
        throw AutoencoderError(
          .badCheckpoint, "\(source): tensor \(t.name) has shape \(tensor.shape), this model needs \(t.shape)")
      }
      try model.setParameter(t.name, tensor.values)
    }
    let known = Set(model.parameterTensors.map(\.name))
    if let extra = file.tensors.first(where: { !known.contains($0.name) }) {
      throw AutoencoderError(
        .badCheckpoint, "\(source): unexpected tensor \(extra.name); the checkpoint is for a different model shape")
    }
  }
}
