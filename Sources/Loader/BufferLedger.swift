import Support

/// Counts the bytes the loader holds in its buffers, so the memory bound is stated and testable.
final class BufferLedger: Sendable {
  private struct Counts {
    var held = 0
    var peak = 0
    var allocations = 0
  }

  private let counts = LockedValue(Counts())

  func allocated(_ bytes: Int) {
    counts.withLock {
      $0.held += bytes
      $0.peak = max($0.peak, $0.held)
      $0.allocations += 1
    }
  }

  func released(_ bytes: Int) {
    counts.withLock { $0.held -= bytes }
  }

  var snapshot: (held: Int, peak: Int, allocations: Int) {
    counts.withLock { ($0.held, $0.peak, $0.allocations) }
  }
}
