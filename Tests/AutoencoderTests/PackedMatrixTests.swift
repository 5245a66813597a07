import Testing

@testable import Autoencoder

/// The panel products (`PackedMatrix` and `gemm`, which routes in-place products to the same kernel) against a
/// plain double-precision triple loop, over shapes that hit every edge: row blocks of 8 and single rows,
/// panels cut short by the column count, k deeper than one L1 block, op(A) = A or Aᵀ, op(B) = B or Bᵀ,
/// overwrite and accumulate.
@Suite("Panel matrix products")
struct PackedMatrixTests {
  struct Shape: CustomTestStringConvertible, Sendable {
    let m, k, n: Int
    var transposedA = false
    var transposedB = false
    var testDescription: String {
      "m\(m) k\(k) n\(n)\(transposedA ? " Aᵀ" : "")\(transposedB ? " Bᵀ" : "")"
    }
  }

  static let shapes: [Shape] = [
    Shape(m: 64, k: 30, n: 120, transposedB: true), Shape(m: 64, k: 300, n: 30),
    Shape(m: 19, k: 7, n: 28, transposedB: true), Shape(m: 3, k: 28, n: 7),
    Shape(m: 9, k: 50, n: 97, transposedB: true), Shape(m: 1, k: 12, n: 48),
    Shape(m: 40, k: 200, n: 70, transposedA: true), Shape(m: 13, k: 9, n: 20, transposedA: true),
    Shape(m: 16, k: 140, n: 33, transposedA: true, transposedB: true),
  ]

  /// Σ_k op(A)[i, k] · op(B)[k, j] (+ C) in double precision.
  static func reference(
    _ s: Shape, _ a: FloatBuffer, _ b: FloatBuffer, _ start: FloatBuffer, accumulate: Bool
  ) -> [Double] {
    (0..<(s.m * s.n)).map { index in
      let (i, j) = (index / s.n, index % s.n)
      var sum = accumulate ? Double(start.base[index]) : 0
      for kk in 0..<s.k {
        let x = s.transposedA ? a.base[kk * s.m + i] : a.base[i * s.k + kk]
        let y = s.transposedB ? b.base[j * s.k + kk] : b.base[kk * s.n + j]
        sum += Double(x) * Double(y)
      }
      return sum
    }
  }

  @Test("PackedMatrix.multiply and gemm equal the exact product", arguments: shapes)
  func matchesReference(shape s: Shape) {
    let a = FloatBuffer(count: s.m * s.k)
    let b = FloatBuffer(count: s.k * s.n)
    let start = FloatBuffer(count: s.m * s.n)
    var rng = SeededGenerator(seed: UInt64(s.m * 1000 + s.k * 10 + s.n))
    for buffer in [a, b, start] { for i in 0..<buffer.count { buffer.base[i] = rng.uniform(1) } }
    let lda = s.transposedA ? s.m : s.k
    let ldb = s.transposedB ? s.k : s.n
    let packed = PackedMatrix()
    packed.set(b.base, k: s.k, n: s.n, transposed: s.transposedB)
    for accumulate in [false, true] {
      let expected = Self.reference(s, a, b, start, accumulate: accumulate)
      let viaPanels = FloatBuffer(count: s.m * s.n)
      let viaGEMM = FloatBuffer(count: s.m * s.n)
      viaPanels.base.update(from: start.base, count: s.m * s.n)
      viaGEMM.base.update(from: start.base, count: s.m * s.n)
      packed.multiply(
        m: s.m, a.base, lda: lda, transposedA: s.transposedA, into: viaPanels.base, ldc: s.n, accumulate: accumulate)
      gemm(
        transA: s.transposedA, transB: s.transposedB, m: s.m, n: s.n, k: s.k, a.base, lda: lda, b.base, ldb: ldb,
        beta: accumulate ? 1 : 0, viaGEMM.base, ldc: s.n)
      let tolerance = 1e-6 * Double(s.k)
      let worstPanels = (0..<expected.count).map { abs(Double(viaPanels.base[$0]) - expected[$0]) }.max() ?? 0
      let worstGEMM = (0..<expected.count).map { abs(Double(viaGEMM.base[$0]) - expected[$0]) }.max() ?? 0
      #expect(worstPanels <= tolerance, "PackedMatrix, accumulate \(accumulate): max |Δ| \(worstPanels)")
      #expect(worstGEMM <= tolerance, "gemm, accumulate \(accumulate): max |Δ| \(worstGEMM)")
    }
  }

  @Test("a matrix changed after use is repacked once set again")
  func repacksAfterSet() {
    let (m, k, n) = (8, 5, 20)
    let a = FloatBuffer(count: m * k)
    let w = FloatBuffer(count: n * k)
    for i in 0..<a.count { a.base[i] = Float(i % 7) - 3 }
    for i in 0..<w.count { w.base[i] = 1 }
    let packed = PackedMatrix()
    let c = FloatBuffer(count: m * n)
    packed.set(w.base, k: k, n: n, transposed: true)
    packed.multiply(m: m, a.base, lda: k, into: c.base, ldc: n, accumulate: false)
    for i in 0..<w.count { w.base[i] = 2 }
    packed.set(w.base, k: k, n: n, transposed: true)
    packed.multiply(m: m, a.base, lda: k, into: c.base, ldc: n, accumulate: false)
    // row r of C is 2 · Σ_k a[r, k] in every column
    for r in 0..<m {
      let sum = (0..<k).reduce(Float(0)) { $0 + a.base[r * k + $1] }
      #expect(c.base[r * n + n - 1] == 2 * sum)
    }
  }
}
