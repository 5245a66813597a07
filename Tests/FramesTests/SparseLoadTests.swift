import EventData
import Frames
import Support
import Testing

/// Events of two groups over scattered days, every feature kind, with several events on some days.
private func mixedEvents(inDayOrder: Bool) -> [EventRecord] {
  let start = Day(iso: "2020-01-01")!
  var events: [EventRecord] = []
  for (i, offset) in [0, 1, 1, 4, 9, 9, 9, 30, 31, 59].enumerated() {
    let day = (start + offset).iso
    events.append(
      event(
        day, country: "Bravo", code: ["010", "190", "073", "0511"][i % 4], intensity: Double(i) - 4.5,
        source: i % 3 == 0 ? ["Gov", "Police"] : ["Rebels"], target: ["Gov"]))
    if i % 2 == 0 {
      events.append(event(day, country: "Alpha", code: "20", intensity: 7, source: ["Gov"], target: ["Media"]))
    }
  }
  // out of day order: Bravo's latest day first
  return inDayOrder ? events : events.reversed()
}

private let mixedFeatures: [FeatureSpec] = [
  .oneHot(.quadClass), .oneHot(.cameoRoot), .multiHot(.sourceSectors, topK: 2, other: true),
  .multiHot(.targetSectors, topK: 1, other: false),
  .numeric(.intensity, agg: .mean, scale: -10...10, transform: .none, fill: 0.5),
  .numeric(.eventCount, agg: .sum, scale: nil, transform: .log1p, fill: 0),
]

/// `loadSparse`'s rows, each written over the empty frame from `loadEntries`' entries.
private func densified(_ entries: CompressedGroupFrames, emptyFrame: [Float]) -> [Float] {
  var rows: [Float] = []
  for i in entries.days.indices {
    var row = emptyFrame
    row.withUnsafeMutableBufferPointer { entries.write(day: i, into: $0) }
    rows += row
  }
  return rows
}

/// A schema reading the quad counts twice (one-day counts then scan the day's counts for entries).
private let twiceReadFeatures: [FeatureSpec] = [.oneHot(.quadClass), .oneHot(.cameoRoot), .oneHot(.quadClass)]

@Test(arguments: [true, false], [mixedFeatures, twiceReadFeatures])
func sparseLoadsGiveTheMaterializedFramesInOrAnyDayOrder(inDayOrder: Bool, features: [FeatureSpec]) throws {
  let (f, series) = try frames(mixedEvents(inDayOrder: inDayOrder), features: features)
  let width = f.featureNames.count
  var sparse = SparseGroupFrames()
  var entries = CompressedGroupFrames()
  for g in f.groups.indices {
    for limit in [Int.max, 31, 1, 0] {
      try f.loadSparse(group: g, into: &sparse, before: limit)
      try f.loadEntries(group: g, into: &entries, before: limit)
      let days = (0..<min(limit, f.dayCount)).filter { day in
        (0..<width).contains { series[g][day * width + $0].bitPattern != f.emptyDayFrame[$0].bitPattern }
      }
      #expect(sparse.days.map(Int.init) == days, "group \(g), before \(limit)")
      #expect(entries.days == sparse.days)
      let rows = days.flatMap { series[g][$0 * width..<($0 + 1) * width] }
      #expect(sparse.values.map(\.bitPattern) == rows.map(\.bitPattern))
      #expect(densified(entries, emptyFrame: f.emptyDayFrame).map(\.bitPattern) == rows.map(\.bitPattern))
    }
  }
}

@Test func entriesListOnlyTheNonZeroFractionsAndEveryNumericFeature() throws {
  let (f, _) = try frames(mixedEvents(inDayOrder: true), features: mixedFeatures)
  var entries = CompressedGroupFrames()
  let alpha = try #require(f.groups.firstIndex(of: "Alpha"))
  try f.loadEntries(group: alpha, into: &entries, before: .max)
  // Alpha: one event a day, root 20 (material conflict), source Gov, target Media (outside top 1, no other slot)
  let names = f.featureNames
  for i in entries.days.indices {
    let listed = (entries.entryStarts[i]..<entries.entryStarts[i + 1]).map { names[Int(entries.features[$0])] }
    #expect(listed.count == 5, "\(listed)")
    #expect(!listed.contains { $0.hasPrefix("target") })
  }
}
