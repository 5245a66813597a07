import FixtureSupport
import Foundation
import Testing

/// `icews synth --format F` into `dir/name` with the given extra arguments; fails the test on error.
private func synth(_ format: String, _ dir: URL, _ name: String, _ arguments: [String]) throws -> URL {
  let url = dir.appendingPathComponent(name)
  let result = try runIcews(["synth", "--format", format] + arguments + ["-o", url.path])
  #expect(result.status == 0, "\(result.stderr)")
  return url
}

/// The JSON object in `url`.
private func json(_ url: URL) throws -> [String: Any] {
  try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
}

/// A count of `icews run`'s summary (`  rows read      20000` → 20000).
private func summaryNumber(_ stderr: String, _ label: String) -> Int? {
  for line in stderr.split(separator: "\n") {
    let trimmed = line.trimmingCharacters(in: .whitespaces)
    guard trimmed.hasPrefix(label + " ") else { continue }
    return Int(trimmed.dropFirst(label.count).trimmingCharacters(in: .whitespaces).prefix { $0 != " " })
  }
  return nil
}

@Test(arguments: [
  ("polecat", "Pipelines/polecat-quad.yaml", "2023-01-01", "730"),
  ("polecat", "Pipelines/polecat-modes.yaml", "2023-01-01", "730"),
  ("gdelt", "Pipelines/gdelt-quad.yaml", "2018-01-01", "1826"),
])
func shippedPipelineRunsEndToEndOnASynthDumpOfItsSource(
  format: String, pipeline: String, start: String, days: String
) throws {
  let dir = try Fixtures.temporaryDirectory("cli-source-run")
  let episodes = dir.appendingPathComponent("episodes.tsv")
  let dump = try synth(
    format, dir, format == "gdelt" ? "20180101.export.CSV" : "ngecEvents.synth.txt",
    [
      "--rows", "30000", "--start", start, "--days", days, "--countries", "8", "--duplicates", "5", "--seed", "4",
      "--episodes", episodes.path,
    ])
  let out = dir.appendingPathComponent("shards")
  let run = try runIcews([
    "run", Fixtures.root.appendingPathComponent(pipeline).path, "--input", dump.path, "--out", out.path,
  ])
  #expect(run.status == 0, "\(run.stderr)")
  #expect(summaryNumber(run.stderr, "rows read") == 30000, "\(run.stderr)")
  #expect(summaryNumber(run.stderr, "rows rejected") == 0)
  #expect(summaryNumber(run.stderr, "duplicates") == 5)
  #expect(summaryNumber(run.stderr, "groups") == 8)
  let manifest = try json(out.appendingPathComponent("manifest.json"))
  let groups = try #require(manifest["groups"] as? [String])
  // Groups are the codes the format names countries by, and the episodes file uses the same names.
  #expect(groups.allSatisfy { $0.count == (format == "gdelt" ? 2 : 3) }, "\(groups)")
  let planted = try String(contentsOf: episodes, encoding: .utf8).split(separator: "\n").dropFirst()
  #expect(!planted.isEmpty)
  for line in planted { #expect(groups.contains(String(line.split(separator: "\t")[0])), "\(line)") }
  let windows = try #require(manifest["windows"] as? [String: Any])
  for split in ["train", "valid", "test"] {
    #expect((windows[split] as? Int ?? 0) > 0, "\(split): \(windows)")
  }
  let names = try #require(manifest["feature_names"] as? [String])
  if pipeline.hasSuffix("modes.yaml") { #expect(names.contains("mode:firearms") && names.contains("mode:(none)")) }
}

@Test func yearlyPolecatZipOfMonthlyMembersReadsEveryMember() throws {
  let dir = try Fixtures.temporaryDirectory("cli-polecat-zip")
  var members: [String] = []
  for (month, days) in [("01", 31), ("02", 28), ("03", 31)] {
    let name = "ngecEventsDV-2022-\(month).txt"
    _ = try synth(
      "polecat", dir, name,
      ["--rows", "2000", "--start", "2022-\(month)-01", "--days", "\(days)", "--countries", "6", "--seed", month])
    members.append(name)
  }
  let zip = Process()
  zip.executableURL = URL(fileURLWithPath: "/usr/bin/zip")
  zip.currentDirectoryURL = dir
  zip.arguments = ["-q", "ngecEventsDV-2022.txt.zip"] + members
  try zip.run()
  zip.waitUntilExit()
  try #require(zip.terminationStatus == 0)
  for member in members { try FileManager.default.removeItem(at: dir.appendingPathComponent(member)) }
  let out = dir.appendingPathComponent("frames")
  let frames = try runIcews([
    "frames", "--pipeline", Fixtures.root.appendingPathComponent("Pipelines/polecat-quad.yaml").path, "--input",
    dir.appendingPathComponent("ngecEventsDV-2022.txt.zip").path, "--out", out.path,
  ])
  #expect(frames.status == 0, "\(frames.stderr)")
  let summary = try json(out.appendingPathComponent("frames.json"))
  #expect(summary["rows_read"] as? Int == 6000)
  #expect(summary["rows_rejected"] as? Int == 0)
  #expect(summary["events"] as? Int == 6000)
  #expect(summary["start"] as? String == "2022-01-01")
  #expect(summary["days"] as? Int == 90)
}

@Test func aFolderOfManyFilesIsReadInDateOrderNamingEachFileOnStderr() throws {
  let dir = try Fixtures.temporaryDirectory("cli-file-progress")
  let folder = dir.appendingPathComponent("gdelt")
  try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  // Written out of date order: the folder is read in name order, which is date order.
  for day in ["03", "01", "02"] {
    _ = try synth(
      "gdelt", folder, "202001\(day).export.CSV",
      ["--rows", "500", "--start", "2020-01-\(day)", "--days", "1", "--countries", "4", "--seed", day])
  }
  let pipeline = Fixtures.root.appendingPathComponent("Pipelines/gdelt-quad.yaml").path
  let frames = try runIcews([
    "frames", "--pipeline", pipeline, "--input", folder.path, "--out", dir.appendingPathComponent("f").path,
  ])
  #expect(frames.status == 0, "\(frames.stderr)")
  let announced = frames.stderr.split(separator: "\n").map(String.init).filter { $0.hasPrefix("reading events  file ") }
  let expected = ["01", "02", "03"].enumerated().map { i, day in
    "reading events  file \(i + 1)/3 \(folder.path)/202001\(day).export.CSV"
  }
  #expect(announced == expected, "\(frames.stderr)")
  let glob = try runIcews([
    "frames", "--pipeline", pipeline, "--input", folder.path + "/20200102.*", "--out",
    dir.appendingPathComponent("g").path,
  ])
  #expect(glob.status == 0, "\(glob.stderr)")
  #expect(!glob.stderr.contains("file 1/1"), "one file needs no file progress: \(glob.stderr)")
}
