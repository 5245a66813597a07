import EventData
import FixtureSupport
import Foundation
@testable import Frames
import Support
import Testing

/// Events on scattered days of three groups: runs, short gaps merged into one write, long gaps left as holes.
func scatteredEvents() -> [EventRecord] {
  let start = Day(iso: "2020-01-01")!
  var events: [EventRecord] = []
  for (i, offset) in [0, 1, 2, 5, 40, 41, 300, 301, 302, 799].enumerated() {
    let day = (start + offset).iso
    events.append(
      event(day, country: "Bravo", code: i % 2 == 0 ? "010" : "190", intensity: Double(i - 5), source: ["Gov"]))
    events.append(
      event(day, country: i % 3 == 0 ? "Alpha" : "Bravo", code: "073", intensity: 3, target: ["Police", "Gov"]))
  }
  events.append(event((start + 799).iso, country: "Zulu", code: "20", intensity: -10))
  return events
}

@Test func sparseNPYIsByteIdenticalToTheDenseWriterWithZeroFill() throws {
  let features: [FeatureSpec] = [
    .oneHot(.quadClass), .oneHot(.cameoRoot), .multiHot(.sourceSectors, topK: 3, other: true),
    .multiHot(.targetSectors, topK: 1, other: true),
    .numeric(.intensity, agg: .mean, scale: -10...10, transform: .none, fill: 0),
  ]
  let (f, _) = try frames(scatteredEvents(), features: features)
  let dir = try Fixtures.temporaryDirectory("sparse-npy-zero")
  let sparse = dir.appendingPathComponent("sparse.npy")
  let dense = dir.appendingPathComponent("dense.npy")
  var written: [Int] = []
  try f.writeNPY(to: sparse) { written.append($0) }
  try f.writeDenseNPY(to: dense)
  #expect(written == Array(f.groups.indices))
  let bytes = try Data(contentsOf: sparse)
  #expect(bytes.count == (try Data(contentsOf: dense)).count)
  #expect(bytes == (try Data(contentsOf: dense)))
  #expect(!FileManager.default.fileExists(atPath: sparse.path + ".partial"))
}

@Test func sparseNPYWritesEveryEmptyDayWhenANumericFillIsNotZero() throws {
  let features: [FeatureSpec] = [
    .numeric(.intensity, agg: .mean, scale: -10...10, transform: .none, fill: 0.5), .oneHot(.quadClass),
  ]
  let (f, series) = try frames(scatteredEvents(), features: features)
  let dir = try Fixtures.temporaryDirectory("sparse-npy-fill")
  let sparse = dir.appendingPathComponent("sparse.npy")
  let dense = dir.appendingPathComponent("dense.npy")
  try f.writeNPY(to: sparse)
  try f.writeDenseNPY(to: dense)
  #expect((try Data(contentsOf: sparse)) == (try Data(contentsOf: dense)))
  // An empty day of Alpha (day 3) carries the fill.
  #expect(series[0][3 * 5] == 0.5)
}

@Test func sparseNPYReplacesAnEarlierFile() throws {
  let (f, _) = try frames(scatteredEvents(), features: [.oneHot(.quadClass)])
  let dir = try Fixtures.temporaryDirectory("sparse-npy-replace")
  let url = dir.appendingPathComponent("frames.npy")
  try Data(repeating: 0xAB, count: 100_000).write(to: url)
  try f.writeNPY(to: url)
  let dense = dir.appendingPathComponent("dense.npy")
  try f.writeDenseNPY(to: dense)
  #expect((try Data(contentsOf: url)) == (try Data(contentsOf: dense)))
}

/// Issue 12: writing frames to a full disk crashed in `GroupStager.deinit` ("semaphore disposed while in
/// use") when the writer stopped on the error still holding a buffer, the producer waiting for the next.
/// The stager now runs on `forEachInOrder`: a writer that throws while holding a group's buffer gets its
/// error back, with the worker joined, after any number of groups.
@Test func aWriterStoppingOnAnErrorMidGroupReleasesTheStagerCleanly() throws {
  struct DiskFull: Error {}
  let (f, _) = try frames(scatteredEvents(), features: [.oneHot(.quadClass)])
  try #require(f.groups.count == 3)
  for groupsTaken in 0...2 {
    let stager = GroupStager(frames: f)
    var written = 0
    #expect(throws: DiskFull.self) {
      try forEachInOrder(count: 3, threads: 1, inFlight: 1, work: stager.stage) { g, outcome in
        let staged = try outcome.get()
        if g == groupsTaken { throw DiskFull() }  // stops holding `staged`, as a failed write does
        stager.release(staged)
        written += 1
      }
    }
    #expect(written == groupsTaken)
  }
}
