import FixtureSupport
import Foundation
import Testing

/// An output path that cannot be written is a one-line error naming it and why, with exit 1.
@Suite struct OutputFileErrorTests {
  @Test func scoreAndReconstructNameAMissingFolderOrAFolderGivenAsFile() throws {
    let (shards, model) = try anomalyShardsAndModel()
    let missing = try Fixtures.temporaryDirectory("cli-out-missing").appendingPathComponent("no/such/scores.csv").path
    let score = try runIcews(["score", shards.path, "--model", model.path, "-o", missing])
    #expect(score.status == 1)
    #expect(score.stderr.contains("\(missing): cannot write the scores: folder "), "\(score.stderr)")
    #expect(!score.stderr.contains("NSCocoaErrorDomain"))

    let folder = try Fixtures.temporaryDirectory("cli-out-folder").path
    let plot = try runIcews([
      "reconstruct", shards.path, "--model", model.path, "--split", "test", "--index", "0", "--plot", folder,
    ])
    #expect(plot.status == 1)
    #expect(plot.stderr.contains("\(folder): cannot write the plot: it is a folder"), "\(plot.stderr)")
  }

  @Test func runAndFramesSayAnOutFileIsNotAFolder() throws {
    let file = try Fixtures.temporaryDirectory("cli-out-file").appendingPathComponent("afile").path
    #expect(FileManager.default.createFile(atPath: file, contents: Data("x".utf8)))
    let run = try runIcews([
      "run", Fixtures.url("shards/sensors.yaml").path, "--input", Fixtures.url("shards/sensors.csv").path, "--out",
      file,
    ])
    let frames = try runIcews([
      "frames", "--pipeline", Fixtures.url("frames/small.yaml").path, "--input", Fixtures.url("frames/small.tab").path,
      "--out", file,
    ])
    for result in [run, frames] {
      #expect(result.status == 1)
      #expect(result.stderr.contains("\(file): exists and is not a folder"), "\(result.stderr)")
      #expect(!result.stderr.contains("NSCocoaErrorDomain"))
    }
    #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == Data("x".utf8), "the file is left alone")
  }

  @Test func exportNamesItsOutputFileNotAShard() throws {
    let shards = try runSensors()
    let missing = try Fixtures.temporaryDirectory("cli-export-missing").appendingPathComponent("no/x.npy").path
    let result = try runIcews(["export", shards.path, "--split", "train", "--format", "npy", "-o", missing])
    #expect(result.status == 1)
    #expect(result.stderr.contains("\(missing): cannot create the output file"), "\(result.stderr)")
    #expect(!result.stderr.contains("shard"), "\(result.stderr)")
  }

  @Test func synthFailsOnABadOutputBeforeListingEpisodesAndNamesThePathOnce() throws {
    let missing = try Fixtures.temporaryDirectory("cli-synth-missing").appendingPathComponent("no/a.tab").path
    let result = try runIcews(["synth", "--rows", "100", "--days", "2000", "--countries", "8", "-o", missing])
    #expect(result.status == 1)
    #expect(result.stderr.components(separatedBy: missing).count == 2, "path once: \(result.stderr)")
    #expect(result.stderr.contains("does not exist"), "\(result.stderr)")
    #expect(!result.stderr.contains("planted"), "\(result.stderr)")
  }
}
