/// Pointwise LSTM kernels over `rows` rows of a gate block [rows, 4H] (gate order i, f, g, o), 8 lanes at a time.
/// Forward and backward side by side; the GEMMs that feed them live in `LSTMDirection`.

/// Forward: i,f,o = σ(z + b), g = tanh(z + b); c = f⊙c₋ + i⊙g; h = o⊙tanh(c).
/// Overwrites the pre-activations in `gates` with the activations that the backward pass needs.
func lstmPointwiseForward(
  rows: Int, hidden h: Int, gates: UnsafeMutablePointer<Float>, bias: UnsafePointer<Float>,
  cPrev: UnsafePointer<Float>, c: UnsafeMutablePointer<Float>, tanhC: UnsafeMutablePointer<Float>,
  hOut: UnsafeMutablePointer<Float>
) {
  for r in 0..<rows {
    let g = gates + r * 4 * h
    let cp = cPrev + r * h
    let cn = c + r * h
    let tc = tanhC + r * h
    let ho = hOut + r * h
    // i, f, g, o = σ(z_i), σ(z_f), tanh(z_g), σ(z_o) ; c = f⊙c₋ + i⊙g ; h = o⊙tanh(c)
    for j in stride(from: 0, to: h, by: 8) {
      let n = min(8, h - j)
      let i = sigmoid(loadLanes(g + j, n) + loadLanes(bias + j, n))
      let f = sigmoid(loadLanes(g + h + j, n) + loadLanes(bias + h + j, n))
      let gg = tanh(loadLanes(g + 2 * h + j, n) + loadLanes(bias + 2 * h + j, n))
      let o = sigmoid(loadLanes(g + 3 * h + j, n) + loadLanes(bias + 3 * h + j, n))
      let cv = f * loadLanes(cp + j, n) + i * gg
      let t = tanh(cv)
      storeLanes(i, g + j, n)
      storeLanes(f, g + h + j, n)
      storeLanes(gg, g + 2 * h + j, n)
      storeLanes(o, g + 3 * h + j, n)
      storeLanes(cv, cn + j, n)
      storeLanes(t, tc + j, n)
      storeLanes(o * t, ho + j, n)
    }
  }
}

/// Backward: given ∂L/∂h (recurrent `dhRec` + from above `dOut`) and ∂L/∂c (`dc`, updated in place to ∂L/∂c₋),
/// writes the pre-activation gradients dz = (di·i(1−i), df·f(1−f), dg·(1−g²), do·o(1−o)).
func lstmPointwiseBackward(
  rows: Int, hidden h: Int, gates: UnsafePointer<Float>, cPrev: UnsafePointer<Float>,
  tanhC: UnsafePointer<Float>, dhRec: UnsafePointer<Float>, dOut: UnsafePointer<Float>?, ldOut: Int,
  dc: UnsafeMutablePointer<Float>, dGates: UnsafeMutablePointer<Float>
) {
  for r in 0..<rows {
    let g = gates + r * 4 * h
    let dz = dGates + r * 4 * h
    let cp = cPrev + r * h
    let tc = tanhC + r * h
    let dhr = dhRec + r * h
    let dcr = dc + r * h
    let dOutRow = dOut.map { $0 + r * ldOut }
    // dh = dh_rec + dh_out ; do = dh⊙tanh(c) ; dc += dh⊙o⊙(1−tanh²c) ; di = dc⊙g ; df = dc⊙c₋ ; dg = dc⊙i ; dc₋ = dc⊙f
    for j in stride(from: 0, to: h, by: 8) {
      let n = min(8, h - j)
      var dh = loadLanes(dhr + j, n)
      if let dOutRow { dh += loadLanes(dOutRow + j, n) }
      let i = loadLanes(g + j, n)
      let f = loadLanes(g + h + j, n)
      let gg = loadLanes(g + 2 * h + j, n)
      let o = loadLanes(g + 3 * h + j, n)
      let t = loadLanes(tc + j, n)
      let dcTotal = loadLanes(dcr + j, n) + dh * o * (1 - t * t)
      storeLanes(dcTotal * gg * i * (1 - i), dz + j, n)
      storeLanes(dcTotal * loadLanes(cp + j, n) * f * (1 - f), dz + h + j, n)
      storeLanes(dcTotal * i * (1 - gg * gg), dz + 2 * h + j, n)
      storeLanes(dh * t * o * (1 - o), dz + 3 * h + j, n)
      storeLanes(dcTotal * f, dcr + j, n)
    }
  }
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
