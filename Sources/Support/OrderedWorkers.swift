import Foundation

/// Computes `work(i)` for `i` in `0..<count` on `threads` background threads and hands the results
/// to `consume` on the calling thread in index order, with at most `inFlight` results computed but
/// not yet consumed (so memory stays bounded). What `consume` sees, and so every byte it writes,
/// does not depend on thread timing. When `consume` throws, the workers stop and are joined before
/// the error propagates.
public func forEachInOrder<R: Sendable>(
  count: Int, threads: Int, inFlight: Int, work: @escaping @Sendable (Int) -> R, consume: (Int, R) throws -> Void
) throws {
  let queue = OrderedResults<R>(count: count, inFlight: max(inFlight, threads, 1))
  for _ in 0..<max(1, threads) {
    let thread = Thread {
      while let i = queue.claim() { queue.deliver(i, work(i)) }
      queue.workerDone()
    }
    queue.workerStarted()
    thread.start()
  }
  defer { queue.cancelAndWait() }
  for i in 0..<count { try consume(i, queue.take(i)) }
}

/// The shared state of `forEachInOrder`.
///
/// `@unchecked Sendable`: every stored property is read and written only while `condition` is locked.
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

  /// The next index to compute, waiting while `inFlight` results are ahead of the consumer; nil at the end.
  func claim() -> Int? {
    condition.lock()
    defer { condition.unlock() }
    while !cancelled && nextClaim < count && nextClaim >= consumed + inFlight { condition.wait() }
    guard !cancelled, nextClaim < count else { return nil }
    defer { nextClaim += 1 }
    return nextClaim
  }

  func deliver(_ i: Int, _ result: R) {
    condition.lock()
    results[i] = result
    condition.broadcast()
    condition.unlock()
  }

  /// Result `i`, waiting until a worker delivered it.
  func take(_ i: Int) -> R {
    condition.lock()
    defer { condition.unlock() }
    while results[i] == nil { condition.wait() }
    consumed = i + 1
    condition.broadcast()
    return results.removeValue(forKey: i)!
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

  /// Stops handing out indices and waits until every worker has left, so nothing runs after return.
  func cancelAndWait() {
    condition.lock()
    cancelled = true
    condition.broadcast()
    while runningWorkers > 0 { condition.wait() }
    condition.unlock()
  }
}
