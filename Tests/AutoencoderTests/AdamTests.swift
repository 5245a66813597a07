import Autoencoder
import Testing

@Suite("Adam and gradient clipping")
struct AdamTests {
  static func norm(_ model: LSTMAutoencoder) -> Double {
    model.parameterTensors.reduce(0.0) { total, t in
      total + model.gradient(t.name)!.reduce(0.0) { $0 + Double($1) * Double($1) }
    }.squareRoot()
  }

  static func trainedOnce(clip: Float?) throws -> (LSTMAutoencoder, AdamOptimizer, Double) {
    let model = try LSTMAutoencoder(config: AutoencoderConfig(features: 3, hidden: 4, reduction: .sum), seed: 5)
    let x: [Float] = (0..<(2 * 6 * 3)).map { Float($0 % 5) - 2 }
    try x.withUnsafeBufferPointer { _ = try model.forward($0, batchSize: 2, length: 6) }
    model.backward()
    let before = norm(model)
    let adam = AdamOptimizer(model: model, settings: AdamSettings(clipNorm: clip))
    return (model, adam, before)
  }

  @Test("clip_grad_norm_: gradients above the limit are scaled to it, and the norm before is returned")
  func clipsLargeGradients() throws {
    let (model, adam, before) = try Self.trainedOnce(clip: 0.5)
    #expect(before > 0.5)
    let returned = try #require(adam.step())
    #expect(abs(Double(returned) - before) / before < 1e-5)
    #expect(abs(Self.norm(model) - 0.5 / (1 + 1e-6 / before)) < 1e-5)
  }

  @Test("gradients below the limit are left alone")
  func leavesSmallGradients() throws {
    let (model, adam, before) = try Self.trainedOnce(clip: 1e6)
    adam.step()
    #expect(abs(Self.norm(model) - before) / before < 1e-6)
    #expect(adam.stepCount == 1)
  }
}
