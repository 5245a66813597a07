import Testing

@testable import Autoencoder

/// The packed-panel product against plain sgemm, over shapes that hit every edge: row blocks of 8 and
/// single rows, panels cut short by the column count, both packings or none, op(A) = A or Aᵀ, overwrite and
/// accumulate.
@Suite("Packed panel products")
struct PackedMatrixTests {
  struct Shape: CustomTestStringConvertible, Sendable {
    let m, k, n: Int
    let transposed: Bool
    var transposedA = false
    var inPlace = false
    var testDescription: String {
      "m\(m) k\(k) n\(n)\(transposed ? " Wᵀ" : "")\(transposedA ? " Aᵀ" : "")\(inPlace ? " in place" : "")"
    }
  }

  static let shapes: [Shape] = [
    Shape(m: 64, k: 30, n: 120, transposed: true), Shape(m: 64, k: 120, n: 30, transposed: false),
    Shape(m: 19, k: 7, n: 28, transposed: true), Shape(m: 3, k: 28, n: 7, transposed: false),
    Shape(m: 9, k: 50, n: 97, transposed: true), Shape(m: 1, k: 12, n: 48, transposed: false),
    Shape(m: 40, k: 70, n: 30, transposed: false, transposedA: true),
    Shape(m: 13, k: 9, n: 20, transposed: false, transposedA: true),
    Shape(m: 40, k: 200, n: 70, transposed: false, transposedA: true, inPlace: true),
    Shape(m: 11, k: 5, n: 13, transposed: false, inPlace: true),
  ]

  @Test("equals sgemm, overwriting and accumulating", arguments: shapes)
  func matchesGEMM(shape: Shape) {
    let (m, k, n) = (shape.m, shape.k, shape.n)
    let a = FloatBuffer(count: m * k)
    let w = FloatBuffer(count: k * n)
    let start = FloatBuffer(count: m * n)
    var rng = SeededGenerator(seed: UInt64(m * 1000 + k * 10 + n))
    for buffer in [a, w, start] { for i in 0..<buffer.count { buffer.base[i] = rng.uniform(1) } }
    let packed = PackedMatrix()
    packed.set(w.base, k: k, n: n, transposed: shape.transposed, rows: m, inPlace: shape.inPlace)
    for accumulate in [false, true] {
      let expected = FloatBuffer(count: m * n)
      let actual = FloatBuffer(count: m * n)
      expected.base.update(from: start.base, count: m * n)
      actual.base.update(from: start.base, count: m * n)
      // A is [m, k], or [k, m] read transposed
      let lda = shape.transposedA ? m : k
      gemm(
        transA: shape.transposedA, transB: shape.transposed, m: m, n: n, k: k, a.base, lda: lda, w.base,
        ldb: shape.transposed ? k : n, beta: accumulate ? 1 : 0, expected.base, ldc: n)
      packed.multiply(
        m: m, a.base, lda: lda, transposedA: shape.transposedA, into: actual.base, ldc: n, accumulate: accumulate)
      let worst = (0..<(m * n)).map { abs(actual.base[$0] - expected.base[$0]) }.max() ?? 0
      #expect(worst <= 1e-5 * Float(k), "accumulate \(accumulate): max |Δ| \(worst)")
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
    packed.set(w.base, k: k, n: n, transposed: true, rows: m)
    packed.multiply(m: m, a.base, lda: k, into: c.base, ldc: n, accumulate: false)
    for i in 0..<w.count { w.base[i] = 2 }
    packed.set(w.base, k: k, n: n, transposed: true, rows: m)
    packed.multiply(m: m, a.base, lda: k, into: c.base, ldc: n, accumulate: false)
    // row r of C is 2 · Σ_k a[r, k] in every column
    for r in 0..<m {
      let sum = (0..<k).reduce(Float(0)) { $0 + a.base[r * k + $1] }
      #expect(c.base[r * n + n - 1] == 2 * sum)
    }
  }
}
