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
}
