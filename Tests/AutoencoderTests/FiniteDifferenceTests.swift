import Foundation
import Testing

@testable import Autoencoder

/// Hand-written backward passes against central differences (L(p+ε) − L(p−ε)) / 2ε, in float32.
/// L itself is summed in double precision; ε = 1e-2 keeps the float32 rounding of the activations small
/// after dividing by 2ε, while the O(ε²) truncation error of a smooth LSTM stays ≈1e-4 relative; tolerance
/// |fd − analytic| ≤ 2e-3·max|analytic| + 3e-3·|analytic| per checked element.
@Suite("Finite-difference gradient checks")
struct FiniteDifferenceTests {
  static let epsilon: Float = 1e-2

  /// Checks `count` evenly spread entries of `values` (or all, if fewer).
  static func check(
    _ label: String, values: UnsafeMutablePointer<Float>, analytic: [Float], samples: Int = 12,
    objective: () -> Double
  ) {
    let n = analytic.count
    let scale = analytic.map { abs($0) }.max() ?? 0
    let stride = max(1, n / samples)
    for k in Swift.stride(from: 0, to: n, by: stride) {
      let saved = values[k]
      values[k] = saved + epsilon
      let plus = objective()
      values[k] = saved - epsilon
      let minus = objective()
      values[k] = saved
      let fd = (plus - minus) / Double(2 * epsilon)
      let a = Double(analytic[k])
      let allowed = 2e-3 * Double(scale) + 3e-3 * abs(a) + 1e-6
      #expect(abs(fd - a) <= allowed, "\(label)[\(k)]: finite difference \(fd), analytic \(a)")
    }
  }

  /// Deterministic values in [−1, 1).
  static func randomValues(_ count: Int, seed: UInt64) -> [Float] {
    var rng = SeededGenerator(seed: seed)
    return (0..<count).map { _ in rng.uniform(1) }
  }

  static func fill(_ p: UnsafeMutablePointer<Float>, _ values: [Float]) {
    for (k, v) in values.enumerated() { p[k] = v }
  }

  @Test("MSE loss gradient, mean and sum", arguments: LossReduction.allCases)
  func mseLoss(reduction: LossReduction) {
    let n = 24
    let prediction = FloatBuffer(count: n)
    let target = FloatBuffer(count: n)
    let grad = FloatBuffer(count: n)
    Self.fill(prediction.base, Self.randomValues(n, seed: 1))
    Self.fill(target.base, Self.randomValues(n, seed: 2))
    MSELoss.backward(prediction.base, target.base, count: n, reduction, into: grad.base)
    Self.check("dŷ", values: prediction.base, analytic: grad.array, samples: n) {
      MSELoss.forward(prediction.base, target.base, count: n, reduction)
    }
  }

  @Test("dense layer: weight, bias and input gradients")
  func dense() {
    let rows = 3
    let inFeatures = 6
    let outFeatures = 4
    let p = ParameterSet([("w", [outFeatures, inFeatures]), ("b", [outFeatures])])
    Self.fill(p.values.base, Self.randomValues(p.count, seed: 3))
    let layer = Dense(inFeatures: inFeatures, outFeatures: outFeatures, parameters: p, weight: "w", bias: "b")
    let x = FloatBuffer(count: rows * inFeatures)
    Self.fill(x.base, Self.randomValues(x.count, seed: 4))
    let r = Self.randomValues(rows * outFeatures, seed: 5)
    let y = FloatBuffer(count: rows * outFeatures)
    // L = Σ r ⊙ y  ⇒ ∂L/∂y = r
    let objective = { () -> Double in
      layer.forward(rows: rows, x.base, into: y.base)
      return (0..<y.count).reduce(0.0) { $0 + Double(r[$1]) * Double(y.base[$1]) }
    }
    let dy = FloatBuffer(count: r.count)
    Self.fill(dy.base, r)
    let dx = FloatBuffer(count: x.count)
    layer.backwardInput(rows: rows, dy.base, into: dx.base, beta: 0)
    layer.accumulateWeightGradients(rows: rows, dy.base, x.base)
    Self.check("dense.weight", values: p.value("w"), analytic: Array(p.grads.array[0..<24]), objective: objective)
    Self.check("dense.bias", values: p.value("b"), analytic: Array(p.grads.array[24...]), objective: objective)
    Self.check("dense.input", values: x.base, analytic: dx.array, objective: objective)
  }

  /// An LSTM direction with random parameters, objective L = Σ R⊙h_t + Σ a⊙h_final + Σ e⊙c_final.
  struct LayerProbe {
    let p: ParameterSet
    let direction: LSTMDirection
    let x: FloatBuffer
    let h0: FloatBuffer
    let c0: FloatBuffer
    let r: [Float]
    let a: [Float]
    let e: [Float]
    let batch = 2
    let steps: Int
    let input = 3
    let hidden = 4

    init(steps: Int, reverse: Bool, seed: UInt64) {
      self.steps = steps
      let names = LSTMNames.encoder(layer: 0, reverse: reverse)
      p = ParameterSet([
        (names.weightIH, [4 * hidden, input]), (names.weightHH, [4 * hidden, hidden]), (names.biasIH, [4 * hidden]),
        (names.biasHH, [4 * hidden]),
      ])
      FiniteDifferenceTests.fill(p.values.base, FiniteDifferenceTests.randomValues(p.count, seed: seed))
      direction = LSTMDirection(inputSize: input, hidden: hidden, reverse: reverse, parameters: p, names: names)
      x = FloatBuffer(count: steps * batch * input)
      FiniteDifferenceTests.fill(x.base, FiniteDifferenceTests.randomValues(x.count, seed: seed + 1))
      h0 = FloatBuffer(count: batch * hidden)
      c0 = FloatBuffer(count: batch * hidden)
      FiniteDifferenceTests.fill(h0.base, FiniteDifferenceTests.randomValues(h0.count, seed: seed + 2))
      FiniteDifferenceTests.fill(c0.base, FiniteDifferenceTests.randomValues(c0.count, seed: seed + 3))
      r = FiniteDifferenceTests.randomValues(steps * batch * hidden, seed: seed + 4)
      a = FiniteDifferenceTests.randomValues(batch * hidden, seed: seed + 5)
      e = FiniteDifferenceTests.randomValues(batch * hidden, seed: seed + 6)
    }

    func objective() -> Double {
      direction.prepare(batch: batch, steps: steps)
      direction.setInitialState(h0: h0.base, c0: c0.base, ld: hidden)
      direction.projectInputs(x.base)
      for t in direction.forwardOrder() { direction.step(t) }
      var total = 0.0
      for t in 0..<steps {
        let h = direction.h(slot: direction.slotAfter(t))
        for k in 0..<(batch * hidden) { total += Double(r[t * batch * hidden + k]) * Double(h[k]) }
      }
      let hf = direction.h(slot: direction.finalSlot)
      let cf = direction.c(slot: direction.finalSlot)
      for k in 0..<(batch * hidden) { total += Double(a[k]) * Double(hf[k]) + Double(e[k]) * Double(cf[k]) }
      return total
    }

    /// Runs forward and backward; returns ∂L/∂x, ∂L/∂h0, ∂L/∂c0 (parameter gradients stay in `p.grads`).
    func gradients() -> (dx: [Float], dh0: [Float], dc0: [Float]) {
      _ = objective()
      p.grads.zero()
      direction.beginBackward(dhFinal: a, dcFinal: e, ld: hidden)
      for t in direction.backwardOrder() {
        r.withUnsafeBufferPointer {
          direction.backwardStep(t, dOut: $0.baseAddress! + t * batch * hidden, ldOut: hidden)
        }
      }
      direction.accumulateWeightGradients(inputs: x.base)
      let dx = FloatBuffer(count: x.count)
      direction.inputGradients(into: dx.base, beta: 0)
      return (
        dx.array, Array(direction.dhRec.buffer[0..<(batch * hidden)]),
        Array(direction.dcRec.buffer[0..<(batch * hidden)])
      )
    }
  }

  @Test("LSTM layer (both directions): parameters, inputs and initial state", arguments: [false, true])
  func lstmLayer(reverse: Bool) {
    let probe = LayerProbe(steps: 5, reverse: reverse, seed: reverse ? 20 : 10)
    checkProbe(probe)
  }

  @Test("LSTM cell: a single step from a given (h, c)")
  func lstmCell() {
    checkProbe(LayerProbe(steps: 1, reverse: false, seed: 30))
  }

  private func checkProbe(_ probe: LayerProbe) {
    let (dx, dh0, dc0) = probe.gradients()
    let grads = probe.p.grads.array
    for t in probe.p.tensors {
      Self.check(t.name, values: probe.p.values.at(t.offset), analytic: Array(grads[t.offset..<(t.offset + t.count)])) {
        probe.objective()
      }
    }
    Self.check("input", values: probe.x.base, analytic: dx, objective: probe.objective)
    Self.check("h0", values: probe.h0.base, analytic: dh0, objective: probe.objective)
    Self.check("c0", values: probe.c0.base, analytic: dc0, objective: probe.objective)
  }

  static let modelConfigs: [AutoencoderConfig] = [
    AutoencoderConfig(features: 3, hidden: 4),
    AutoencoderConfig(features: 3, hidden: 4, bidirectional: true),
    AutoencoderConfig(features: 3, hidden: 4, layers: 2),
    AutoencoderConfig(features: 3, hidden: 3, layers: 2, bidirectional: true, reduction: .sum, reverseTarget: true),
    AutoencoderConfig(features: 3, hidden: 4, teacherForcing: true),
  ]

  @Test("whole autoencoder: every parameter tensor", arguments: modelConfigs)
  func wholeModel(config: AutoencoderConfig) throws {
    let model = try LSTMAutoencoder(config: config, seed: 7)
    let batch = 2
    let length = 5
    let x = Self.randomValues(batch * length * config.features, seed: 8)
    let objective = { () -> Double in
      _ = try? x.withUnsafeBufferPointer { try model.forward($0, batchSize: batch, length: length) }
      return model.lastLoss
    }
    _ = objective()
    model.backward()
    for t in model.parameterTensors {
      Self.check(
        t.name, values: model.parameters.values.at(t.offset), analytic: model.gradient(t.name)!, samples: 8,
        objective: objective)
    }
  }
}

extension AutoencoderConfig: CustomTestStringConvertible {
  public var testDescription: String {
    "L\(layers)\(bidirectional ? " bi" : "") H\(hidden) "
      + "\(reduction.rawValue)\(reverseTarget ? " reversed" : "")\(teacherForcing ? " teacher-forced" : "")"
  }
}
