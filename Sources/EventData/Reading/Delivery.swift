import Support

/// Dedup, counting and the callbacks, in delivery order (calling thread only).
final class Delivery {
  let policy: BadRowPolicy
  let onReject: (RejectedRow) throws -> Void
  let onBatch: (EventBatch) throws -> Void
  private(set) var summary = RowCounts()
  private var seen = SeenKeys()

  init(
    policy: BadRowPolicy, onReject: @escaping (RejectedRow) throws -> Void,
    onBatch: @escaping (EventBatch) throws -> Void
  ) {
    self.policy = policy
    self.onReject = onReject
    self.onBatch = onBatch
  }

  /// Counts the chunk's events in `range` and hands on, as one batch, those not seen before.
  func events(_ range: Range<Int>, of chunk: ChunkResult) throws {
    guard !range.isEmpty else { return }
    let selected = seen.fresh(range, of: chunk.events)
    summary.read += range.count
    summary.duplicates += range.count - selected.count
    if selected.isEmpty { return }
    try onBatch(EventBatch(events: chunk.events, selected: selected, strings: chunk.strings, lists: chunk.lists))
  }

  func reject(_ row: RejectedRow) throws {
    summary.read += 1
    summary.rejected += 1
    if policy == .fail {
      throw EventReadError(.badRow, file: row.file, line: row.line, reason: row.reason)
    }
    try onReject(row)
  }
}

/// The `(Event ID, Event Date)` keys delivered so far; one struct so a batch takes one exclusivity check.
private struct SeenKeys {
  private var keys = EventKeySet()
  private var otherKeys = Set<String>()

  /// The indices in `range` of events whose key was not seen before (the first of repeats within it too).
  mutating func fresh(_ range: Range<Int>, of events: [ParsedEvent]) -> [Int32] {
    var selected: [Int32] = []
    selected.reserveCapacity(range.count)
    for i in range {
      let key = events[i].key
      let isNew =
        key != 0
        ? keys.insert(key)
        : otherKeys.insert("\(events[i].eventID)\u{0}\(events[i].packed.date.index)").inserted
      if isNew { selected.append(Int32(i)) }
    }
    return selected
  }
}
