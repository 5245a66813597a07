/// Float32 arithmetic written without library calls so that the loops calling it vectorize.
/// (The gate nonlinearities, exp/σ/tanh, live with the pointwise kernels in `Sources/CLSTMKernels`.)

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
