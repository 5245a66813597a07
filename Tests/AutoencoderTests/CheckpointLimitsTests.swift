import Autoencoder
import FixtureSupport
import Foundation
import Testing

/// A checkpoint's header and metadata are untrusted: shapes, offsets and the model size they describe are
/// checked against the file before anything is allocated (issue 12's fuzzing crashed or allocated here).
@Suite struct CheckpointLimitsTests {
  /// A safetensors file from a raw JSON header and `dataBytes` zero bytes of data.
  func rawFile(_ name: String, header: String, dataBytes: Int = 16) throws -> URL {
    let url = try Fixtures.temporaryDirectory("ckpt-limits").appendingPathComponent(name)
    let json = Array(header.utf8)
    var bytes = (0..<8).map { UInt8(truncatingIfNeeded: UInt64(json.count) >> (8 * UInt64($0))) }
    bytes += json + [UInt8](repeating: 0, count: dataBytes)
    try Data(bytes).write(to: url)
    return url
  }

  func expectBadCheckpoint(_ url: URL, mentioning words: String..., sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(sourceLocation: sourceLocation) { try Checkpoint.load(from: url) } throws: { error in
      guard let e = error as? AutoencoderError, e.code == .badCheckpoint else { return false }
      return "\(e)".contains(url.lastPathComponent) && words.allSatisfy { "\(e)".contains($0) }
    }
  }

  @Test("a shape whose product overflows, or holds more values than the file, is refused")
  func overflowingShapes() throws {
    let huge = try rawFile(
      "huge.safetensors",
      header: #"{"w":{"dtype":"F32","shape":[4294967296,4294967296,16],"data_offsets":[0,16]}}"#)
    expectBadCheckpoint(huge, mentioning: "tensor w", "shape")
    let negative = try rawFile(
      "negative.safetensors", header: #"{"w":{"dtype":"F32","shape":[-2,-2],"data_offsets":[0,16]}}"#)
    expectBadCheckpoint(negative, mentioning: "tensor w")
    let offsets = try rawFile(
      "offsets.safetensors",
      header: #"{"w":{"dtype":"F32","shape":[4],"data_offsets":[9223372036854775800,9223372036854775807]}}"#)
    expectBadCheckpoint(offsets, mentioning: "data_offsets")
  }

  /// A real checkpoint with its metadata rewritten.
  func withMetadata(_ name: String, _ edit: [String: String]) throws -> URL {
    let model = try LSTMAutoencoder(config: AutoencoderConfig(features: 3, hidden: 4), seed: 2)
    let dir = try Fixtures.temporaryDirectory("ckpt-meta")
    let url = dir.appendingPathComponent(name)
    try Checkpoint.save(model, to: url)
    let file = try SafetensorsFile(contentsOf: url)
    try SafetensorsFile(tensors: file.tensors, metadata: file.metadata.merging(edit) { $1 }).write(to: url)
    return url
  }

  @Test(
    "metadata sizes of 2^62, or a model the tensors do not hold, are refused before the model is built",
    arguments: [
      ["features": "4611686018427387904"], ["hidden": "4611686018427387904"], ["hidden": "100000"],
      ["layers": "1000000"], ["hidden": "5"],
    ])
  func metadataSizes(edit: [String: String]) throws {
    let url = try withMetadata("meta-\(edit.keys.first!)-\(edit.values.first!.prefix(6)).safetensors", edit)
    // refused from the metadata and the tensors alone (a 100000-hidden model would ask for 160 GB)
    expectBadCheckpoint(url)
  }

  @Test("a model shape past the limits is a configuration error naming the limit")
  func configurationLimits() throws {
    #expect { try LSTMAutoencoder(config: AutoencoderConfig(features: 274, hidden: 100_000), seed: 0) } throws: {
      error in (error as? AutoencoderError)?.code == .badConfiguration && "\(error)".contains("limit")
    }
    #expect(throws: AutoencoderError.self) {
      try LSTMAutoencoder(config: AutoencoderConfig(features: 5, hidden: 8, layers: 1_000_000))
    }
    #expect(throws: Never.self) { try LSTMAutoencoder(config: AutoencoderConfig(features: 274, hidden: 300)) }
  }
}
