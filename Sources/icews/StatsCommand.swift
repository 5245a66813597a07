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
    abstract:
      "Summarize a shard folder: windows per split, groups, rejected rows, dropped windows, feature statistics.",
    discussion: """
      Feature statistics are those of the train frames the normalization was fitted on. \
      --features keeps the features whose names hold PATTERN (or match it as a glob with * and ?, \
      case ignored), --top N the N with the largest train variance, largest first. --groups \
      prints every group name, one a line, and nothing else.

      Examples:
        icews stats shards/
        icews stats shards/ --top 20
        icews stats shards/ --features 'root:*'
        icews stats shards/ --groups | grep -i russia
      """)

  @Argument(help: "Shard folder written by `icews run`.")
  var directory: String

  @Flag(help: "Print every group name, one a line, instead of the summary.")
  var groups = false

  @OptionGroup var filter: FeatureFilterOptions

  func validate() throws {
    if groups, filter.isFiltering {
      throw ValidationError("--groups prints only the groups; leave out --top and --features")
    }
  }

  func run() throws {
    let m = try openDataset(directory).manifest
    if groups {
      print(m.groups.joined(separator: "\n"))
      return
    }
    let n = m.normalization
    let shown = try filter.selection
      .indices(m.featureNames, ranking: n.std.map { Double($0) * Double($0) })
    var text = "pipeline       \(m.pipeline.name) (\(m.pipeline.inputFormat))\n"
    text +=
      "calendar       \(m.calendarStart.iso) … \(m.calendar.lastDay(max(0, m.dayCount - 1)).iso) (\(m.dayCount) "
      + "\(m.calendar.unitName))\n"
    text += "groups         \(m.groups.count): \(m.groups.prefix(8).joined(separator: ", "))"
    text += m.groups.count > 8 ? ", … (all: icews stats \(directory) --groups)\n" : "\n"
    text += "rows           read \(m.rows.read), rejected \(m.rows.rejected), duplicates \(m.rows.duplicates)\n"
    text +=
      "window         \(m.transforms.window.length) \(m.calendar.unitName), stride \(m.transforms.window.stride); "
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
    text += "\nfeature statistics over \(m.normalization.frameCount) train frames"
    if shown.count < m.featureCount {
      text += " (" + filter.describe(shown: shown.count, of: m.featureCount) + ")"
    }
    text += ":\n"
    let width = max(7, shown.map { m.featureNames[$0].count }.max() ?? 7)
    text +=
      "feature".padding(toLength: width, withPad: " ", startingAt: 0)
      + "        mean         std         min         max\n"
    for j in shown {
      text += m.featureNames[j].padding(toLength: width, withPad: " ", startingAt: 0)
      text += String(format: " %11.5g %11.5g %11.5g %11.5g\n", n.mean[j], n.std[j], n.min[j], n.max[j])
    }
    print(text, terminator: "")
  }
}
