@testable import Frames
import FixtureSupport
import Foundation
import Support
import Testing

extension SpillReader {
  /// Every chunk of `group`'s events, in a buffer of its own.
  fileprivate func forEachChunk(group: Int, _ body: (UnsafeBufferPointer<SpilledEvent>) -> Void) throws {
    var buffer = UnsafeMutableBufferPointer<SpilledEvent>.allocate(capacity: 0)
    defer { buffer.deallocate() }
    try forEachChunk(group: group, buffer: &buffer) { chunk in
      body(chunk)
      return true
    }
  }
}

/// The spill gives back the same events per group whether they stayed in memory or went to the file
/// (a limit of 10 events forces the file after the 10th, and group buffers then fill and flush).
@Test func spilledEventsComeBackTheSameFromMemoryAndFromTheFile() throws {
  let folder = try Fixtures.temporaryDirectory("spill-memory")
  var added: [[SpilledEvent]] = [[], [], []]
  var readers: [SpillReader] = []
  for limit in [SpillWriter.defaultMemoryLimit, 10] {
    let writer = try SpillWriter(directory: folder, memoryLimit: limit)
    for _ in 0..<3 { writer.addGroup() }
    for i in 0..<(3 * SpillWriter.groupBufferLimit) {
      let group = i % 7 == 0 ? 2 : i % 2
      let event = SpilledEvent(
        day: Day(index: Int32(i % 900)), root: 1 + i % 20, quad: 1 + i % 4, sourceSet: UInt32(i),
        targetSet: UInt32(i / 3), intensity: Float(i % 21 - 10))
      try writer.append(event, group: group)
      if limit == 10 { added[group].append(event) }
    }
    readers.append(try writer.finish(order: [2, 0, 1]))
  }
  for (i, group) in [2, 0, 1].enumerated() {
    var fromMemory: [UInt32] = []
    var fromFile: [UInt32] = []
    try readers[0].forEachChunk(group: i) { fromMemory += $0.flatMap { [$0.dayAndRoot, $0.sourceSet, $0.targetSet] } }
    try readers[1].forEachChunk(group: i) { fromFile += $0.flatMap { [$0.dayAndRoot, $0.sourceSet, $0.targetSet] } }
    #expect(fromMemory == added[group].flatMap { [$0.dayAndRoot, $0.sourceSet, $0.targetSet] })
    #expect(fromFile == fromMemory)
    #expect(readers[0].eventCount(group: i) == added[group].count)
    #expect(readers[1].eventCount(group: i) == added[group].count)
  }
}
