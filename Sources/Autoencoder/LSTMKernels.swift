/// Pointwise LSTM kernels over `rows` rows of a gate block [rows, 4H] (gate order i, f, g, o).
/// Plain loops over contiguous rows with no calls inside, so the compiler vectorizes them.
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
    // i, f = σ(z_i + b_i), σ(z_f + b_f)
    for j in 0..<(2 * h) { g[j] = sigmoid(g[j] + bias[j]) }
    // g = tanh(z_g + b_g)
    for j in (2 * h)..<(3 * h) { g[j] = tanhApprox(g[j] + bias[j]) }
    // o = σ(z_o + b_o)
    for j in (3 * h)..<(4 * h) { g[j] = sigmoid(g[j] + bias[j]) }
    // c = f⊙c₋ + i⊙g
    for j in 0..<h { cn[j] = g[h + j] * cp[j] + g[j] * g[2 * h + j] }
    // tanh(c)
    for j in 0..<h { tc[j] = tanhApprox(cn[j]) }
    // h = o⊙tanh(c)
    for j in 0..<h { ho[j] = g[3 * h + j] * tc[j] }
  }
}

/// Backward: given ∂L/∂h (recurrent `dhRec` + from above `dOut`) and ∂L/∂c (`dc`, updated in place to ∂L/∂c₋),
/// writes the pre-activation gradients dz = (di·i(1−i), df·f(1−f), dg·(1−g²), do·o(1−o)).
/// `dhScratch` [H] holds the summed ∂L/∂h of one row.
func lstmPointwiseBackward(
  rows: Int, hidden h: Int, gates: UnsafePointer<Float>, cPrev: UnsafePointer<Float>,
  tanhC: UnsafePointer<Float>, dhRec: UnsafePointer<Float>, dOut: UnsafePointer<Float>?, ldOut: Int,
  dc: UnsafeMutablePointer<Float>, dGates: UnsafeMutablePointer<Float>, dhScratch: UnsafeMutablePointer<Float>
) {
  for r in 0..<rows {
    let g = gates + r * 4 * h
    let dz = dGates + r * 4 * h
    let cp = cPrev + r * h
    let tc = tanhC + r * h
    let dcr = dc + r * h
    let dh = dhScratch
    // dh = dh_rec + dh_out
    dh.update(from: dhRec + r * h, count: h)
    if let dOut {
      let d = dOut + r * ldOut
      for j in 0..<h { dh[j] += d[j] }
    }
    // dc += dh⊙o⊙(1−tanh²c) ; dz_i = dc⊙g⊙i(1−i) ; dz_f = dc⊙c₋⊙f(1−f) ; dz_g = dc⊙i⊙(1−g²) ;
    // dz_o = dh⊙tanh(c)⊙o(1−o) ; dc₋ = dc⊙f
    for j in 0..<h {
      let i = g[j]
      let f = g[h + j]
      let gg = g[2 * h + j]
      let o = g[3 * h + j]
      let t = tc[j]
      let dcTotal = dcr[j] + dh[j] * o * (1 - t * t)
      dz[j] = dcTotal * gg * i * (1 - i)
      dz[h + j] = dcTotal * cp[j] * f * (1 - f)
      dz[2 * h + j] = dcTotal * i * (1 - gg * gg)
      dz[3 * h + j] = dh[j] * t * o * (1 - o)
      dcr[j] = dcTotal * f
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
