import Foundation

/// Computes per-group results on background threads and hands them to the calling thread in group
/// order, with at most `inFlight` groups computed but not yet consumed (memory stays bounded). The
/// order of consumption — and so every output byte — does not depend on thread timing.
func forEachGroupInOrder<R: Sendable>(
  count: Int, threads: Int, inFlight: Int, work: @escaping @Sendable (Int) -> R, consume: (Int, R) throws -> Void
) throws {
  let queue = OrderedResults<R>(count: count, inFlight: max(inFlight, threads))
  for _ in 0..<max(1, threads) {
    let thread = Thread {
      while let g = queue.claim() { queue.deliver(g, work(g)) }
      queue.workerDone()
    }
    queue.workerStarted()
    thread.start()
  }
  defer { queue.cancelAndWait() }
  for g in 0..<count { try consume(g, queue.take(g)) }
}

/// The shared state of `forEachGroupInOrder`, guarded by one condition variable.
private final class OrderedResults<R: Sendable>: @unchecked Sendable {
  private let condition = NSCondition()
  private let count: Int
  private let inFlight: Int
  private var nextClaim = 0
  private var consumed = 0
  private var results: [Int: R] = [:]
  private var cancelled = false
  private var runningWorkers = 0

  init(count: Int, inFlight: Int) {
    self.count = count
    self.inFlight = inFlight
  }

  /// The next group to compute, waiting while `inFlight` groups are ahead of the consumer; nil at the end.
  func claim() -> Int? {
    condition.lock()
    defer { condition.unlock() }
    while !cancelled && nextClaim < count && nextClaim >= consumed + inFlight { condition.wait() }
    guard !cancelled, nextClaim < count else { return nil }
    defer { nextClaim += 1 }
    return nextClaim
  }

  func deliver(_ g: Int, _ result: R) {
    condition.lock()
    results[g] = result
    condition.broadcast()
    condition.unlock()
  }

  /// Group `g`'s result, waiting until a worker delivered it.
  func take(_ g: Int) -> R {
    condition.lock()
    defer { condition.unlock() }
    while results[g] == nil { condition.wait() }
    consumed = g + 1
    condition.broadcast()
    return results.removeValue(forKey: g)!
  }

  /// Counts a worker in; called before its thread starts so `cancelAndWait` cannot miss it.
  func workerStarted() {
    condition.lock()
    runningWorkers += 1
    condition.unlock()
  }

  func workerDone() {
    condition.lock()
    runningWorkers -= 1
    condition.broadcast()
    condition.unlock()
  }

  /// Stops handing out groups and waits until every worker has left, so nothing runs after return.
  func cancelAndWait() {
    condition.lock()
    cancelled = true
    condition.broadcast()
    while runningWorkers > 0 { condition.wait() }
    condition.unlock()
  }
}

/// Float buffers reused across groups and threads, so the passes do not fault in fresh pages for
/// every group (a group's series is days × features floats, megabytes each).
final class FloatBufferPool: @unchecked Sendable {
  private let lock = NSLock()
  private var free: [[Float]] = []

  /// A buffer of exactly `count` floats (contents unspecified).
  func take(count: Int) -> [Float] {
    lock.lock()
    var buffer = free.popLast() ?? []
    lock.unlock()
    if buffer.count != count {
      buffer.removeAll(keepingCapacity: true)
      buffer.append(contentsOf: repeatElement(0, count: count))
    }
    return buffer
  }

  func give(_ buffer: [Float]) {
    lock.lock()
    free.append(buffer)
    lock.unlock()
  }
}
