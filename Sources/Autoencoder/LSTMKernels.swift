/// Pointwise LSTM kernels over `rows` rows of a gate block [rows, 4H] (gate order i, f, g, o).
/// Forward and backward side by side; the GEMMs that feed them live in `LSTMDirection`.

/// Forward: i,f,o = σ(pre + b), g = tanh(pre + b); c = f⊙c₋ + i⊙g; h = o⊙tanh(c).
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
    // i, f, g, o = σ(z_i), σ(z_f), tanh(z_g), σ(z_o)
    for j in 0..<h {
      g[j] = sigmoid(g[j] + bias[j])
      g[h + j] = sigmoid(g[h + j] + bias[h + j])
      g[2 * h + j] = tanhf32(g[2 * h + j] + bias[2 * h + j])
      g[3 * h + j] = sigmoid(g[3 * h + j] + bias[3 * h + j])
    }
    // c = f⊙c₋ + i⊙g ; h = o⊙tanh(c)
    for j in 0..<h {
      let cv = g[h + j] * cp[j] + g[j] * g[2 * h + j]
      cn[j] = cv
      let t = tanhf32(cv)
      tc[j] = t
      ho[j] = g[3 * h + j] * t
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
    if let dOut {
      let dOutRow = dOut + r * ldOut
      // dh = dh_rec + dh_out ; do = dh⊙tanh(c) ; dc += dh⊙o⊙(1−tanh²c) ; di = dc⊙g ; df = dc⊙c₋ ; dg = dc⊙i ; dc₋ = dc⊙f
      for j in 0..<h {
        let dh = dhr[j] + dOutRow[j]
        lstmCellBackward(j, h, g, dz, cp[j], tc[j], dh, &dcr[j])
      }
    } else {
      for j in 0..<h {
        lstmCellBackward(j, h, g, dz, cp[j], tc[j], dhr[j], &dcr[j])
      }
    }
  }
}

/// One hidden unit of `lstmPointwiseBackward`; `dcInOut` enters as ∂L/∂c and leaves as ∂L/∂c₋.
@inline(__always)
private func lstmCellBackward(
  _ j: Int, _ h: Int, _ g: UnsafePointer<Float>, _ dz: UnsafeMutablePointer<Float>,
  _ cPrev: Float, _ tanhC: Float, _ dh: Float, _ dcInOut: inout Float
) {
  let i = g[j]
  let f = g[h + j]
  let gg = g[2 * h + j]
  let o = g[3 * h + j]
  let dcTotal = dcInOut + dh * o * (1 - tanhC * tanhC)
  dz[j] = dcTotal * gg * i * (1 - i)
  dz[h + j] = dcTotal * cPrev * f * (1 - f)
  dz[2 * h + j] = dcTotal * i * (1 - gg * gg)
  dz[3 * h + j] = dh * tanhC * o * (1 - o)
  dcInOut = dcTotal * f
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
