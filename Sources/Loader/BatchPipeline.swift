import Foundation

/// Runs a `BatchAssembler` on a background thread into a fixed ring of batch slabs.
///
/// `depth` slabs can be filled ahead while the consumer holds one more; nothing is allocated per
/// batch. `close()` wakes and joins the producer, so stopping early never leaks a thread.
/// With depth 0 the assembler runs on the consumer's thread instead.
///
/// Not `forEachInOrder`: the consumer pulls batches (`next()`) at its own pace and the epoch's end
/// is known only when the assembler returns nil.
/// `@unchecked Sendable`: the slot state below is guarded by `condition`; `assembler` is used by
/// the producer thread only (or by the consumer only, when depth is 0).
final class BatchPipeline: @unchecked Sendable {
  private let assembler: BatchAssembler
  private let slabs: [WindowSlab]
  private let threaded: Bool

  private let condition = NSCondition()
  // Everything below is guarded by `condition`.
  private var free: SlotRing
  private var ready: SlotRing
  private var counts: [Int]
  private var indices: [Int]
  private var finished = false
  private var failure: (any Error)?
  private var cancelled = false
  private var producerRunning = false
  private var held: Int?

  init(assembler: BatchAssembler, depth: Int, ledger: BufferLedger) {
    self.assembler = assembler
    threaded = depth > 0
    let slabCount = depth + 1
    let plan = assembler.plan
    slabs = (0..<slabCount).map { _ in
      WindowSlab(capacity: plan.options.batchSize, windowFloats: plan.windowFloats, ledger: ledger)
    }
    free = SlotRing(capacity: slabCount)
    ready = SlotRing(capacity: slabCount)
    for i in 0..<slabCount { free.push(i) }
    counts = Array(repeating: 0, count: slabCount)
    indices = Array(repeating: 0, count: slabCount)
    if threaded {
      producerRunning = true
      let thread = Thread { [self] in self.produce() }
      thread.name = "icews-loader"
      thread.start()
    }
  }

  /// The next filled slab with its window count and batch index; nil at the end of the epoch.
  /// The slab stays the consumer's until the following call.
  func next() throws -> (slab: WindowSlab, count: Int, index: Int)? {
    guard threaded else {
      if let failure { throw failure }
      if cancelled { return nil }
      let index = assembler.batchesProduced
      do {
        guard let count = try assembler.fill(slabs[0]) else { return nil }
        return (slabs[0], count, index)
      } catch {
        failure = error
        throw error
      }
    }
    condition.lock()
    defer { condition.unlock() }
    if let slot = held {
      held = nil
      free.push(slot)
      condition.broadcast()
    }
    while ready.isEmpty && !finished && failure == nil && !cancelled { condition.wait() }
    if cancelled { return nil }
    if let slot = ready.pop() {
      held = slot
      return (slabs[slot], counts[slot], indices[slot])
    }
    if let failure { throw failure }
    return nil
  }

  /// Stops the producer and waits for its thread to end; safe to call more than once.
  func close() {
    condition.lock()
    cancelled = true
    condition.broadcast()
    while producerRunning { condition.wait() }
    condition.unlock()
  }

  private func produce() {
    condition.lock()
    defer {
      producerRunning = false
      condition.broadcast()
      condition.unlock()
    }
    while true {
      while free.isEmpty && !cancelled { condition.wait() }
      if cancelled { return }
      let slot = free.pop()!
      condition.unlock()
      let index = assembler.batchesProduced
      let outcome: Result<Int?, any Error> = Result { try assembler.fill(slabs[slot]) }
      condition.lock()
      switch outcome {
      case .success(let count?):
        counts[slot] = count
        indices[slot] = index
        ready.push(slot)
        condition.broadcast()
      case .success(nil):
        finished = true
        return
      case .failure(let error):
        failure = error
        return
      }
    }
  }
}

/// A fixed-capacity FIFO of slot numbers (no allocation after init).
struct SlotRing {
  private var storage: [Int]
  private var head = 0
  private(set) var count = 0

  init(capacity: Int) { storage = Array(repeating: 0, count: capacity) }

  var isEmpty: Bool { count == 0 }

  mutating func push(_ slot: Int) {
    storage[(head + count) % storage.count] = slot
    count += 1
  }

  mutating func pop() -> Int? {
    guard count > 0 else { return nil }
    let slot = storage[head]
    head = (head + 1) % storage.count
    count -= 1
    return slot
  }
}
