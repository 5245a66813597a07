import EventData
import Foundation
import Support

/// ICEWS events aggregated per (group, day), materialized one group at a time.
///
/// Frame of a group-day with n events: `one_hot` = fraction of the n events per class;
/// `multi_hot` slot v = fraction whose sector set contains v, `(other)` = fraction with a sector
/// outside the vocabulary; `numeric` = the aggregate, transformed then scaled. A day without
/// events is zeros, numeric features their `fill`.
public struct AggregatedFrames: FrameSeries {
  public let schema: FrameSchema
  public let groups: [String]
  public let calendarStart: Day
  public let period: CalendarPeriod
  public let dayCount: Int
  /// Events aggregated (after the reader dropped rejects and duplicates).
  public let eventCount: Int

  let spill: SpillReader
  let sourceSlots: SectorSlotTable?
  let targetSlots: SectorSlotTable?

  init(
    schema: FrameSchema, groups: [String], calendarStart: Day, period: CalendarPeriod = .day, dayCount: Int,
    eventCount: Int, spill: SpillReader, sourceSlots: SectorSlotTable?, targetSlots: SectorSlotTable?
  ) {
    self.schema = schema
    self.groups = groups
    self.calendarStart = calendarStart
    self.period = period
    self.dayCount = dayCount
    self.eventCount = eventCount
    self.spill = spill
    self.sourceSlots = sourceSlots
    self.targetSlots = targetSlots
  }

  public var featureNames: [String] { schema.featureNames }
  /// The vocabularies these frames were encoded with, to freeze into a manifest.
  public var vocabularies: FrameVocabularies { schema.vocabularies }

  /// Number of events of group `group` (index into `groups`).
  public func eventCount(group: Int) -> Int { spill.eventCount(group: group) }

  /// The protocol's entry point. The spill file is ours and unlinked, so a read failure means a
  /// failing disk; it stops the process with the reason. Use `materialize` to get it as an error.
  public func fillSeries(group: Int, into buffer: UnsafeMutableBufferPointer<Float>) {
    do {
      try materialize(group: group, into: buffer)
    } catch {
      fatalError("\(error)")
    }
  }

  /// Writes group `group`'s `dayCount × featureNames.count` frames, row-major, into `buffer`.
  /// Work is proportional to the group's events plus one pass over the buffer (empty days).
  public func materialize(group: Int, into buffer: UnsafeMutableBufferPointer<Float>) throws {
    let width = schema.width
    precondition(buffer.count == dayCount * width, "buffer must hold dayCount × featureNames.count floats")
    guard let base = buffer.baseAddress else { return }
    let counts = GroupDayCounts(frames: self)
    try counts.load(group: group)
    let empty = emptyFrame
    if empty.allSatisfy({ $0.bitPattern == 0 }) {
      base.update(repeating: 0, count: buffer.count)
    } else {
      for day in 0..<dayCount { (base + day * width).update(from: empty, count: width) }
    }
    for day in counts.days { counts.writeFrame(day: Int(day), into: base + Int(day) * width) }
  }

  /// The frame of a day without events: zeros, numeric features their `fill`.
  var emptyFrame: [Float] {
    var frame = [Float](repeating: 0, count: schema.width)
    for (feature, offset) in zip(schema.features, schema.offsets) {
      if case .numeric(_, _, _, _, let fill) = feature { frame[offset] = Float(fill) }
    }
    return frame
  }
}
