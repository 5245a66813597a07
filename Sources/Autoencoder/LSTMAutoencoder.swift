/// The EncDec-AD sequence autoencoder: an LSTM encoder, a decoder `LSTMCell` that starts from the encoder's
/// final (h, c), emits x̂[0] = dense(h) and then feeds back x̂[t−1] (or x[t−1] with teacher forcing).
/// Parameters follow PyTorch `state_dict` names and layouts; batches are float32 [B, T, F], batch first.
/// Not thread-safe: one model, one caller; buffers are sized on first use and reused.
public final class LSTMAutoencoder {
  public let config: AutoencoderConfig
  let parameters: ParameterSet
  private let encoder: [[LSTMDirection]]
  private let decoder: LSTMDirection
  private let dense: Dense

  private var batch = 0
  /// Loss of the last forward before rounding to float32 (finite-difference checks need the extra digits).
  private(set) var lastLoss = 0.0
  private var length = 0
  /// Time-major [T, B, F] copies of the batch: encoder input and loss target (reversed if asked).
  private var inputs = FloatBuffer(count: 0)
  private var targets = FloatBuffer(count: 0)
  /// [T, B, F] decoder outputs x̂ and ∂L/∂x̂ from the loss.
  private var outputs = FloatBuffer(count: 0)
  private var dLoss = FloatBuffer(count: 0)
  /// Per stacked layer below the last: outputs [T, B, D·H]; two gradient buffers used in turn.
  private var layerOutputs: [FloatBuffer]
  private var dLayer = [FloatBuffer(count: 0), FloatBuffer(count: 0)]
  /// [B, Hd]: decoder initial (h, c).
  private var decoderH0 = FloatBuffer(count: 0)
  private var decoderC0 = FloatBuffer(count: 0)
  /// [T, B, Hd]: ∂L/∂h_t through the dense head (row block 0 ends as the encoder's final ∂h).
  private var dHidden = FloatBuffer(count: 0)
  /// Decoder feedback folded into one recurrence: W_c = W_hh + W_ih·W_d [4Hd, Hd], b_c = b_ih + b_hh + W_ih·b_d.
  private let foldedWeights: FloatBuffer
  private let foldedBias: FloatBuffer

  /// A model with PyTorch's default initialization: LSTM tensors U(±1/√hidden), linear U(±1/√fan_in).
  public convenience init(config: AutoencoderConfig, seed: UInt64) throws {
    try self.init(config: config)
    var rng = SeededGenerator(seed: seed)
    for t in parameters.tensors {
      let bound: Float
      if t.name.hasPrefix("encoder.") {
        bound = 1 / Float(config.hidden).squareRoot()
      } else {
        bound = 1 / Float(config.decoderHidden).squareRoot()
      }
      let p = parameters.values.at(t.offset)
      for k in 0..<t.count { p[k] = rng.uniform(bound) }
    }
  }

  /// A model with all parameters zero (to be loaded from a checkpoint or set by name).
  public convenience init(config: AutoencoderConfig) throws {
    try config.validate()
    self.init(config: config, parameters: ParameterSet(config.parameterSpecs))
  }

  /// A replica of `model` for data-parallel steps: it reads `model`'s parameter values in place (so it sees
  /// every update) and has its own activations and gradients.
  convenience init(replicaOf model: LSTMAutoencoder) {
    self.init(config: model.config, parameters: ParameterSet(sharingValuesOf: model.parameters))
  }

  private init(config: AutoencoderConfig, parameters p: ParameterSet) {
    self.config = config
    parameters = p
    let h = config.hidden
    encoder = (0..<config.layers).map { layer in
      (config.bidirectional ? [false, true] : [false]).map { reverse in
        LSTMDirection(
          inputSize: layer == 0 ? config.features : h * config.directions, hidden: h, reverse: reverse,
          parameters: p, names: .encoder(layer: layer, reverse: reverse))
      }
    }
    decoder = LSTMDirection(
      inputSize: config.features, hidden: config.decoderHidden, reverse: false, parameters: p, names: .decoder)
    dense = Dense(
      inFeatures: config.decoderHidden, outFeatures: config.features, parameters: p,
      weight: "decoder.dense.weight", bias: "decoder.dense.bias")
    layerOutputs = (0..<max(config.layers - 1, 0)).map { _ in FloatBuffer(count: 0) }
    let hd = config.decoderHidden
    foldedWeights = FloatBuffer(count: config.teacherForcing ? 0 : 4 * hd * hd)
    foldedBias = FloatBuffer(count: 4 * hd)
  }

  // MARK: parameters by name

  /// Every tensor in `state_dict` order.
  public var parameterTensors: [ParameterTensor] { parameters.tensors }
  /// Total number of scalar parameters.
  public var parameterCount: Int { parameters.count }

  public func parameter(_ name: String) -> [Float]? {
    guard let t = parameters.tensor(name) else { return nil }
    return Array(UnsafeBufferPointer(start: parameters.values.at(t.offset), count: t.count))
  }

  /// ∂L/∂parameter of the last `backward()`.
  public func gradient(_ name: String) -> [Float]? {
    guard let t = parameters.tensor(name) else { return nil }
    return Array(UnsafeBufferPointer(start: parameters.grads.at(t.offset), count: t.count))
  }

  public func setParameter(_ name: String, _ values: [Float]) throws {
    guard let t = parameters.tensor(name) else {
      throw AutoencoderError(.shapeMismatch, "no parameter named \(name) in this model (\(config))")
    }
    guard values.count == t.count else {
      throw AutoencoderError(
        .shapeMismatch, "\(name): \(values.count) values given, shape \(t.shape) needs \(t.count)")
    }
    values.withUnsafeBufferPointer { parameters.values.at(t.offset).update(from: $0.baseAddress!, count: t.count) }
  }

  // MARK: forward

  private func prepare(batch b: Int, length t: Int) {
    batch = b
    length = t
    let f = config.features
    let dh = config.hidden * config.directions
    for buffer in [\LSTMAutoencoder.inputs, \.targets, \.outputs, \.dLoss] {
      ensureCapacity(&self[keyPath: buffer], t * b * f)
    }
    for l in layerOutputs.indices { ensureCapacity(&layerOutputs[l], t * b * dh) }
    if config.layers > 1 { for k in 0..<2 { ensureCapacity(&dLayer[k], t * b * dh) } }
    for buffer in [\LSTMAutoencoder.decoderH0, \.decoderC0] {
      ensureCapacity(&self[keyPath: buffer], b * config.decoderHidden)
    }
    ensureCapacity(&dHidden, t * b * config.decoderHidden)
    for layer in encoder { for d in layer { d.prepare(batch: b, steps: t) } }
    decoder.prepare(batch: b, steps: t - 1)
  }

  /// Runs the model on `batchSize` windows [B, T, F] (batch first) and returns the loss; keeps every
  /// activation for `backward()`. `length` is T.
  @discardableResult
  public func forward(_ batchValues: UnsafeBufferPointer<Float>, batchSize b: Int, length t: Int) throws -> Float {
    let f = config.features
    guard b >= 1, t >= 1, batchValues.count >= b * t * f else {
      throw AutoencoderError(
        .shapeMismatch,
        "batch of \(batchValues.count) floats cannot hold B \(b) × T \(t) × F \(f) windows; check the window shape")
    }
    prepare(batch: b, length: t)
    let x = batchValues.baseAddress!
    // inputs[t, b] = x[b, t] ; targets[t, b] = x[b, T−1−t] when reversed
    for bi in 0..<b {
      for ti in 0..<t {
        let source = x + (bi * t + ti) * f
        inputs.at((ti * b + bi) * f).update(from: source, count: f)
        let tt = config.reverseTarget ? t - 1 - ti : ti
        targets.at((tt * b + bi) * f).update(from: source, count: f)
      }
    }
    forwardEncoder()
    forwardDecoder()
    lastLoss = MSELoss.forward(outputs.base, targets.base, count: t * b * f, config.reduction)
    return Float(lastLoss)
  }

  /// Encoder layers in turn; each layer's directions read the same input and write their own states.
  private func forwardEncoder() {
    var input = UnsafePointer(inputs.base)
    let dh = config.hidden * config.directions
    for (l, layer) in encoder.enumerated() {
      for d in layer { d.forwardSequence(input) }
      guard l < encoder.count - 1 else { break }
      let out = layerOutputs[l]
      // y[t, b, d·H ..< (d+1)·H] = h_d[t, b]
      for (k, d) in layer.enumerated() {
        for ti in 0..<length {
          copyRows(
            rows: batch, cols: config.hidden, from: d.h(slot: d.slotAfter(ti)), ld: config.hidden,
            to: out.at(ti * batch * dh + k * config.hidden), ld: dh)
        }
      }
      input = UnsafePointer(out.base)
    }
  }

  /// x̂[0] = dense(h_enc); for t ≥ 1: (h, c) = cell(x̂[t−1] or x[t−1], (h, c)), x̂[t] = dense(h).
  /// Fed its own output, the cell's z = W_ih·x̂[t−1] + W_hh·h + b = W_c·h + b_c (x̂[t−1] = W_d·h + b_d): one
  /// product per step, and the head runs once over all steps afterwards.
  private func forwardDecoder() {
    let hd = config.decoderHidden
    let h = config.hidden
    for (k, d) in encoder[encoder.count - 1].enumerated() {
      copyRows(rows: batch, cols: h, from: d.h(slot: d.finalSlot), ld: h, to: decoderH0.at(k * h), ld: hd)
      copyRows(rows: batch, cols: h, from: d.c(slot: d.finalSlot), ld: h, to: decoderC0.at(k * h), ld: hd)
    }
    decoder.setInitialState(h0: decoderH0.base, c0: decoderC0.base, ld: hd)
    if config.teacherForcing {
      // Z[s] = x[s] · W_ihᵀ for every step s < T−1 at once, then the recurrence
      decoder.projectInputs(targets.base)
      for s in 0..<(length - 1) { decoder.step(s) }
    } else {
      foldFeedback()
      decoder.useRecurrent(foldedWeights.base)
      for s in 0..<(length - 1) { decoder.step(s, bias: foldedBias.base, accumulate: false) }
    }
    // x̂[t] = dense(h_t) for every t at once (slots 0 ..< T)
    dense.forward(rows: length * batch, decoder.h(slot: 0), into: outputs.base)
  }

  /// W_c = W_hh + W_ih · W_d ([4Hd, F] × [F, Hd]) ; b_c = b_ih + b_hh + W_ih · b_d, from this step's parameters.
  private func foldFeedback() {
    let hd = config.decoderHidden
    let f = config.features
    let g = 4 * hd
    foldedWeights.base.update(from: decoder.wHH, count: g * hd)
    gemm(m: g, n: hd, k: f, decoder.wIH, lda: f, dense.w, ldb: hd, beta: 1, foldedWeights.base, ldc: hd)
    foldedBias.base.update(from: decoder.biasSum.base, count: g)
    gemm(transB: true, m: 1, n: g, k: f, dense.b, lda: f, decoder.wIH, ldb: f, beta: 1, foldedBias.base, ldc: g)
  }

  // MARK: backward

  /// Gradients of the last `forward` loss with respect to every parameter (overwrites, like zero_grad + backward).
  public func backward() { backward(lossWeight: 1) }

  /// `backward()` of `lossWeight` × the last loss: a replica that ran rows r of a batch of n passes r/n under
  /// the mean reduction, so that the replicas' gradients sum to the whole batch's.
  func backward(lossWeight: Float) {
    precondition(batch > 0, "backward() needs a forward() first")
    parameters.grads.zero()
    let f = config.features
    let n = length * batch * f
    MSELoss.backward(outputs.base, targets.base, count: n, config.reduction, weight: lossWeight, into: dLoss.base)
    backwardDecoder()
    backwardEncoder()
  }

  /// Back through the decoder. ∂h_t = dℓ_t · W_d (all t at once) + dz_{t+1} · W, where W is the recurrent
  /// matrix of the forward pass (W_c when folded: it carries the path through x̂[t] into the next cell).
  private func backwardDecoder() {
    let hd = config.decoderHidden
    let rowsH = batch * hd
    dense.backwardInput(rows: length * batch, dLoss.base, into: dHidden.base, beta: 0)
    decoder.beginBackward(dhFinal: nil, dcFinal: nil, ld: hd)
    for t in stride(from: length - 1, to: 0, by: -1) {
      // the cell step t−1 produced h_t
      decoder.backwardStep(t - 1, dOut: dHidden.at(t * rowsH), ldOut: hd)
    }
    // ∂h_enc = dℓ_0 · W_d + recurrent ; ∂c_enc = recurrent
    for k in 0..<rowsH { dHidden.base[k] += decoder.dhRec.base[k] }
    dense.accumulateWeightGradients(rows: length * batch, dLoss.base, decoder.h(slot: 0))
    if config.teacherForcing {
      decoder.accumulateWeightGradients(inputs: targets.base)
    } else {
      decoder.accumulateWeightGradients(inputs: nil)
      unfoldFeedbackGradients()
    }
  }

  /// The gradients the folded recurrence owes W_ih, W_d and b_d. With G = dW_hh = Σ dzᵀ h₋ and db = Σ dz
  /// (the decoder's gradients start at zero in `backward`), x̂₋ = h₋·W_dᵀ + b_d and ∂x̂₋ ∋ dz · W_ih give
  /// dW_ih = G·W_dᵀ + db ⊗ b_d, dW_d += W_ihᵀ·G, db_d += W_ihᵀ·db.
  private func unfoldFeedbackGradients() {
    let hd = config.decoderHidden
    let f = config.features
    let g = 4 * hd
    let dWHH = UnsafePointer(decoder.dWHH)
    let dB = UnsafePointer(decoder.dBIH)
    // dW_ih += G · W_dᵀ   ([4Hd, Hd] × [Hd, F]; W_dᵀ as the forward head packed it)
    dense.transposedWeights.multiply(m: g, dWHH, lda: hd, into: decoder.dWIH, ldc: f, accumulate: true)
    // dW_ih[j, i] += db[j] · b_d[i]
    for j in 0..<g {
      let row = decoder.dWIH + j * f
      let d = dB[j]
      for i in 0..<f { row[i] += d * dense.b[i] }
    }
    // dW_d += W_ihᵀ · G   ([F, 4Hd] × [4Hd, Hd]) ; db_d += W_ihᵀ · db
    gemm(transA: true, m: f, n: hd, k: g, decoder.wIH, lda: f, dWHH, ldb: hd, beta: 1, dense.dW, ldc: hd)
    gemm(m: 1, n: f, k: g, dB, lda: g, decoder.wIH, ldb: f, beta: 1, dense.dB, ldc: f)
  }

  /// Back through the encoder layers from the last; the last layer's final states receive the decoder's gradient.
  private func backwardEncoder() {
    let h = config.hidden
    let hd = config.decoderHidden
    let dh = h * config.directions
    var dOut: UnsafeMutablePointer<Float>? = nil
    for l in stride(from: encoder.count - 1, through: 0, by: -1) {
      let layerInput = l == 0 ? inputs.base : layerOutputs[l - 1].base
      let dInput = l > 0 ? dLayer[l % 2].base : nil
      for (k, d) in encoder[l].enumerated() {
        if l == encoder.count - 1 {
          d.beginBackward(dhFinal: dHidden.at(k * h), dcFinal: decoder.dcRec.at(k * h), ld: hd)
        } else {
          d.beginBackward(dhFinal: nil, dcFinal: nil, ld: h)
        }
        for t in d.backwardOrder() {
          d.backwardStep(t, dOut: dOut.map { UnsafePointer($0 + t * batch * dh + k * h) }, ldOut: dh)
        }
        d.accumulateWeightGradients(inputs: layerInput)
        if let dInput { d.inputGradients(into: dInput, beta: k == 0 ? 0 : 1) }
      }
      dOut = dInput
    }
  }

  // MARK: results

  /// x̂ of the last forward, batch first [B, T, F], in target order (back to front when `reverseTarget`).
  public func lastOutput() -> [Float] {
    let f = config.features
    var result = [Float](repeating: 0, count: batch * length * f)
    result.withUnsafeMutableBufferPointer { r in
      for bi in 0..<batch {
        for ti in 0..<length {
          (r.baseAddress! + (bi * length + ti) * f).update(from: outputs.at((ti * batch + bi) * f), count: f)
        }
      }
    }
    return result
  }

  /// Reconstructions of the last forward in natural time order [B, T, F] (un-reversed when `reverseTarget`).
  public func lastReconstruction() -> [Float] {
    guard config.reverseTarget else { return lastOutput() }
    let f = config.features
    var result = [Float](repeating: 0, count: batch * length * f)
    result.withUnsafeMutableBufferPointer { r in
      for bi in 0..<batch {
        for ti in 0..<length {
          let source = outputs.at(((length - 1 - ti) * batch + bi) * f)
          (r.baseAddress! + (bi * length + ti) * f).update(from: source, count: f)
        }
      }
    }
    return result
  }

  /// The model's reconstruction of one window [T, F] (row-major), in natural time order.
  public func reconstruct(window: [Float]) throws -> [Float] {
    let f = config.features
    guard !window.isEmpty, window.count % f == 0 else {
      throw AutoencoderError(
        .shapeMismatch, "window of \(window.count) floats is not a whole number of \(f)-feature rows")
    }
    try window.withUnsafeBufferPointer { _ = try forward($0, batchSize: 1, length: window.count / f) }
    return lastReconstruction()
  }

  /// The last forward's windows in natural order, batch first [B, T, F].
  func lastInputs(_ body: (UnsafePointer<Float>) -> Void) {
    let f = config.features
    let x = FloatBuffer(count: batch * length * f)
    for bi in 0..<batch {
      for ti in 0..<length { x.at((bi * length + ti) * f).update(from: inputs.at((ti * batch + bi) * f), count: f) }
    }
    body(x.base)
  }

  /// T and B of the last forward.
  public var lastShape: (batch: Int, length: Int) { (batch, length) }
}
