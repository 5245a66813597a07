import CLSTMKernels

/// Pointwise LSTM kernels over `rows` rows of a gate block [rows, 4H] (gate order i, f, g, o), in C
/// (`Sources/CLSTMKernels`) so that they run AVX-512 / AVX2 wide where the CPU has it; the math is there,
/// one line above each loop. The GEMMs that feed them live in `LSTMDirection`.

/// Forward: i,f,o = σ(z + b), g = tanh(z + b); c = f⊙c₋ + i⊙g; h = o⊙tanh(c).
/// Overwrites the pre-activations in `gates` with the activations that the backward pass needs.
@inline(__always)
func lstmPointwiseForward(
  rows: Int, hidden h: Int, gates: UnsafeMutablePointer<Float>, bias: UnsafePointer<Float>,
  cPrev: UnsafePointer<Float>, c: UnsafeMutablePointer<Float>, tanhC: UnsafeMutablePointer<Float>,
  hOut: UnsafeMutablePointer<Float>
) {
  icews_lstm_pointwise_forward(rows, h, gates, bias, cPrev, c, tanhC, hOut)
}

/// Backward: given ∂L/∂h (recurrent `dhRec` + from above `dOut`, rows `ldOut` apart) and ∂L/∂c (`dc`,
/// updated in place to ∂L/∂c₋), writes the pre-activation gradients dz = (di·i(1−i), df·f(1−f), dg·(1−g²), do·o(1−o)).
@inline(__always)
func lstmPointwiseBackward(
  rows: Int, hidden h: Int, gates: UnsafePointer<Float>, cPrev: UnsafePointer<Float>,
  tanhC: UnsafePointer<Float>, dhRec: UnsafePointer<Float>, dOut: UnsafePointer<Float>?, ldOut: Int,
  dc: UnsafeMutablePointer<Float>, dGates: UnsafeMutablePointer<Float>
) {
  icews_lstm_pointwise_backward(rows, h, gates, cPrev, tanhC, dhRec, dOut, ldOut, dc, dGates)
}

/// Column sums of a [rows, cols] matrix added into `out` (bias gradients: db += Σ_rows dz).
func addColumnSums(rows: Int, cols: Int, _ m: UnsafePointer<Float>, into out: UnsafeMutablePointer<Float>) {
  for r in 0..<rows {
    let row = m + r * cols
    // out[j] += m[r, j]
    for j in 0..<cols { out[j] += row[j] }
  }
}

/// Copies `rows` rows of `cols` floats between strided matrices.
func copyRows(
  rows: Int, cols: Int, from src: UnsafePointer<Float>, ld ldSrc: Int,
  to dst: UnsafeMutablePointer<Float>, ld ldDst: Int
) {
  for r in 0..<rows { (dst + r * ldDst).update(from: src + r * ldSrc, count: cols) }
}
