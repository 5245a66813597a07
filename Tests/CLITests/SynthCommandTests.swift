import FixtureSupport
import Foundation
import Testing

@Test func synthEpisodeKindAndRateReachTheEpisodesFile() throws {
  let dir = try Fixtures.temporaryDirectory("cli-synth-kinds")
  let episodes = dir.appendingPathComponent("episodes.tsv")
  let result = try runIcews([
    "synth", "--rows", "2000", "--days", "800", "--countries", "5", "--seed", "3", "--episode-kind", "any",
    "--episode-rate", "4", "--episodes", episodes.path, "-o", dir.appendingPathComponent("dump.tsv").path,
  ])
  #expect(result.status == 0, "\(result.stderr)")
  let lines = try String(contentsOf: episodes, encoding: .utf8).split(separator: "\n")
  #expect(lines.first == "country\tstart\tend\tdays\tvolume_factor\tconflict_shift\tkind")
  #expect(lines.count == 1 + 8)
  let kinds = lines.dropFirst().map { $0.split(separator: "\t") }.map { $0.count == 7 ? String($0[6]) : "" }
  #expect(Set(kinds).isSubset(of: ["crisis", "volume", "mix", "root", "quiet"]) && Set(kinds).count > 1)
}

@Test func synthDefaultEpisodesAreOneCrisisPer400Days() throws {
  let plain = try runIcews(["synth", "--rows", "3000", "--days", "900", "--countries", "6", "-o", "-"])
  let explicit = try runIcews([
    "synth", "--rows", "3000", "--days", "900", "--countries", "6", "--episode-kind", "crisis",
    "--episode-rate", "1", "-o", "-",
  ])
  #expect(plain.status == 0 && explicit.status == 0)
  #expect(plain.stdout == explicit.stdout)
  #expect(plain.stderr.components(separatedBy: "planted crisis episode: ").count == 1 + 2)
}

@Test func synthRejectsAnUnknownKindAndARateOfZero() throws {
  let kind = try runIcews(["synth", "--rows", "10", "--episode-kind", "storm", "-o", "-"])
  #expect(kind.status != 0 && kind.stderr.contains("--episode-kind"), "\(kind.stderr)")
  let rate = try runIcews(["synth", "--rows", "10", "--episode-rate", "0", "-o", "-"])
  #expect(rate.status != 0 && rate.stderr.contains("--episode-rate must be a number above 0"), "\(rate.stderr)")
}

@Test func synthFormatChoosesTheShapeAndAnUnknownOneIsAUsageError() throws {
  let arguments = ["synth", "--rows", "50", "--days", "30", "--countries", "3", "--seed", "2", "-o", "-"]
  let icews = try runIcews(arguments)
  let explicit = try runIcews(arguments + ["--format", "icews"])
  #expect(icews.status == 0 && icews.stdout == explicit.stdout)
  let polecat = String(decoding: try runIcews(arguments + ["--format", "polecat"]).stdout, as: UTF8.self)
  #expect(polecat.hasPrefix("Event ID\tEvent Date\tEvent Type\tEvent Mode\tEvent Intensity\tQuad Code\tContexts\t"))
  let gdelt = String(decoding: try runIcews(arguments + ["--format", "gdelt"]).stdout, as: UTF8.self)
  let lines = gdelt.split(separator: "\n")
  #expect(lines.count == 50)
  #expect(lines.allSatisfy { $0.split(separator: "\t", omittingEmptySubsequences: false).count == 61 })
  let unknown = try runIcews(arguments + ["--format", "acled"])
  #expect(unknown.status == 2 && unknown.stderr.contains("--format"), "\(unknown.stderr)")
}
