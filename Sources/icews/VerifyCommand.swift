import ArgumentParser
import Foundation
import Shards

/// `icews verify`: decode every block of every shard and check every checksum.
struct VerifyCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "verify",
    abstract: "Check every block of every shard against its checksums and the manifest.",
    discussion: """
      Exits 0 when all is intact; otherwise prints the shard and block at fault and exits 1.

      Examples:
        icews verify shards/
        icews verify shards/ && icews train shards/ -o model.safetensors
      """)

  @Argument(help: "Shard folder written by `icews run`.")
  var directory: String

  func run() throws {
    let dataset = try openDataset(directory)
    let bar = ProgressBar()
    defer { bar.finish() }
    let blocks = try dataset.verify { done, total in
      bar.update(.init(stage: "verifying", done: done, total: total, unit: "shards"))
    }
    bar.finish()
    let m = dataset.manifest
    let shards = m.splits.train.shards.count + m.splits.valid.shards.count + m.splits.test.shards.count
    print(
      "ok: \(shards) shards, \(blocks) blocks, \(m.windows.train + m.windows.valid + m.windows.test) windows intact")
  }
}
