@testable import EventData
import FixtureSupport
import Foundation

/// Everything one read produced, for assertions.
struct ReadOutcome {
  var events: [EventRecord] = []
  var rejects: [RejectedRow] = []
  var summary = IngestSummary()
}

func readAll(_ inputs: [String], policy: BadRowPolicy = .reject, chunkSize: Int? = nil) throws -> ReadOutcome {
  var outcome = ReadOutcome()
  var reader = EventReader(inputs: inputs, policy: policy)
  if let chunkSize { reader.chunkSize = chunkSize }
  outcome.summary = try reader.read(
    onReject: { outcome.rejects.append($0) }, onEvent: { outcome.events.append($0) })
  return outcome
}

func fixture(_ name: String) -> String { Fixtures.url("icews/\(name)").path }
