import EventData
@testable import Synth
import FixtureSupport
import Foundation
import Support
import Testing

@Test func synthIsDeterministicForASeed() throws {
  let dir = try Fixtures.temporaryDirectory("synth")
  let start = try #require(Day(iso: "2014-01-01"))
  let a = dir.appendingPathComponent("a.tsv"), b = dir.appendingPathComponent("b.tsv")
  let c = dir.appendingPathComponent("c.tsv")
  try SyntheticDump(rows: 2000, start: start, days: 30, seed: 7).write(to: a)
  try SyntheticDump(rows: 2000, start: start, days: 30, seed: 7).write(to: b)
  try SyntheticDump(rows: 2000, start: start, days: 30, seed: 8).write(to: c)
  #expect(try Data(contentsOf: a) == Data(contentsOf: b))
  #expect(try Data(contentsOf: a) != Data(contentsOf: c))
}

@Test func synthReadsBackCleanWithRealisticContent() throws {
  let dir = try Fixtures.temporaryDirectory("synth")
  let start = try #require(Day(iso: "2014-01-01"))
  let url = dir.appendingPathComponent("dump.tsv")
  try SyntheticDump(rows: 5000, start: start, days: 60, seed: 3).write(to: url)
  let outcome = try readAll([url.path])
  #expect(outcome.rejects.isEmpty)
  #expect(outcome.summary == RowCounts(read: 5000, rejected: 0, duplicates: 0))
  let days = Set(outcome.events.map(\.date))
  #expect(days.min() == start && days.max() == start + 59)
  let book = CameoCodebook.icews
  var verbalCooperation = 0
  for event in outcome.events {
    let entry = try #require(book.entry(forCode: event.cameoCode))
    #expect(entry.intensity == event.intensity)
    if entry.quadClass == .verbalCooperation { verbalCooperation += 1 }
  }
  #expect(verbalCooperation * 2 > outcome.events.count)
  #expect(Set(outcome.events.map(\.sourceCountry)).count > 100)
  #expect(outcome.events.contains { $0.sourceSectors.contains("Radicals / Extremists / Fundamentalists") })
  #expect(outcome.events.contains { $0.sourceSectors.contains { $0.contains(", ") } })
  #expect(outcome.events.contains { $0.targetSectors.count >= 3 })
}

@Test func synthDuplicatesAreExactAndCounted() throws {
  let dir = try Fixtures.temporaryDirectory("synth")
  let start = try #require(Day(iso: "2014-01-01"))
  let url = dir.appendingPathComponent("dump.tsv")
  try SyntheticDump(rows: 1000, start: start, days: 10, seed: 1, duplicates: 5).write(to: url)
  let outcome = try readAll([url.path])
  #expect(outcome.summary == RowCounts(read: 1000, rejected: 0, duplicates: 5))
}

@Test func synthCountriesOptionKeepsTheBusiestCountries() throws {
  let dir = try Fixtures.temporaryDirectory("synth")
  let url = dir.appendingPathComponent("dump.tsv")
  try SyntheticDump(rows: 3000, start: try #require(Day(iso: "2014-01-01")), days: 60, seed: 2, countries: 4).write(
    to: url)
  let outcome = try readAll([url.path])
  let located = Set(outcome.events.map(\.country))
  #expect(located == ["United States", "Russian Federation", "China", "India"])
}

@Test func synthSectorVocabularyFillsTheDefaultTopK() throws {
  let dir = try Fixtures.temporaryDirectory("synth")
  let url = dir.appendingPathComponent("dump.tsv")
  try SyntheticDump(rows: 20000, start: try #require(Day(iso: "2014-01-01")), days: 90, seed: 5).write(to: url)
  let outcome = try readAll([url.path])
  var counts: [String: Int] = [:]
  for event in outcome.events {
    for sector in Set(event.sourceSectors) { counts[sector, default: 0] += 1 }
  }
  #expect(counts.count > 200)
  // Zipf-like: the most common name is far more frequent than the 124th.
  let ranked = counts.values.sorted(by: >)
  #expect(ranked[0] > 20 * ranked[123])
}

@Test func synthHasAWeeklyCycle() throws {
  let dir = try Fixtures.temporaryDirectory("synth")
  let url = dir.appendingPathComponent("dump.tsv")
  let start = try #require(Day(iso: "2014-01-06"))  // a Monday
  try SyntheticDump(rows: 20000, start: start, days: 140, seed: 4, countries: 10).write(to: url)
  let outcome = try readAll([url.path])
  var perWeekday = [Int](repeating: 0, count: 7)
  for event in outcome.events { perWeekday[(event.date - start) % 7] += 1 }
  #expect(perWeekday[0...4].min()! > perWeekday[5...6].max()!)
}

@Test func synthPlantsEpisodesFromTheSeedAndTheyShowInTheData() throws {
  let dir = try Fixtures.temporaryDirectory("synth")
  let start = try #require(Day(iso: "2014-01-01"))
  let dump = SyntheticDump(rows: 40000, start: start, days: 800, seed: 11, countries: 6)
  let episodes = dump.episodes
  #expect(episodes.count == 2)
  #expect(episodes == SyntheticDump(rows: 10, start: start, days: 800, seed: 11, countries: 6).episodes)
  #expect(episodes != SyntheticDump(rows: 10, start: start, days: 800, seed: 12, countries: 6).episodes)
  let url = dir.appendingPathComponent("dump.tsv")
  try dump.write(to: url)
  let outcome = try readAll([url.path])
  let book = CameoCodebook.icews
  for episode in episodes {
    #expect((7...21).contains(episode.days))
    var inside = (events: 0, conflict: 0), before = (events: 0, conflict: 0)
    for event in outcome.events where event.country == episode.country {
      let conflict = book.entry(forCode: event.cameoCode)?.quadClass == .materialConflict ? 1 : 0
      if event.date >= episode.start && event.date <= episode.end {
        inside.events += 1
        inside.conflict += conflict
      } else if event.date < episode.start && event.date >= episode.start + (-episode.days) {
        before.events += 1
        before.conflict += conflict
      }
    }
    #expect(inside.events > 2 * before.events)
    #expect(
      Double(inside.conflict) / Double(inside.events) > 2 * Double(before.conflict) / Double(max(1, before.events)))
  }
}

/// The bytes of a default dump, pinned from the generator as it was before episode kinds and rates
/// (FNV-1a 64 of the file): benchmarks, the bundled sample and its episodes rely on them.
@Test func synthDefaultDumpKeepsItsBytesAndIsTheCrisisKind() throws {
  let dir = try Fixtures.temporaryDirectory("synth")
  let start = try #require(Day(iso: "2014-01-01"))
  let plain = dir.appendingPathComponent("plain.tsv"), crisis = dir.appendingPathComponent("crisis.tsv")
  try SyntheticDump(rows: 5000, start: start, days: 900, seed: 5, countries: 6).write(to: plain)
  try SyntheticDump(rows: 5000, start: start, days: 900, seed: 5, countries: 6, episodeKind: .crisis, episodeRate: 1)
    .write(to: crisis)
  let bytes = try Data(contentsOf: plain)
  #expect(bytes == (try Data(contentsOf: crisis)))
  var hash: UInt64 = 0xcbf2_9ce4_8422_2325
  for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
  #expect(bytes.count == 1_259_556)
  #expect(hash == 0xa74f_28ad_5d49_da52)
}

@Test func synthEpisodeRateScalesTheCountAndKindsShareTheirPlaces() throws {
  let start = try #require(Day(iso: "2014-01-01"))
  func episodes(_ kind: EpisodeKind, rate: Double = 1) -> [SyntheticEpisode] {
    SyntheticDump(rows: 10, start: start, days: 2000, seed: 9, countries: 8, episodeKind: kind, episodeRate: rate)
      .episodes
  }
  #expect(episodes(.crisis).count == 5)
  #expect(episodes(.crisis, rate: 4).count == 20)
  #expect(episodes(.crisis, rate: 1000).count == 2000 / 7)
  let crises = episodes(.crisis, rate: 4)
  func place(_ e: SyntheticEpisode) -> String { "\(e.country) \(e.start.iso) \(e.days)" }
  for kind in EpisodeKind.allCases {
    let planted = episodes(kind, rate: 4)
    #expect(planted.map(place) == crises.map(place))
    #expect(kind == .any || planted.allSatisfy { $0.kind == kind })
  }
  let drawn = episodes(.any, rate: 4)
  #expect(Set(drawn.map(\.kind)) == Set(EpisodeKind.drawnByAny))
  for (episode, crisis) in zip(drawn, crises) where episode.kind == .crisis { #expect(episode == crisis) }
  for (episode, crisis) in zip(episodes(.volume, rate: 4), crises) {
    #expect(episode.volumeFactor == crisis.volumeFactor && episode.conflictShift == 0)
  }
}

@Test func synthEpisodesFileHasAKindColumn() throws {
  let episode = SyntheticEpisode(
    country: "China", start: try #require(Day(iso: "2019-05-25")), days: 19, volumeFactor: 0.25, conflictShift: 0,
    kind: .quiet)
  #expect(SyntheticEpisode.tsvHeader.split(separator: "\t").count == episode.description.split(separator: "\t").count)
  #expect(episode.description == "China\t2019-05-25\t2019-06-12\t19\t0.25\t0.00\tquiet")
  #expect(SyntheticEpisode.tsvHeader.hasSuffix("\tconflict_shift\tkind"))
}

/// One country's events in an episode against the same number of days on each side of it (other
/// episodes of that country left out), so the slow drift cancels to first order.
struct EpisodeContrast {
  struct Tally {
    var days = 0
    var events = 0
    var quad = [Int](repeating: 0, count: 4)
    var root = [Int](repeating: 0, count: 21)

    var perDay: Double { Double(events) / Double(max(1, days)) }
    mutating func add(day events: [EventRecord]) throws {
      days += 1
      for event in events {
        let entry = try #require(CameoCodebook.icews.entry(forCode: event.cameoCode))
        self.events += 1
        quad[entry.quadClass.index] += 1
        root[entry.root] += 1
      }
    }
    func share(quad q: Int) -> Double { Double(quad[q]) / Double(max(1, events)) }
    /// Share of root `r` among the events of its quad class `q`.
    func share(root r: Int, of q: Int) -> Double { Double(root[r]) / Double(max(1, quad[q])) }
  }

  var episode: SyntheticDynamics.Episode
  var inside = Tally()
  var outside = Tally()

  var volumeRatio: Double { inside.perDay / outside.perDay }
  /// Largest change of a quad-class share.
  var quadShift: Double { (0..<4).map { abs(inside.share(quad: $0) - outside.share(quad: $0)) }.max()! }
}

/// A small dump with several episodes of `kind` in three countries, and each episode's contrast.
func episodeContrasts(_ kind: EpisodeKind) throws -> [EpisodeContrast] {
  let dir = try Fixtures.temporaryDirectory("synth-\(kind.rawValue)")
  let start = try #require(Day(iso: "2014-01-01"))
  let dump = SyntheticDump(
    rows: 60000, start: start, days: 240, seed: 21, countries: 3, episodeKind: kind, episodeRate: 8)
  let url = dir.appendingPathComponent("dump.tsv")
  try dump.write(to: url)
  let episodes = SyntheticDynamics(dump: dump).episodes
  try #require(episodes.count == 5)
  let names = SyntheticVocabulary.countries
  var daily: [String: [Int: [EventRecord]]] = [:]
  for event in try readAll([url.path]).events {
    daily[event.country, default: [:]][event.date - start, default: []].append(event)
  }
  return try episodes.map { episode in
    var contrast = EpisodeContrast(episode: episode)
    let last = episode.firstDay + episode.days - 1
    for day in max(0, episode.firstDay - episode.days)...min(dump.days - 1, last + episode.days) {
      let inEpisode = day >= episode.firstDay && day <= last
      let inOther = episodes.contains {
        $0.country == episode.country && day >= $0.firstDay && day < $0.firstDay + $0.days
      }
      let events = daily[names[episode.country]]?[day] ?? []
      if inEpisode {
        try contrast.inside.add(day: events)
      } else if !inOther {
        try contrast.outside.add(day: events)
      }
    }
    return contrast
  }
}

@Test func synthVolumeEpisodesRaiseVolumeOnly() throws {
  for c in try episodeContrasts(.volume) {
    #expect(c.volumeRatio >= 1.8, "\(c.episode.countryName) day \(c.episode.firstDay): ×\(c.volumeRatio)")
    let conflict = c.inside.share(quad: 3) - c.outside.share(quad: 3)
    #expect(abs(conflict) <= 0.05, "\(c.inside.quad) vs \(c.outside.quad)")
  }
}

@Test func synthQuietEpisodesDropVolumeOnly() throws {
  for c in try episodeContrasts(.quiet) {
    #expect(c.volumeRatio <= 0.5, "\(c.episode.countryName) day \(c.episode.firstDay): ×\(c.volumeRatio)")
    // A blackout leaves few events (150-350 here), so the shares are noisier.
    #expect(c.quadShift < 0.15, "\(c.inside.quad) vs \(c.outside.quad)")
  }
}

@Test func synthMixEpisodesRaiseOneQuadClassOnly() throws {
  let contrasts = try episodeContrasts(.mix)
  #expect(Set(contrasts.map(\.episode.shiftedQuad)) == [1, 2, 3])
  for c in contrasts {
    let q = c.episode.shiftedQuad
    let rise = c.inside.share(quad: q) - c.outside.share(quad: q)
    #expect(rise >= 0.2, "quad \(q): \(c.inside.quad) vs \(c.outside.quad)")
    #expect(abs(c.volumeRatio - 1) <= 0.3, "×\(c.volumeRatio)")
  }
}

@Test func synthRootEpisodesMoveEventsToOneRootAndKeepTheQuadMix() throws {
  for c in try episodeContrasts(.root) {
    let shift = try #require(c.episode.rootShift)
    #expect(QuadClass(root: shift.root).index == shift.quad)
    let rise = c.inside.share(root: shift.root, of: shift.quad) - c.outside.share(root: shift.root, of: shift.quad)
    #expect(rise >= 0.3, "root \(shift.root): \(c.inside.root) vs \(c.outside.root)")
    #expect(c.quadShift < 0.1, "\(c.inside.quad) vs \(c.outside.quad)")
    #expect(abs(c.volumeRatio - 1) <= 0.3, "×\(c.volumeRatio)")
  }
}
