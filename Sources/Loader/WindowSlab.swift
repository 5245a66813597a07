import Foundation

/// Room for `capacity` windows of `windowFloats` floats plus their two int64 keys, contiguous.
///
/// `@unchecked Sendable`: owned by one thread at a time; `BatchPipeline` hands a slab from the
/// producer to the consumer under its condition and takes it back only on the consumer's next call.
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
