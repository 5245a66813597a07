import Autoencoder
import Testing

/// Parity with PyTorch (float64 golden vectors) in float32.
/// Tolerances, as max|Δ| / max|expected| per tensor: one forward/backward 1e-5 (float32 has ~6e-8 relative
/// precision; T ≤ 14 recurrent steps of sums over ≤ 400 terms lose about two digits); parameters after one
/// Adam step 1e-6 (the update is ±lr for every element, so only the sign of each gradient must agree);
/// after N steps the float32 rounding of every step compounds through Adam's normalization, so 1e-4.
@Suite("Golden parity with PyTorch")
struct GoldenParityTests {
  @Test("forward output and loss match", arguments: GoldenCase.names)
  func forwardMatches(name: String) throws {
    let golden = try GoldenCase(name)
    let model = try golden.model()
    let loss = try golden.input.withUnsafeBufferPointer {
      try model.forward($0, batchSize: golden.batch, length: golden.length)
    }
    #expect(abs(Double(loss) - golden.loss) / golden.loss < 1e-5)
    #expect(relativeError(model.lastOutput(), golden.output) < 1e-5)
  }

  @Test("every gradient matches", arguments: GoldenCase.names)
  func gradientsMatch(name: String) throws {
    let golden = try GoldenCase(name)
    let model = try golden.model()
    try golden.input.withUnsafeBufferPointer {
      _ = try model.forward($0, batchSize: golden.batch, length: golden.length)
    }
    model.backward()
    #expect(golden.grads.count == model.parameterTensors.count)
    for (name, expected) in golden.grads {
      let actual = try #require(model.gradient(name))
      let error = relativeError(actual, expected)
      #expect(error < 1e-5, "\(name): relative error \(error)")
    }
  }

  @Test("Adam steps follow the loss trace and land on PyTorch's parameters", arguments: GoldenCase.names)
  func adamMatches(name: String) throws {
    let golden = try GoldenCase(name)
    let model = try golden.model()
    let adam = AdamOptimizer(model: model, settings: AdamSettings(learningRate: golden.learningRate))
    for (k, expectedLoss) in golden.lossTrace.enumerated() {
      let loss = try golden.input.withUnsafeBufferPointer {
        try model.forward($0, batchSize: golden.batch, length: golden.length)
      }
      let tolerance = k == 0 ? 1e-5 : 1e-4
      #expect(abs(Double(loss) - expectedLoss) / expectedLoss < tolerance, "loss before step \(k + 1)")
      model.backward()
      adam.step()
      if let expected = golden.paramsAfter[k + 1] {
        for (name, values) in expected {
          let error = relativeError(try #require(model.parameter(name)), values)
          #expect(error < (k == 0 ? 1e-6 : 1e-4), "\(name) after step \(k + 1): relative error \(error)")
        }
      }
    }
  }
}
