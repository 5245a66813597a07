import EventData
import Foundation
import Frames
import Support
import Testing

/// An event with only the fields frames read set; `day` is a `YYYY-MM-DD` date.
func event(
  _ day: String, country: String = "Aland", code: String = "010", intensity: Double = 0,
  source: [String] = [], target: [String] = [], sourceCountry: String = "", targetCountry: String = ""
) -> EventRecord {
  EventRecord(
    eventID: "e", date: Day(iso: day)!, sourceSectors: source, sourceCountry: sourceCountry,
    cameoCode: code, intensity: intensity, targetSectors: target, targetCountry: targetCountry, country: country)
}

/// Builds frames from in-memory events and returns them with every group's dense series.
func frames(
  _ events: [EventRecord], features: [FeatureSpec], groupBy: GroupBy = .country, fitEnd: Day? = nil,
  frozen: FrameVocabularies? = nil, period: CalendarPeriod = .day
) throws -> (frames: AggregatedFrames, series: [[Float]]) {
  let builder = try FrameBuilder(groupBy: groupBy, features: features, fitEnd: fitEnd, frozen: frozen, period: period)
  for e in events { try builder.add(e) }
  let result = try builder.finish()
  let series = try result.groups.indices.map { g in
    var buffer = [Float](repeating: -1, count: result.dayCount * result.featureNames.count)
    try buffer.withUnsafeMutableBufferPointer { try result.materialize(group: g, into: $0) }
    return buffer
  }
  return (result, series)
}

let quad: [FeatureSpec] = [.oneHot(.quadClass)]

@Test func quadClassIsTheFractionOfTheDaysEventsPerClass() throws {
  // Roots 01 and 05 are verbal cooperation, 07 material cooperation, 19 material conflict.
  let (f, series) = try frames(
    [
      event("2020-01-01", code: "010"), event("2020-01-01", code: "0511"), event("2020-01-01", code: "073"),
      event("2020-01-01", code: "190"),
    ], features: quad)
  #expect(
    f.featureNames == [
      "quad:verbal_cooperation", "quad:material_cooperation", "quad:verbal_conflict", "quad:material_conflict",
    ])
  #expect(series == [[0.5, 0.25, 0, 0.25] as [Float]])
}

@Test func cameoRootNamesAreZeroPaddedAndFractionsFollowCodeOrder() throws {
  let (f, series) = try frames(
    [event("2020-01-01", code: "20"), event("2020-01-01", code: "0214"), event("2020-01-01", code: "0214")],
    features: [.oneHot(.cameoRoot)])
  #expect(f.featureNames.first == "root:01")
  #expect(f.featureNames[3] == "root:04")
  #expect(f.featureNames.last == "root:20")
  var expected = [Float](repeating: 0, count: 20)
  expected[1] = Float(2.0 / 3.0)
  expected[19] = Float(1.0 / 3.0)
  #expect(series == [expected])
}

@Test func calendarSpansEarliestToLatestDayForEveryGroupWithZeroFramesOnEmptyDays() throws {
  let (f, series) = try frames(
    [event("2020-01-03", country: "Bravo", code: "180"), event("2020-01-01", country: "Alpha", code: "010")],
    features: quad)
  #expect(f.calendarStart == Day(iso: "2020-01-01"))
  #expect(f.dayCount == 3)
  #expect(f.groups == ["Alpha", "Bravo"])
  let alpha: [Float] = [1, 0, 0, 0, /**/ 0, 0, 0, 0, /**/ 0, 0, 0, 0]
  let bravo: [Float] = [0, 0, 0, 0, /**/ 0, 0, 0, 0, /**/ 0, 0, 0, 1]
  #expect(series == [alpha, bravo])
}

@Test func groupsAreOrderedByByteOrderOfNameWithEmptyCountryAsNone() throws {
  // Byte order puts "(none)" (0x28) before uppercase, uppercase before lowercase, and "Z" before "É".
  let names = ["Élan", "zeta", "Zulu", "", "Alpha"]
  let (f, _) = try frames(names.map { event("2020-01-01", country: $0) }, features: quad)
  #expect(f.groups == ["(none)", "Alpha", "Zulu", "zeta", "Élan"])
}

@Test func groupByPicksTheColumnAndNoneMakesOneGroup() throws {
  let events = [
    event("2020-01-01", country: "X", sourceCountry: "S1", targetCountry: "T2"),
    event("2020-01-01", country: "X", sourceCountry: "S2", targetCountry: ""),
  ]
  #expect(try frames(events, features: quad, groupBy: .sourceCountry).frames.groups == ["S1", "S2"])
  #expect(try frames(events, features: quad, groupBy: .targetCountry).frames.groups == ["(none)", "T2"])
  #expect(try frames(events, features: quad, groupBy: .none).frames.groups == ["(all)"])
}

@Test func vocabularyCountsEachNameOncePerEventAndBreaksTiesByByteOrder() throws {
  // "Gov" appears twice in one event but counts once: Gov 2, Mil 2, Army 1, Bank 1.
  // Ties: Gov/Mil by byte order → Gov first; Army/Bank → Army.
  let events = [
    event("2020-01-01", source: ["Mil", "Gov", "Gov"]),
    event("2020-01-01", source: ["Mil", "Gov"]),
    event("2020-01-01", source: ["Bank"]),
    event("2020-01-01", source: ["Army"]),
  ]
  let (f, _) = try frames(events, features: [.multiHot(.sourceSectors, topK: 3, other: true)])
  #expect(f.vocabularies.sourceSectors == ["Gov", "Mil", "Army"])
  #expect(f.featureNames == ["src:Gov", "src:Mil", "src:Army", "src:(other)"])
}

@Test func vocabularyIsFittedOnTheFitRangeOnly() throws {
  // After fitEnd, "Late" is the most frequent name but must not enter the vocabulary.
  let events = [
    event("2020-01-01", source: ["Early"]),
    event("2020-01-02", source: ["Late"]),
    event("2020-01-02", source: ["Late"]),
  ]
  let (f, series) = try frames(
    events, features: [.multiHot(.sourceSectors, topK: 1, other: true)], fitEnd: Day(iso: "2020-01-01"))
  #expect(f.vocabularies.sourceSectors == ["Early"])
  #expect(series == [[1, 0, /**/ 0, 1] as [Float]])
}

@Test func otherSlotCountsEventsWithAnySectorOutsideTheVocabularyAndEmptySetsCountNowhere() throws {
  // Vocabulary (top 1) = Gov. Day: {Gov}, {Gov, Rare}, {Rare}, {} → Gov 2/4, other 2/4.
  let events = [
    event("2020-01-01", target: ["Gov"]),
    event("2020-01-01", target: ["Gov"]),
    event("2020-01-01", target: ["Gov", "Rare"]),
    event("2020-01-01", target: ["Rare2"]),
    event("2020-01-01", target: []),
  ]
  let (f, series) = try frames(events, features: [.multiHot(.targetSectors, topK: 1, other: true)])
  #expect(f.featureNames == ["tgt:Gov", "tgt:(other)"])
  let expected: [Float] = [Float(3.0 / 5.0), Float(2.0 / 5.0)]
  #expect(series == [expected])
}

@Test func shortVocabularyIsPaddedWithUnusedSlotsSoTheWidthStaysTopKPlusOne() throws {
  let (f, series) = try frames(
    [event("2020-01-01", source: ["Gov"])], features: [.multiHot(.sourceSectors, topK: 3, other: true)])
  #expect(f.featureNames == ["src:Gov", "src:(unused 2)", "src:(unused 3)", "src:(other)"])
  #expect(series == [[1, 0, 0, 0] as [Float]])
}

@Test func numericFeaturesAggregateTransformScaleAndFillEmptyDays() throws {
  let features: [FeatureSpec] = [
    .numeric(.intensity, agg: .mean, scale: -10...10, transform: .none, fill: 0.5),
    .numeric(.eventCount, agg: .sum, scale: nil, transform: .log1p, fill: 0),
    .numeric(.intensity, agg: .max, scale: nil, transform: .none, fill: -1),
  ]
  let events = [
    event("2020-01-01", intensity: -4), event("2020-01-01", intensity: 8), event("2020-01-03", intensity: 10),
  ]
  let (f, series) = try frames(events, features: features)
  #expect(f.featureNames == ["intensity", "event_count", "intensity"])
  let expected: [Float] = [
    Float((2.0 + 10) / 20), Float(log1p(2.0)), 8,
    0.5, 0, -1,
    1, Float(log1p(1.0)), 10,
  ]
  #expect(series == [expected])
}

@Test func frozenVocabulariesReplaceFittingAndMustFitTopK() throws {
  let frozen = FrameVocabularies(sourceSectors: ["Police"])
  let (f, series) = try frames(
    [event("2020-01-01", source: ["Gov"]), event("2020-01-01", source: ["Police"])],
    features: [.multiHot(.sourceSectors, topK: 2, other: true)], frozen: frozen)
  #expect(f.featureNames == ["src:Police", "src:(unused 2)", "src:(other)"])
  #expect(series == [[0.5, 0, 0.5] as [Float]])
  #expect(throws: FrameError.self) {
    try FrameBuilder(
      groupBy: .country, features: [.multiHot(.sourceSectors, topK: 0, other: true)], fitEnd: nil, frozen: frozen)
  }
  #expect(throws: FrameError.self) {
    try FrameBuilder(
      groupBy: .country, features: [.multiHot(.targetSectors, topK: 2, other: true)], fitEnd: nil, frozen: frozen)
  }
}

@Test func defaultPipelineLayoutIs274ColumnsWhateverTheData() throws {
  let features: [FeatureSpec] = [
    .oneHot(.quadClass), .oneHot(.cameoRoot),
    .multiHot(.sourceSectors, topK: 124, other: true), .multiHot(.targetSectors, topK: 124, other: true),
  ]
  let (f, series) = try frames([event("2020-01-01", source: ["Gov"])], features: features)
  #expect(FrameSchema.width(of: features) == 274)
  #expect(f.featureNames.count == 274)
  #expect(Set(f.featureNames).count == 274)
  #expect(series[0].count == 274)
}

@Test func noEventsGiveNoGroupsAndNoDays() throws {
  let (f, series) = try frames([], features: quad)
  #expect(f.groups.isEmpty)
  #expect(f.dayCount == 0)
  #expect(series.isEmpty)
}

@Test func eventsSpilledAcrossManyChunksAreAllCounted() throws {
  // More events than one group buffers, interleaved across two groups and three days.
  var events: [EventRecord] = []
  for i in 0..<20_000 {
    events.append(
      event(i % 3 == 0 ? "2020-01-01" : "2020-01-03", country: i % 2 == 0 ? "A" : "B", code: i % 5 == 0 ? "190" : "010")
    )
  }
  let (f, series) = try frames(
    events, features: quad + [.numeric(.eventCount, agg: .sum, scale: nil, transform: .none, fill: 0)])
  #expect(f.eventCount == 20_000)
  #expect(f.eventCount(group: 0) == 10_000)
  let countsA = [series[0][4], series[0][9], series[0][14]]
  let expectedA = [0, 1, 2].map { day in
    Float(events.indices.filter { $0 % 2 == 0 && ($0 % 3 == 0) == (day == 0) && day != 1 }.count)
  }
  #expect(countsA == expectedA)
  let conflictA = series[0][3]
  let firstDayA = events.indices.filter { $0 % 2 == 0 && $0 % 3 == 0 }
  #expect(conflictA == Float(Double(firstDayA.filter { $0 % 5 == 0 }.count) / Double(firstDayA.count)))
}

@Test func cameoCodeWithoutARootIsAnErrorNamingTheEvent() throws {
  let builder = try FrameBuilder(groupBy: .country, features: quad, fitEnd: nil)
  #expect(throws: FrameError.self) { try builder.add(event("2020-01-01", code: "X1")) }
  #expect(throws: FrameError.self) { try builder.add(event("2020-01-01", code: "21")) }
}

@Test func sharedSectorArraysAndEqualCopiesCountAlikeAndMutatedCopiesDoNot() throws {
  // The builder caches set ids by array storage; a mutated copy must not reuse the cached id.
  let shared = ["Gov", "Mil"]
  var mutated = shared
  mutated[1] = "Rare"
  let events = [
    event("2020-01-01", source: shared), event("2020-01-01", source: shared),
    event("2020-01-01", source: Array(shared.reversed().reversed())), event("2020-01-01", source: mutated),
  ]
  let (f, series) = try frames(events, features: [.multiHot(.sourceSectors, topK: 2, other: true)])
  #expect(f.featureNames == ["src:Gov", "src:Mil", "src:(other)"])
  #expect(series == [[1, 0.75, 0.25] as [Float]])
}

@Test func eventModeSharesTheTargetSlotSoItCannotJoinTargetSectorsOrMentions() throws {
  for other in [
    FeatureSpec.multiHot(.targetSectors, topK: 4, other: true),
    .numeric(.mentions, agg: .sum, scale: nil, transform: .none, fill: 0),
  ] {
    #expect(throws: FrameError.self) {
      _ = try FrameBuilder(groupBy: .country, features: [.oneHot(.eventMode), other], fitEnd: nil)
    }
  }
  _ = try FrameBuilder(groupBy: .country, features: [.oneHot(.eventMode), .oneHot(.ploverEventType)], fitEnd: nil)
}
