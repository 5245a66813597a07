import COpenBLAS

/// C[m×n] = alpha·op(A)·op(B) + beta·C, row-major, through OpenBLAS sgemm.
/// The only entry point to BLAS in the module; `transA`/`transB` mean op(X) = Xᵀ.
@inline(__always)
func gemm(
  transA: Bool = false, transB: Bool = false, m: Int, n: Int, k: Int, alpha: Float = 1,
  _ a: UnsafePointer<Float>, lda: Int, _ b: UnsafePointer<Float>, ldb: Int,
  beta: Float, _ c: UnsafeMutablePointer<Float>, ldc: Int
) {
  if m == 0 || n == 0 { return }
  if k == 0 {
    if beta != 1 {
      for r in 0..<m {
        let row = c + r * ldc
        for j in 0..<n { row[j] = beta == 0 ? 0 : row[j] * beta }
      }
    }
    return
  }
  cblas_sgemm(
    CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
    Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
}

/// Number of threads OpenBLAS uses (set `OPENBLAS_NUM_THREADS` to change it before the first call).
public func blasThreadCount() -> Int { Int(openblas_get_num_threads()) }
