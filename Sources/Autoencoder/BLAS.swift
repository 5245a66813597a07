import CLSTMKernels
import COpenBLAS
import Foundation

/// C[m×n] = alpha·op(A)·op(B) + beta·C, row-major; `transA`/`transB` mean op(X) = Xᵀ. The one entry point to
/// matrix products in the module: single rows go to sgemv; with B used as stored (alpha 1, beta 0 or 1, m ≥ 8)
/// to the AVX-512 panel kernel where the CPU has it, which reads A and B in place where sgemm packs both;
/// everything else to OpenBLAS sgemm. (`PackedMatrix` covers op(B) = Bᵀ and B reused by many products.)
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
  if m == 1 {
    // One row (batch 1): sgemv reads op(B) in place instead of packing it on every call.
    // c[n] = alpha · op(B)ᵀ a + beta · c, with a's k elements strided by lda when op(A) = Aᵀ.
    let incA = Int32(transA ? lda : 1)
    if transB {
      cblas_sgemv(CblasRowMajor, CblasNoTrans, Int32(n), Int32(k), alpha, b, Int32(ldb), a, incA, beta, c, 1)
    } else {
      cblas_sgemv(CblasRowMajor, CblasTrans, Int32(k), Int32(n), alpha, b, Int32(ldb), a, incA, beta, c, 1)
    }
    return
  }
  if PackedMatrix.panelsAvailable && !transB && alpha == 1 && (beta == 0 || beta == 1) && m >= 8 {
    icews_panel_gemm(m, n, k, a, lda, transA ? 1 : 0, b, ldb, 0, c, ldc, beta == 1 ? 1 : 0)
    return
  }
  cblas_sgemm(
    CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
    Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
}

/// Number of threads OpenBLAS uses (set `OPENBLAS_NUM_THREADS` to change it before the first call).
public func blasThreadCount() -> Int { Int(openblas_get_num_threads()) }

/// GFLOP/s of one n×n×n OpenBLAS sgemm on this machine (best of five), by wall clock and by process CPU time,
/// the yardstick for the model's GEMM efficiency (CPU time stays meaningful on a loaded machine).
public func sgemmThroughput(size n: Int) -> (wall: Double, cpu: Double) {
  let a = FloatBuffer(count: n * n)
  let c = FloatBuffer(count: n * n)
  for k in 0..<(n * n) { a.base[k] = Float(k % 17) / 17 }
  var bestWall = Double.infinity
  var bestCPU = Double.infinity
  let clock = ContinuousClock()
  for _ in 0..<5 {
    let start = clock.now
    let cpuStart = processCPUSeconds()
    cblas_sgemm(
      CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(n), Int32(n), Int32(n), 1, a.base, Int32(n), a.base,
      Int32(n), 0, c.base, Int32(n))
    bestCPU = min(bestCPU, processCPUSeconds() - cpuStart)
    let d = clock.now - start
    bestWall = min(bestWall, Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18)
  }
  let flops = 2 * Double(n * n * n)
  return (flops / bestWall / 1e9, flops / bestCPU / 1e9)
}

/// CPU seconds used by this process, all threads (`CLOCK_PROCESS_CPUTIME_ID`).
public func processCPUSeconds() -> Double {
  var ts = timespec()
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
  return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}
