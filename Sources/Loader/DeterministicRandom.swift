import Support

/// SplitMix64 with our own bounded draw and Fisher–Yates, so an order depends only on its seed —
/// never on the platform, the standard library's shuffle algorithm or thread timing.
struct DeterministicRandom {
  /// What a stream is used for; streams of different purposes never coincide.
  enum Purpose: UInt64 {
    case shardOrder = 1
    case blockOrder = 2
    case shuffleBuffer = 3
  }

  private var generator: SplitMix64

  init(state: UInt64) { generator = SplitMix64(state: state) }

  /// The stream for (seed, epoch, purpose, index): `index` is a shard for block order, a rank
  /// for the shuffle buffer, 0 otherwise.
  init(seed: UInt64, epoch: Int, purpose: Purpose, index: Int = 0) {
    var h = Self.mix(seed)
    h = Self.mix(h ^ UInt64(bitPattern: Int64(epoch)))
    h = Self.mix(h ^ purpose.rawValue)
    h = Self.mix(h ^ UInt64(bitPattern: Int64(index)))
    generator = SplitMix64(state: h)
  }

  /// SplitMix64's finalizer: a bijective 64-bit mix.
  static func mix(_ x: UInt64) -> UInt64 {
    var generator = SplitMix64(state: x)
    return generator.next()
  }

  mutating func next() -> UInt64 { generator.next() }

  /// Uniform in 0..<bound without modulo bias (Lemire's multiply-and-reject).
  mutating func below(_ bound: Int) -> Int {
    precondition(bound > 0)
    let n = UInt64(bound)
    var product = next().multipliedFullWidth(by: n)
    if product.low < n {
      let threshold = (0 &- n) % n
      while product.low < threshold { product = next().multipliedFullWidth(by: n) }
    }
    return Int(product.high)
  }

  /// 0..<count in a uniformly random order (Fisher–Yates from the top).
  mutating func permutation(_ count: Int) -> [Int] {
    var order = Array(0..<count)
    var i = count - 1
    while i > 0 {
      order.swapAt(i, below(i + 1))
      i -= 1
    }
    return order
  }
}
