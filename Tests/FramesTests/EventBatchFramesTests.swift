import EventData
import FixtureSupport
import Foundation
import Frames
import Support
import Testing

private let icewsFixtures = [
  "icews/classic.tab", "icews/bad-rows.tab", "icews/duplicates.tab", "icews/government.tab",
  "icews/dataverse-quoted.tab", "icews/rerelease-2017.tab", "icews/wild/quoted-multiline.csv",
  "icews/wild/header-spellings.tab", "sample/icews-sample.tab.gz",
].map { Fixtures.url($0).path }

private let sectorFeatures: [FeatureSpec] = [
  .oneHot(.quadClass), .oneHot(.cameoRoot), .multiHot(.sourceSectors, topK: 5, other: true),
  .multiHot(.targetSectors, topK: 4, other: true),
]

/// Every group's dense series, with the frames' names, groups and calendar.
private func dense(_ builder: FrameBuilder) throws -> [String] {
  let frames = try builder.finish()
  var out = ["\(frames.featureNames) \(frames.groups) \(frames.calendarStart) \(frames.dayCount)"]
  for g in frames.groups.indices {
    var buffer = [Float](repeating: -1, count: frames.dayCount * frames.featureNames.count)
    try buffer.withUnsafeMutableBufferPointer { try frames.materialize(group: g, into: $0) }
    out.append("\(buffer)")
  }
  return out
}

@Test(arguments: [GroupBy.country, .sourceCountry, .targetCountry, .none])
func framesFromTheReadersBatchesEqualFramesFromItsRecordsOneByOne(groupBy: GroupBy) throws {
  // Small chunks: many batches, some split by rejected rows, and tables that restart per chunk.
  var reader = EventReader(inputs: icewsFixtures, policy: .reject)
  reader.chunkSize = 2048
  let byBatch = try FrameBuilder(groupBy: groupBy, features: sectorFeatures, fitEnd: Day(iso: "2014-06-30"))
  var batches = 0
  _ = try reader.read(
    onReject: { _ in },
    onBatch: {
      batches += 1
      try byBatch.add($0)
    })
  let byRecord = try FrameBuilder(groupBy: groupBy, features: sectorFeatures, fitEnd: Day(iso: "2014-06-30"))
  for event in try readAll(icewsFixtures).events { try byRecord.add(event) }
  #expect(batches > icewsFixtures.count)
  #expect(byBatch.eventCount == byRecord.eventCount)
  #expect(try dense(byBatch) == dense(byRecord))
}

@Test func aBatchMadeOfRecordsGivesTheRecordsBack() throws {
  let records = try readAll(icewsFixtures + [Fixtures.url("polecat/modes.txt").path]).events
  let batch = EventBatch(records: records)
  #expect(batch.count == records.count)
  #expect(batch.strings.first == "" && batch.lists.first == [])
  #expect((0..<batch.count).map { batch.record($0) } == records)
}

@Test func aBatchWithABadCameoRootStopsAtThatEventNamingIt() throws {
  let builder = try FrameBuilder(groupBy: .country, features: [.oneHot(.quadClass)], fitEnd: nil)
  let good = event("2020-01-01", code: "010")
  var bad = event("2020-01-02", code: "X1")
  bad.eventID = "e42"
  #expect {
    try builder.add(EventBatch(records: [good, bad, good]))
  } throws: { error in
    "\(error)".contains("e42") && "\(error)".contains("X1")
  }
  #expect(builder.eventCount == 1)
}
