/// The linear head y = x · Wᵀ + b (PyTorch `nn.Linear`, weight [out, in]); forward and backward side by side.
struct Dense {
  let inFeatures: Int
  let outFeatures: Int
  let w, b, dW, dB: UnsafeMutablePointer<Float>
  /// Wᵀ, packed on the first forward product after `forward` sees new weights (the decoder's feedback
  /// gradient G·W_dᵀ reuses it).
  let transposedWeights = PackedMatrix()

  init(inFeatures: Int, outFeatures: Int, parameters p: ParameterSet, weight: String, bias: String) {
    self.inFeatures = inFeatures
    self.outFeatures = outFeatures
    w = p.value(weight)
    b = p.value(bias)
    dW = p.grad(weight)
    dB = p.grad(bias)
  }

  /// y[rows, out] = x[rows, in] · Wᵀ + b.
  func forward(rows: Int, _ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>) {
    for r in 0..<rows { (y + r * outFeatures).update(from: b, count: outFeatures) }
    transposedWeights.set(w, k: inFeatures, n: outFeatures, transposed: true)
    transposedWeights.multiply(m: rows, x, lda: inFeatures, into: y, ldc: outFeatures, accumulate: true)
  }

  /// dx[rows, in] = dy · W  (`beta` 1 adds to dx).
  func backwardInput(rows: Int, _ dy: UnsafePointer<Float>, into dx: UnsafeMutablePointer<Float>, beta: Float) {
    gemm(
      m: rows, n: inFeatures, k: outFeatures, dy, lda: outFeatures, w, ldb: inFeatures, beta: beta, dx,
      ldc: inFeatures)
  }

  /// dW += dyᵀ · x ; db += Σ_rows dy.
  func accumulateWeightGradients(rows: Int, _ dy: UnsafePointer<Float>, _ x: UnsafePointer<Float>) {
    gemm(
      transA: true, m: outFeatures, n: inFeatures, k: rows, dy, lda: outFeatures, x, ldb: inFeatures, beta: 1,
      dW, ldc: inFeatures)
    addColumnSums(rows: rows, cols: outFeatures, dy, into: dB)
  }
}
