/// splitmix64: small, fast, and the same on every platform — the toolkit's one seeded generator.
/// The synthetic dumps, the loader's shuffles and the autoencoder's initial weights all draw from it.
public struct SplitMix64: Sendable {
  public var state: UInt64

  public init(state: UInt64) { self.state = state }

  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// Uniform in [0, 1).
  public mutating func unit() -> Double {
    Double(next() >> 11) * 0x1p-53
  }
}
