import Foundation

/// Items (buffers, scratch structs) handed back and forth between worker threads, so a pass over
/// many groups allocates and faults in its large buffers once per worker rather than once per group.
public final class ReusePool<Item: Sendable>: Sendable {
  private let free = LockedValue<[Item]>([])

  public init() {}

  /// A free item for which `fits` holds (the most recently returned first), nil when none does.
  public func take(where fits: (Item) -> Bool = { _ in true }) -> Item? {
    free.withLock { free in free.lastIndex(where: fits).map { free.remove(at: $0) } }
  }

  /// A free item, or `make()` when none is free.
  public func take(orMake make: () -> Item) -> Item { take() ?? make() }

  public func give(_ item: Item) {
    free.withLock { $0.append(item) }
  }
}

extension ReusePool where Item == [Float] {
  /// A buffer of exactly `count` floats; its contents are unspecified (whatever the last user left).
  public func take(count: Int) -> [Float] {
    var buffer = take(orMake: { [] })
    if buffer.count != count {
      buffer.removeAll(keepingCapacity: true)
      buffer.append(contentsOf: repeatElement(0, count: count))
    }
    return buffer
  }
}
