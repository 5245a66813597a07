import ArgumentParser
import EventData
import Foundation
import Shards
import Support
import Transforms

/// `icews stats`: what a shard folder holds, from its manifest.
struct StatsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "stats",
    abstract: "Summarize a shard folder: windows per split, groups, rejected rows, dropped windows, feature statistics.",
    discussion: """
      Feature statistics are those of the train frames the normalization was fitted on.

      Example:
        icews stats shards/
      """)

  @Argument(help: "Shard folder written by `icews run`.")
  var directory: String

  func run() throws {
    let m = try openDataset(directory).manifest
    var text = "pipeline       \(m.pipeline.name) (\(m.pipeline.inputFormat))\n"
    text += "calendar       \(m.calendarStart.iso) … \(m.calendar.lastDay(max(0, m.dayCount - 1)).iso) (\(m.dayCount) \(m.calendar.unitName))\n"
    text += "groups         \(m.groups.count): \(m.groups.prefix(8).joined(separator: ", "))\(m.groups.count > 8 ? ", …" : "")\n"
    text += "rows           read \(m.rows.read), rejected \(m.rows.rejected), duplicates \(m.rows.duplicates)\n"
    text += "window         \(m.transforms.window.length) \(m.calendar.unitName), stride \(m.transforms.window.stride); "
    text += "difference order \(m.transforms.difference.order) scope \(m.transforms.difference.scope.rawValue); "
    text += "normalize \(m.normalization.method.rawValue)\n"
    if let split = m.transforms.split {
      text += "split          train ≤ \(split.trainEnd.iso) < valid ≤ \(split.validEnd.iso) < test\n"
    } else {
      text += "split          none (everything is train)\n"
    }
    for split in SplitName.allCases {
      let s = m.splits[split]
      let bytes = s.shards.reduce(0) { $0 + $1.bytes }
      text += split.rawValue.padding(toLength: 15, withPad: " ", startingAt: 0)
      text += "\(s.windows) windows in \(s.shards.count) shards, "
      text += String(format: "%.2f MiB (%.2f MiB uncompressed)\n", mib(bytes), mib(s.uncompressedBytes))
    }
    text += "dropped        \(m.windows.droppedPartial) trailing partial, \(m.windows.droppedStraddling) straddling\n"
    text += "\nfeature statistics over \(m.normalization.frameCount) train frames:\n"
    let width = min(32, max(7, m.featureNames.map(\.count).max() ?? 7))
    text += "feature".padding(toLength: width, withPad: " ", startingAt: 0) + "        mean         std         min         max\n"
    let n = m.normalization
    for (j, name) in m.featureNames.enumerated() {
      text += String(name.prefix(width)).padding(toLength: width, withPad: " ", startingAt: 0)
      text += String(format: " %11.5g %11.5g %11.5g %11.5g\n", n.mean[j], n.std[j], n.min[j], n.max[j])
    }
    print(text, terminator: "")
  }
}
