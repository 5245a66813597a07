import Support

/// Dedup, counting and the callbacks, in delivery order (calling thread only).
final class Delivery {
  let policy: BadRowPolicy
  let onReject: (RejectedRow) throws -> Void
  let onEvent: (EventRecord) throws -> Void
  private(set) var summary = RowCounts()
  private var keys = EventKeySet()
  private var otherKeys = Set<String>()

  init(
    policy: BadRowPolicy, onReject: @escaping (RejectedRow) throws -> Void,
    onEvent: @escaping (EventRecord) throws -> Void
  ) {
    self.policy = policy
    self.onReject = onReject
    self.onEvent = onEvent
  }

  /// Counts `event` of `chunk` and hands it on (as `record`, which it overwrites) unless it is a
  /// duplicate.
  func event(_ event: ParsedEvent, of chunk: ChunkResult, record: inout EventRecord) throws {
    summary.read += 1
    let fresh =
      event.key != 0
      ? keys.insert(event.key)
      : otherKeys.insert("\(event.eventID)\u{0}\(event.date.index)").inserted
    guard fresh else {
      summary.duplicates += 1
      return
    }
    chunk.fill(&record, with: event)
    try onEvent(record)
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
