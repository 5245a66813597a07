/// Contiguous float32 storage allocated once and reused every step; zero-filled on creation.
final class FloatBuffer {
  let base: UnsafeMutablePointer<Float>
  let count: Int

  init(count: Int) {
    self.count = count
    base = UnsafeMutablePointer<Float>.allocate(capacity: max(count, 1))
    base.initialize(repeating: 0, count: max(count, 1))
  }

  deinit { base.deallocate() }

  /// The whole storage as a buffer pointer for kernels.
  var buffer: UnsafeMutableBufferPointer<Float> { UnsafeMutableBufferPointer(start: base, count: count) }

  func zero() { base.update(repeating: 0, count: count) }

  /// Pointer to element `offset`.
  @inline(__always) func at(_ offset: Int) -> UnsafeMutablePointer<Float> { base + offset }

  var array: [Float] { Array(buffer) }
}

/// Grows (never shrinks) a buffer so that it holds at least `count` floats.
func ensureCapacity(_ buffer: inout FloatBuffer, _ count: Int) {
  if buffer.count < count { buffer = FloatBuffer(count: count) }
}
