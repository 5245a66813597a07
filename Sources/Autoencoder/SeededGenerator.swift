import Support

/// The autoencoder's draws from the toolkit's SplitMix64, so a seed gives the same initial weights on every
/// machine.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
  private var splitMix: SplitMix64

  public init(seed: UInt64) { splitMix = SplitMix64(state: seed) }

  public mutating func next() -> UInt64 { splitMix.next() }

  /// Uniform in [−bound, bound) from the top 24 bits.
  public mutating func uniform(_ bound: Float) -> Float {
    let u = Float(next() >> 40) * 0x1p-24
    return (2 * u - 1) * bound
  }
}
