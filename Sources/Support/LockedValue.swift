import Foundation

/// A value that several threads share, read and written only while its lock is held: the one lock
/// helper of the stages (`ReusePool`, the loader's buffer ledger), so none keeps a lock of its own.
public final class LockedValue<Value> {
  private let lock = NSLock()
  private var value: Value

  public init(_ value: Value) { self.value = value }

  /// Runs `body` on the value with the lock held; keep it short (no waiting, no I/O inside).
  public func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
    lock.lock()
    defer { lock.unlock() }
    return try body(&value)
  }
}

/// `@unchecked Sendable`: `value` is only reached through `withLock`, with `lock` held.
extension LockedValue: @unchecked Sendable where Value: Sendable {}
