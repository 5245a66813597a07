/// The linear head y = x · Wᵀ + b (PyTorch `nn.Linear`, weight [out, in]); forward and backward side by side.
struct Dense {
  let inFeatures: Int
  let outFeatures: Int
  let w, b, dW, dB: UnsafeMutablePointer<Float>
  /// x of all rows, the right operand of the weight gradient.
  private let gradientOperand = PackedMatrix()

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
    gemm(
      transB: true, m: rows, n: outFeatures, k: inFeatures, x, lda: inFeatures, w, ldb: inFeatures, beta: 1,
      y, ldc: outFeatures)
  }

  /// dx[rows, in] = dy · W  (`beta` 1 adds to dx).
  func backwardInput(rows: Int, _ dy: UnsafePointer<Float>, into dx: UnsafeMutablePointer<Float>, beta: Float) {
    gemm(
      m: rows, n: inFeatures, k: outFeatures, dy, lda: outFeatures, w, ldb: inFeatures, beta: beta, dx,
      ldc: inFeatures)
  }

  /// dW += dyᵀ · x ; db += Σ_rows dy.
  func accumulateWeightGradients(rows: Int, _ dy: UnsafePointer<Float>, _ x: UnsafePointer<Float>) {
    gradientOperand.set(x, k: rows, n: inFeatures, transposed: false, rows: outFeatures, inPlace: true)
    gradientOperand.multiply(
      m: outFeatures, dy, lda: outFeatures, transposedA: true, into: dW, ldc: inFeatures, accumulate: true)
    addColumnSums(rows: rows, cols: outFeatures, dy, into: dB)
  }
}
