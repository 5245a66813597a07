/// Float32 transcendental functions for the LSTM gates written with arithmetic and bit operations only,
/// so the loops that call them vectorize (libm calls would not). Cephes-style polynomials, within ~2 ulp,
/// which keeps PyTorch parity at float32 precision.

/// e^x: x = n·ln2 + r with |r| ≤ ln2/2, e^r by a minimax polynomial, 2ⁿ through the exponent bits.
@inline(__always) func expApprox(_ x: Float) -> Float {
  let xc = min(max(x, -87.3), 88.0)
  // n = round(x / ln2) by the 1.5·2²³ trick: the integer lands in the low mantissa bits of `shifted`.
  let magic: Float = 12_582_912
  let shifted = xc * 1.442_695_04 + magic
  let n = shifted - magic
  let r = xc - n * 0.693_359_375 + n * 2.121_944_4e-4
  var p: Float = 1.987_569_15e-4
  p = p * r + 1.398_199_95e-3
  p = p * r + 8.333_451_9e-3
  p = p * r + 4.166_579_59e-2
  p = p * r + 1.666_666_55e-1
  p = p * r + 5.000_000_12e-1
  let er = p * (r * r) + r + 1
  let nBits = Int32(bitPattern: shifted.bitPattern) &- 0x4B40_0000
  return er * Float(bitPattern: UInt32(bitPattern: (nBits &+ 127) &<< 23))
}

/// σ(x) = 1 / (1 + e^(−x)).
@inline(__always) func sigmoid(_ x: Float) -> Float { 1 / (1 + expApprox(-x)) }

/// tanh(x): odd polynomial for |x| < 0.625 (no cancellation near 0), ±(1 − 2/(e^(2|x|) + 1)) beyond.
@inline(__always) func tanhApprox(_ x: Float) -> Float {
  let a = x < 0 ? -x : x
  let z = x * x
  var p: Float = -5.704_988_72e-3
  p = p * z + 2.063_908_88e-2
  p = p * z - 5.373_971_56e-2
  p = p * z + 1.333_144_22e-1
  p = p * z - 3.333_328_19e-1
  let small = x + x * z * p
  let large = 1 - 2 / (expApprox(2 * a) + 1)
  let signed = x < 0 ? -large : large
  return a < 0.625 ? small : signed
}

/// √x for x ≥ 0 as x · rsqrt(x), rsqrt by the bit-level estimate and three Newton steps (float32 accurate);
/// `Float.squareRoot()` keeps errno semantics that stop the Adam loop from vectorizing.
@inline(__always) func squareRootApprox(_ x: Float) -> Float {
  var y = Float(bitPattern: 0x5F37_59DF &- (x.bitPattern >> 1))
  let half = 0.5 * x
  y = y * (1.5 - half * y * y)
  y = y * (1.5 - half * y * y)
  y = y * (1.5 - half * y * y)
  return x * y
}
