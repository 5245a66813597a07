import Foundation

/// Counts the bytes the loader holds in its buffers, so the memory bound is stated and testable.
final class BufferLedger: @unchecked Sendable {
  private let lock = NSLock()
  private var heldBytes = 0
  private var peak = 0
  private var allocationCount = 0

  func allocated(_ bytes: Int) {
    lock.lock()
    heldBytes += bytes
    peak = max(peak, heldBytes)
    allocationCount += 1
    lock.unlock()
  }

  func released(_ bytes: Int) {
    lock.lock()
    heldBytes -= bytes
    lock.unlock()
  }

  var snapshot: (held: Int, peak: Int, allocations: Int) {
    lock.lock()
    defer { lock.unlock() }
    return (heldBytes, peak, allocationCount)
  }
}

/// Room for `capacity` windows of `windowFloats` floats plus their two int64 keys, contiguous.
final class WindowSlab: @unchecked Sendable {
  let capacity: Int
  let windowFloats: Int
  let floats: UnsafeMutablePointer<Float>
  let keys: UnsafeMutablePointer<Int64>
  private let ledger: BufferLedger

  var byteCount: Int { capacity * (windowFloats * MemoryLayout<Float>.stride + 2 * MemoryLayout<Int64>.stride) }

  init(capacity: Int, windowFloats: Int, ledger: BufferLedger) {
    self.capacity = capacity
    self.windowFloats = windowFloats
    self.ledger = ledger
    floats = .allocate(capacity: max(1, capacity * windowFloats))
    keys = .allocate(capacity: max(1, capacity * 2))
    ledger.allocated(byteCount)
  }

  deinit {
    floats.deallocate()
    keys.deallocate()
    ledger.released(byteCount)
  }

  /// Copies window `from` of `source` into slot `to` of this slab.
  func copyWindow(from source: WindowSlab, at from: Int, to: Int) {
    (floats + to * windowFloats).update(from: source.floats + from * windowFloats, count: windowFloats)
    keys[2 * to] = source.keys[2 * from]
    keys[2 * to + 1] = source.keys[2 * from + 1]
  }
}
