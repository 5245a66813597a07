import Autoencoder
import FixtureSupport
import Foundation
import Testing

@Suite("Safetensors checkpoints")
struct CheckpointTests {
  @Test(
    "save then load gives the same configuration, tensors and output",
    arguments: [
      AutoencoderConfig(features: 5, hidden: 7),
      AutoencoderConfig(features: 3, hidden: 4, layers: 2, bidirectional: true, reduction: .sum, reverseTarget: true),
    ])
  func roundTrip(config: AutoencoderConfig) throws {
    let model = try LSTMAutoencoder(config: config, seed: 11)
    let url = try Fixtures.temporaryDirectory("ckpt").appendingPathComponent("model.safetensors")
    try Checkpoint.save(model, to: url, metadata: ["pipeline": "seed-overfit"])
    let loaded = try Checkpoint.load(from: url)
    #expect(loaded.config == config)
    for t in model.parameterTensors { #expect(loaded.parameter(t.name) == model.parameter(t.name), "\(t.name)") }
    let window: [Float] = (0..<(6 * config.features)).map { Float($0 % 7) / 7 }
    #expect(try loaded.reconstruct(window: window) == model.reconstruct(window: window))
    #expect(try SafetensorsFile(contentsOf: url).metadata["pipeline"] == "seed-overfit")
  }

  @Test("file layout: little-endian header length, F32 entries with PyTorch names, 8-byte aligned data")
  func layout() throws {
    let model = try LSTMAutoencoder(config: AutoencoderConfig(features: 2, hidden: 3, bidirectional: true), seed: 1)
    let url = try Fixtures.temporaryDirectory("ckpt").appendingPathComponent("m.safetensors")
    try Checkpoint.save(model, to: url)
    let bytes = [UInt8](try Data(contentsOf: url))
    let n = (0..<8).reduce(0) { $0 | Int(bytes[$1]) << (8 * $1) }
    #expect(n % 8 == 0)
    let header = try #require(try JSONSerialization.jsonObject(with: Data(bytes[8..<(8 + n)])) as? [String: Any])
    let entry = try #require(header["encoder.lstm.weight_hh_l0_reverse"] as? [String: Any])
    #expect(entry["dtype"] as? String == "F32")
    #expect(entry["shape"] as? [Int] == [12, 3])
    let dense = try #require(header["decoder.dense.weight"] as? [String: Any])
    #expect(dense["shape"] as? [Int] == [2, 6])
    let offsets = try #require(dense["data_offsets"] as? [Int])
    let first = Float(
      bitPattern: (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[8 + n + offsets[0] + $1]) << (8 * UInt32($1)) })
    #expect(first == model.parameter("decoder.dense.weight")?.first)
    #expect(bytes.count == 8 + n + model.parameterCount * 4)
  }

  @Test("a file without metadata (as PyTorch saves it) gets its shape from the tensors")
  func inferConfiguration() throws {
    let config = AutoencoderConfig(features: 4, hidden: 5, layers: 2, bidirectional: true)
    let model = try LSTMAutoencoder(config: config, seed: 2)
    let tensors = model.parameterTensors.map {
      (name: $0.name, tensor: SafetensorsFile.Tensor(shape: $0.shape, values: model.parameter($0.name)!))
    }
    let url = try Fixtures.temporaryDirectory("ckpt").appendingPathComponent("torch.safetensors")
    try SafetensorsFile(tensors: tensors).write(to: url)
    #expect(try Checkpoint.load(from: url).config == config)
  }

  @Test("truncated, mis-shaped or foreign files are errors naming the file")
  func badFiles() throws {
    let dir = try Fixtures.temporaryDirectory("ckpt")
    let model = try LSTMAutoencoder(config: AutoencoderConfig(features: 2, hidden: 3), seed: 1)
    let url = dir.appendingPathComponent("m.safetensors")
    try Checkpoint.save(model, to: url)
    let data = try Data(contentsOf: url)
    let truncated = dir.appendingPathComponent("truncated.safetensors")
    try data.prefix(data.count - 10).write(to: truncated)
    #expect { try Checkpoint.load(from: truncated) } throws: { error in
      (error as? AutoencoderError)?.code == .badCheckpoint && "\(error)".contains("truncated.safetensors")
    }
    let other = try LSTMAutoencoder(config: AutoencoderConfig(features: 2, hidden: 4), seed: 1)
    #expect(throws: AutoencoderError.self) { try Checkpoint.load(from: url, into: other) }
    let garbage = dir.appendingPathComponent("garbage.safetensors")
    try Data("not a checkpoint at all".utf8).write(to: garbage)
    #expect(throws: AutoencoderError.self) { try Checkpoint.load(from: garbage) }
  }

  @Test("an unwritable checkpoint path is named with the reason, in words rather than the error code")
  func unwritablePath() throws {
    let model = try LSTMAutoencoder(config: AutoencoderConfig(features: 2, hidden: 3), seed: 1)
    let dir = try Fixtures.temporaryDirectory("ckpt")
    let missing = dir.appendingPathComponent("no/such/m.safetensors")
    let error = #expect(throws: AutoencoderError.self) { try Checkpoint.save(model, to: missing) }
    #expect(error?.code == .badCheckpoint)
    let text = error.map { "\($0)" } ?? ""
    #expect(text.hasPrefix(missing.path), "\(text)")
    #expect(text.contains("folder \(dir.appendingPathComponent("no/such").path) does not exist"), "\(text)")
    #expect(!text.contains("badCheckpoint"))
    let folderError = #expect(throws: AutoencoderError.self) { try Checkpoint.save(model, to: dir) }
    #expect(folderError.map { "\($0)" }?.contains("it is a folder") == true)
  }
}
