/// One direction of one LSTM layer, or the decoder cell unrolled over its steps (PyTorch `nn.LSTM` /
/// `nn.LSTMCell` semantics, gate order i, f, g, o, biases `bias_ih` and `bias_hh`).
/// Activations are time-major [T, B, ·]; states live in T+1 slots so that the previous states of all
/// steps form one contiguous matrix: forward keeps the initial state in slot 0 and the state after
/// step t in slot t+1; reverse keeps the initial state in slot T and the state after step t in slot t.
final class LSTMDirection {
  let inputSize: Int
  let hidden: Int
  private(set) var steps = 0
  let reverse: Bool
  let wIH, wHH, bIH, bHH: UnsafeMutablePointer<Float>
  let dWIH, dWHH, dBIH, dBHH: UnsafeMutablePointer<Float>

  private(set) var batch = 0
  /// The initial h is the zero constant (no h0 given): the first step's h₋·W_hhᵀ, its share of dW_hh and
  /// its ∂h₋ are all zero or unused, and skipped.
  private var zeroInitialHidden = false
  /// [T, B, 4H]: pre-activations, then (after `step`) the activations i, f, g, o.
  private var gates = FloatBuffer(count: 0)
  /// [T, B, 4H]: ∂L/∂pre-activations.
  private var dGates = FloatBuffer(count: 0)
  /// [T+1, B, H] hidden and cell state slots; [T, B, H] tanh(c).
  private(set) var hs = FloatBuffer(count: 0)
  private var cs = FloatBuffer(count: 0)
  private var tanhC = FloatBuffer(count: 0)
  /// [B, H] recurrent gradients ∂L/∂h and ∂L/∂c flowing backward in time.
  private(set) var dhRec = FloatBuffer(count: 0)
  private(set) var dcRec = FloatBuffer(count: 0)
  /// b_ih + b_hh of the current pass; Σ dz of the current backward pass.
  let biasSum: FloatBuffer
  private let dGateSums: FloatBuffer
  /// The recurrent matrix W [4H, H] (W_hh, or the decoder's folded W_c) as the per-step products use it:
  /// Wᵀ forward (h₋ · Wᵀ), W backward (dz · W).
  private let recurrentForward = PackedMatrix()
  private let recurrentBackward = PackedMatrix()
  /// W_ihᵀ for the input projection of all steps.
  private let inputWeights = PackedMatrix()

  init(inputSize: Int, hidden: Int, reverse: Bool, parameters p: ParameterSet, names: LSTMNames) {
    self.inputSize = inputSize
    self.hidden = hidden
    self.reverse = reverse
    wIH = p.value(names.weightIH)
    wHH = p.value(names.weightHH)
    bIH = p.value(names.biasIH)
    bHH = p.value(names.biasHH)
    dWIH = p.grad(names.weightIH)
    dWHH = p.grad(names.weightHH)
    dBIH = p.grad(names.biasIH)
    dBHH = p.grad(names.biasHH)
    biasSum = FloatBuffer(count: 4 * hidden)
    dGateSums = FloatBuffer(count: 4 * hidden)
  }

  /// Sizes the buffers for `steps` × `batch` rows (growing only) and folds the two biases for this pass.
  func prepare(batch: Int, steps: Int) {
    self.batch = batch
    self.steps = steps
    let g = steps * batch * 4 * hidden
    let s = (steps + 1) * batch * hidden
    ensureCapacity(&gates, g)
    ensureCapacity(&dGates, g)
    ensureCapacity(&hs, s)
    ensureCapacity(&cs, s)
    ensureCapacity(&tanhC, steps * batch * hidden)
    ensureCapacity(&dhRec, batch * hidden)
    ensureCapacity(&dcRec, batch * hidden)
    // b = b_ih + b_hh
    for j in 0..<(4 * hidden) { biasSum.base[j] = bIH[j] + bHH[j] }
    useRecurrent(wHH)
    inputWeights.set(wIH, k: inputSize, n: 4 * hidden, transposed: true)
  }

  /// The recurrent matrix of this pass, [4H, H] row-major (W_hh unless the decoder folds its feedback in);
  /// it must stay unchanged until the backward pass is done.
  func useRecurrent(_ w: UnsafePointer<Float>) {
    recurrentForward.set(w, k: hidden, n: 4 * hidden, transposed: true)
    recurrentBackward.set(w, k: 4 * hidden, n: hidden, transposed: false)
  }

  // MARK: slots

  var initialSlot: Int { reverse ? steps : 0 }
  var finalSlot: Int { reverse ? 0 : steps }
  @inline(__always) func slotBefore(_ t: Int) -> Int { reverse ? t + 1 : t }
  @inline(__always) func slotAfter(_ t: Int) -> Int { reverse ? t : t + 1 }
  /// Hidden state [B, H] in `slot`.
  @inline(__always) func h(slot: Int) -> UnsafeMutablePointer<Float> { hs.at(slot * batch * hidden) }
  @inline(__always) func c(slot: Int) -> UnsafeMutablePointer<Float> { cs.at(slot * batch * hidden) }
  /// Time indices in processing order.
  func forwardOrder() -> StrideTo<Int> {
    reverse ? stride(from: steps - 1, to: -1, by: -1) : stride(from: 0, to: steps, by: 1)
  }
  func backwardOrder() -> StrideTo<Int> {
    reverse ? stride(from: 0, to: steps, by: 1) : stride(from: steps - 1, to: -1, by: -1)
  }

  // MARK: forward

  /// Initial (h, c) from `h0`/`c0` rows [B, H] with leading dimension `ld`, or zeros.
  func setInitialState(h0: UnsafePointer<Float>?, c0: UnsafePointer<Float>?, ld: Int) {
    let n = batch * hidden
    let hSlot = h(slot: initialSlot)
    let cSlot = c(slot: initialSlot)
    zeroInitialHidden = h0 == nil
    if let h0 {
      copyRows(rows: batch, cols: hidden, from: h0, ld: ld, to: hSlot, ld: hidden)
    } else {
      hSlot.update(repeating: 0, count: n)
    }
    if let c0 {
      copyRows(rows: batch, cols: hidden, from: c0, ld: ld, to: cSlot, ld: hidden)
    } else {
      cSlot.update(repeating: 0, count: n)
    }
  }

  /// Z[t, b] = x[t, b] · W_ihᵀ for every step at once; `x` is [T·B, I].
  func projectInputs(_ x: UnsafePointer<Float>) {
    inputWeights.multiply(m: steps * batch, x, lda: inputSize, into: gates.base, ldc: 4 * hidden, accumulate: false)
  }

  /// Z[t] += h₋ · W_hhᵀ, then the pointwise cell: the state after step t lands in `slotAfter(t)`.
  func step(_ t: Int) { step(t, bias: biasSum.base, accumulate: true) }

  /// Z[t] = h₋ · Wᵀ (+ Z[t] when `accumulate`) for the recurrent matrix W (`useRecurrent`), then the cell
  /// with `bias` (the decoder passes its feedback-folded b here, with no separate input term).
  func step(_ t: Int, bias: UnsafePointer<Float>, accumulate: Bool) {
    let z = gates.at(t * batch * 4 * hidden)
    if zeroInitialHidden && slotBefore(t) == initialSlot {
      if !accumulate { z.update(repeating: 0, count: batch * 4 * hidden) }
    } else {
      recurrentForward.multiply(
        m: batch, h(slot: slotBefore(t)), lda: hidden, into: z, ldc: 4 * hidden, accumulate: accumulate)
    }
    lstmPointwiseForward(
      rows: batch, hidden: hidden, gates: z, bias: bias, cPrev: c(slot: slotBefore(t)),
      c: c(slot: slotAfter(t)), tanhC: tanhC.at(t * batch * hidden), hOut: h(slot: slotAfter(t)))
  }

  /// The whole sequence: inputs [T·B, I] time-major, initial state zero.
  func forwardSequence(_ x: UnsafePointer<Float>) {
    setInitialState(h0: nil, c0: nil, ld: hidden)
    projectInputs(x)
    for t in forwardOrder() { step(t) }
  }

  // MARK: backward

  /// Seeds the recurrent gradients with ∂L/∂(final h, final c) rows [B, H] (leading dimension `ld`), or zeros.
  func beginBackward(dhFinal: UnsafePointer<Float>?, dcFinal: UnsafePointer<Float>?, ld: Int) {
    let n = batch * hidden
    if let dhFinal {
      copyRows(rows: batch, cols: hidden, from: dhFinal, ld: ld, to: dhRec.base, ld: hidden)
    } else {
      dhRec.base.update(repeating: 0, count: n)
    }
    if let dcFinal {
      copyRows(rows: batch, cols: hidden, from: dcFinal, ld: ld, to: dcRec.base, ld: hidden)
    } else {
      dcRec.base.update(repeating: 0, count: n)
    }
  }

  /// Step t backward: dz_t from ∂L/∂h_t (recurrent + `dOut` rows [B, H] at leading dimension `ldOut`)
  /// and ∂L/∂c_t; then ∂L/∂h₋ = dz_t · W and ∂L/∂c₋ = dc ⊙ f (left in `dhRec`, `dcRec`), where W is the
  /// recurrent matrix the forward step used. ∂L/∂h₋ of the first step is not computed when the initial
  /// state was the zero constant.
  func backwardStep(_ t: Int, dOut: UnsafePointer<Float>?, ldOut: Int) {
    let z = gates.at(t * batch * 4 * hidden)
    let dz = dGates.at(t * batch * 4 * hidden)
    lstmPointwiseBackward(
      rows: batch, hidden: hidden, gates: z, cPrev: c(slot: slotBefore(t)), tanhC: tanhC.at(t * batch * hidden),
      dhRec: dhRec.base, dOut: dOut, ldOut: ldOut, dc: dcRec.base, dGates: dz)
    if zeroInitialHidden && slotBefore(t) == initialSlot { return }
    // dh₋ = dz · W   ([B, 4H] × [4H, H])
    recurrentBackward.multiply(m: batch, dz, lda: 4 * hidden, into: dhRec.base, ldc: hidden, accumulate: false)
  }

  /// dW_ih += Σ_t dz_tᵀ x_t ; dW_hh += Σ_t dz_tᵀ h₋_t ; db_ih, db_hh += Σ dz — one GEMM each over all steps.
  /// Without `inputs` dW_ih is left alone (the feedback-folded decoder derives it from dW_hh).
  func accumulateWeightGradients(inputs x: UnsafePointer<Float>?) {
    let rows = steps * batch
    if let x {
      // dW_ih += dZᵀ · X   ([4H, T·B] × [T·B, I])
      gemm(
        transA: true, m: 4 * hidden, n: inputSize, k: rows, dGates.base, lda: 4 * hidden, x, ldb: inputSize,
        beta: 1, dWIH, ldc: inputSize)
    }
    // a zero initial h adds nothing: leave out the first step (time 0 forward, T−1 reverse)
    let skipped = zeroInitialHidden ? 1 : 0
    let previous = h(slot: reverse || zeroInitialHidden ? 1 : 0)
    let dz = dGates.at(reverse ? 0 : skipped * batch * 4 * hidden)
    // dW_hh += dZᵀ · H₋
    gemm(
      transA: true, m: 4 * hidden, n: hidden, k: (steps - skipped) * batch, dz, lda: 4 * hidden, previous,
      ldb: hidden, beta: 1, dWHH, ldc: hidden)
    dGateSums.zero()
    addColumnSums(rows: rows, cols: 4 * hidden, dGates.base, into: dGateSums.base)
    // db_ih += Σ dz ; db_hh += Σ dz
    for j in 0..<(4 * hidden) {
      dBIH[j] += dGateSums.base[j]
      dBHH[j] += dGateSums.base[j]
    }
  }

  /// dX = dz · W_ih for every step ([T·B, 4H] × [4H, I]); `beta` 1 adds to what `dx` holds (second direction).
  func inputGradients(into dx: UnsafeMutablePointer<Float>, beta: Float) {
    gemm(
      m: steps * batch, n: inputSize, k: 4 * hidden, dGates.base, lda: 4 * hidden, wIH, ldb: inputSize,
      beta: beta, dx, ldc: inputSize)
  }
}

/// PyTorch `state_dict` names of one LSTM direction's four tensors.
struct LSTMNames {
  let weightIH, weightHH, biasIH, biasHH: String

  /// `encoder.lstm.weight_ih_l{layer}{_reverse}` …
  static func encoder(layer: Int, reverse: Bool) -> LSTMNames {
    let suffix = "_l\(layer)" + (reverse ? "_reverse" : "")
    return LSTMNames(
      weightIH: "encoder.lstm.weight_ih" + suffix, weightHH: "encoder.lstm.weight_hh" + suffix,
      biasIH: "encoder.lstm.bias_ih" + suffix, biasHH: "encoder.lstm.bias_hh" + suffix)
  }

  static let decoder = LSTMNames(
    weightIH: "decoder.cell.weight_ih", weightHH: "decoder.cell.weight_hh", biasIH: "decoder.cell.bias_ih",
    biasHH: "decoder.cell.bias_hh")
}
