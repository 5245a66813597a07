import EventData
import Foundation
import Support

/// Everything one read produced, for assertions.
public struct ReadOutcome {
  public var events: [EventRecord] = []
  public var rejects: [RejectedRow] = []
  public var summary = RowCounts()
}

/// Reads `inputs` with the tool's own reader and keeps every event, reject and count.
public func readAll(_ inputs: [String], policy: BadRowPolicy = .reject, chunkSize: Int? = nil) throws -> ReadOutcome {
  var outcome = ReadOutcome()
  var reader = EventReader(inputs: inputs, policy: policy)
  if let chunkSize { reader.chunkSize = chunkSize }
  outcome.summary = try reader.read(
    onReject: { outcome.rejects.append($0) }, onEvent: { outcome.events.append($0) })
  return outcome
}
