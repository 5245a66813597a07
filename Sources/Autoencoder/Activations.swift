/// Vectorized float32 transcendental functions for the LSTM gates, 8 lanes at a time (AVX2 width).
/// Cephes-style polynomials: exp and tanh within ~2 ulp, so PyTorch parity holds at float32 precision.
typealias Lanes = SIMD8<Float>

/// Loads `count` (≤ 8 used) floats, zero-padding a short tail.
@inline(__always) func loadLanes(_ p: UnsafePointer<Float>, _ count: Int) -> Lanes {
  if count >= 8 { return UnsafeRawPointer(p).loadUnaligned(as: Lanes.self) }
  var v = Lanes()
  for k in 0..<count { v[k] = p[k] }
  return v
}

/// Stores the first `count` (≤ 8 used) lanes.
@inline(__always) func storeLanes(_ v: Lanes, _ p: UnsafeMutablePointer<Float>, _ count: Int) {
  if count >= 8 {
    UnsafeMutableRawPointer(p).storeBytes(of: v, as: Lanes.self)
  } else {
    for k in 0..<count { p[k] = v[k] }
  }
}

/// e^x: x = n·ln2 + r, |r| ≤ ln2/2, e^r by a degree-7 minimax polynomial, 2^n through the exponent bits.
@inline(__always) func exp(_ x: Lanes) -> Lanes {
  let xc = x.clamped(lowerBound: Lanes(repeating: -87.3), upperBound: Lanes(repeating: 88.0))
  // n = round(x / ln2) via the 1.5·2²³ trick: the integer lands in the low mantissa bits.
  let magic = Lanes(repeating: 12_582_912)
  let shifted = xc * 1.442_695_04 + magic
  let n = shifted - magic
  let r = xc - n * 0.693_359_375 + n * 2.121_944_4e-4
  var p = Lanes(repeating: 1.987_569_15e-4)
  p = p * r + 1.398_199_95e-3
  p = p * r + 8.333_451_9e-3
  p = p * r + 4.166_579_59e-2
  p = p * r + 1.666_666_55e-1
  p = p * r + 5.000_000_12e-1
  let er = p * (r * r) + r + 1
  // 2ⁿ: (n + 127) << 23 as a float bit pattern; n sits in the low bits of `shifted`.
  let nBits = unsafeBitCast(shifted, to: SIMD8<Int32>.self) &- 0x4B40_0000
  let scale = unsafeBitCast((nBits &+ 127) &<< 23, to: Lanes.self)
  return er * scale
}

/// σ(x) = 1 / (1 + e^(−x)).
@inline(__always) func sigmoid(_ x: Lanes) -> Lanes { 1 / (1 + exp(-x)) }

/// tanh(x): odd polynomial for |x| < 0.625 (no cancellation near 0), 1 − 2/(e^(2|x|) + 1) beyond.
@inline(__always) func tanh(_ x: Lanes) -> Lanes {
  let a = x.replacing(with: -x, where: x .< 0)
  let z = x * x
  var p = Lanes(repeating: -5.704_988_72e-3)
  p = p * z + 2.063_908_88e-2
  p = p * z - 5.373_971_56e-2
  p = p * z + 1.333_144_22e-1
  p = p * z - 3.333_328_19e-1
  let small = x + x * z * p
  let large = 1 - 2 / (exp(2 * a) + 1)
  let signed = large.replacing(with: -large, where: x .< 0)
  return signed.replacing(with: small, where: a .< 0.625)
}
