import CLSTMKernels
import COpenBLAS
import Foundation

/// The right operand op(W) of many products, packed once into `icews_panel_gemm`'s panels: the recurrent
/// matrix, used by every time step (sgemm would repack it on each call), and Wᵀ operands (x·W_ihᵀ, h·W_dᵀ).
/// Without AVX-512, and for single-row products, `multiply` is `gemm` on the matrix in place.
final class PackedMatrix {
  /// Whether products go to the panel kernel (`ProductKernel`: by default where the CPU has AVX-512).
  static let panelsAvailable = ProductKernel.current == .panel
  private var panels = FloatBuffer(count: 0)
  private var source: UnsafePointer<Float>?
  private var k = 0
  private var n = 0
  private var transposed = false
  private var stale = true

  /// op(W) [k, n] is Wᵀ when `transposed` (W stored [n, k]), else W (stored [k, n]). W must not change until
  /// the products are done (set it again after it does). Packing waits for the first `multiply` that needs it.
  func set(_ w: UnsafePointer<Float>, k: Int, n: Int, transposed: Bool) {
    source = w
    self.k = k
    self.n = n
    self.transposed = transposed
    stale = true
  }

  /// C[m, n] = op(A) · op(W), plus C when `accumulate`; op(A) is A [m, k] or, with `transposedA`, Aᵀ of A
  /// stored [k, m] (leading dimension `lda` either way).
  func multiply(
    m: Int, _ a: UnsafePointer<Float>, lda: Int, transposedA: Bool = false, into c: UnsafeMutablePointer<Float>,
    ldc: Int, accumulate: Bool
  ) {
    guard let source else { preconditionFailure("PackedMatrix.multiply before set") }
    guard Self.panelsAvailable && m > 1 else {
      gemm(
        transA: transposedA, transB: transposed, m: m, n: n, k: k, a, lda: lda, source, ldb: transposed ? k : n,
        beta: accumulate ? 1 : 0, c, ldc: ldc)
      return
    }
    if stale {
      ensureCapacity(&panels, icews_panel_size(k, n))
      icews_panel_pack(k, n, source, transposed ? k : n, transposed ? 1 : 0, panels.base)
      stale = false
    }
    icews_panel_gemm(m, n, k, a, lda, transposedA ? 1 : 0, panels.base, 0, 1, c, ldc, accumulate ? 1 : 0)
  }
}
