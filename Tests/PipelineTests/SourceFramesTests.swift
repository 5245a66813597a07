import EventData
import FixtureSupport
import Foundation
import Frames
import Pipeline
import Testing

/// Frames of `group` (row-major days × features) built from fixture files with a shipped pipeline.
private func frames(_ pipeline: String, _ inputs: [String]) throws -> AggregatedFrames {
  let config = try PipelineConfig.load(from: Fixtures.root.appendingPathComponent("Pipelines/\(pipeline)"))
  let dir = try Fixtures.temporaryDirectory("source-frames")
  return try buildFrames(
    config: config, inputs: inputs.map { Fixtures.url($0).path }, rejectsURL: dir.appendingPathComponent("rejects.tsv")
  ).frames
}

private func series(_ frames: AggregatedFrames, _ group: String) throws -> [[Float]] {
  let g = try #require(frames.groups.firstIndex(of: group))
  let width = frames.featureNames.count
  var buffer = [Float](repeating: .nan, count: frames.dayCount * width)
  try buffer.withUnsafeMutableBufferPointer { try frames.materialize(group: g, into: $0) }
  return (0..<frames.dayCount).map { Array(buffer[$0 * width..<($0 + 1) * width]) }
}

private func expectClose(_ got: [Float], _ want: [Float], _ label: String) {
  #expect(got.count == want.count, "\(label)")
  for (i, (a, b)) in zip(got, want).enumerated() {
    #expect(abs(a - b) < 1e-6, "\(label) column \(i): \(a) vs \(b)")
  }
}

@Test func polecatFramesMatchHandComputedValues() throws {
  let f = try frames("polecat-quad.yaml", ["polecat/weekly.txt"])
  #expect(f.groups == ["MLI", "NGA"])
  #expect(f.dayCount == 2)
  // intensity, 4 quads, 16 types, 32 contexts + other.
  #expect(f.featureNames.count == 1 + 4 + 16 + 33)
  #expect(
    Array(f.featureNames[21..<26]) == [
      "ctx:military", "ctx:disaster", "ctx:economic", "ctx:human_rights", "ctx:terrorism",
    ])
  func row(intensity: Float, quads: [Float], types: [Int: Float], contexts: [Int: Float]) -> [Float] {
    var r = [(intensity + 10) / 20] + quads + [Float](repeating: 0, count: 16 + 33)
    for (t, v) in types { r[5 + t] = v }
    for (c, v) in contexts { r[21 + c] = v }
    return r
  }
  let third: Float = 1 / 3
  let nga = try series(f, "NGA")
  // 2023-01-03: ASSAULT -8 (military; terrorism), PROTEST -3.5 (economic), CONSULT 1 (no contexts).
  expectClose(
    nga[0],
    row(
      intensity: -3.5, quads: [third, 0, 0, 2 * third], types: [1: third, 11: third, 15: third],
      contexts: [0: third, 2: third, 4: third]), "NGA 2023-01-03")
  expectClose(nga[1], row(intensity: 0, quads: [0, 0, 0, 0], types: [:], contexts: [:]), "NGA 2023-01-04 (no events)")
  // 2023-01-04: ACCUSE -2 (human_rights; military), AID 4.5 (disaster).
  let mli = try series(f, "MLI")
  expectClose(
    mli[1],
    row(intensity: 1.25, quads: [0, 0.5, 0.5, 0], types: [8: 0.5, 5: 0.5], contexts: [0: 0.5, 1: 0.5, 3: 0.5]),
    "MLI 2023-01-04")
}

@Test func gdeltFramesMatchHandComputedValuesInEitherVersion() throws {
  for file in ["gdelt/20150218.export.CSV", "gdelt/20150218000000.export.CSV"] {
    let f = try frames("gdelt-quad.yaml", [file])
    #expect(f.groups == ["RS", "UP"])
    #expect(f.featureNames.count == 1 + 4 + 20 + 1 + 1)
    #expect(f.featureNames.last == "mentions")
    func row(goldstein: Float, quads: [Float], roots: [Int: Float], events: Float, mentions: Float) -> [Float] {
      var r = [(goldstein + 10) / 20] + quads + [Float](repeating: 0, count: 20)
      for (root, v) in roots { r[5 + root - 1] = v }
      return r + [Float(log1p(Double(events))), Float(log1p(Double(mentions)))]
    }
    let up = try series(f, "UP")
    // 2015-02-18: 190 (quad 4, -10, 3 mentions) and 0231 (quad 1, 3.4, 2 mentions).
    expectClose(
      up[0], row(goldstein: -3.3, quads: [0.5, 0, 0, 0.5], roots: [2: 0.5, 19: 0.5], events: 2, mentions: 5),
      "\(file) UP 02-18")
    // 2015-02-19: 0874 (quad 2, 9.0, 1 mention).
    expectClose(
      up[1], row(goldstein: 9, quads: [0, 1, 0, 0], roots: [8: 1], events: 1, mentions: 1), "\(file) UP 02-19")
    let rs = try series(f, "RS")
    expectClose(
      rs[0], row(goldstein: 4, quads: [1, 0, 0, 0], roots: [3: 1], events: 1, mentions: 10), "\(file) RS 02-18")
  }
}

@Test func aFeatureTheSourceDoesNotHaveIsAConfigurationError() throws {
  let dir = try Fixtures.temporaryDirectory("source-features")
  let url = dir.appendingPathComponent("p.yaml")
  try "name: p\ninput:\n  format: gdelt\nframes:\n  features:\n    - multi_hot: source_sectors\n      top_k: 4\n"
    .write(to: url, atomically: true, encoding: .utf8)
  #expect {
    _ = try PipelineConfig.load(from: url)
  } throws: { error in
    "\(error)".contains("source_sectors is not in gdelt events")
  }
}

@Test func polecatEventModeIsOneHotOverThePloverModesWithNoneAndOther() throws {
  let dir = try Fixtures.temporaryDirectory("source-modes")
  let url = dir.appendingPathComponent("modes.yaml")
  try "name: modes\ninput:\n  format: polecat\nframes:\n  features:\n    - one_hot: event_mode\n"
    .write(to: url, atomically: true, encoding: .utf8)
  let config = try PipelineConfig.load(from: url)
  let f = try buildFrames(
    config: config, inputs: [Fixtures.url("polecat/modes.txt").path],
    rejectsURL: dir.appendingPathComponent("rejects.tsv")
  ).frames
  #expect(f.featureNames.count == 57 + 2)
  #expect(f.featureNames.first == "mode:visit" && f.featureNames.suffix(2) == ["mode:(none)", "mode:(other)"])
  let row = try series(f, "NGA")[0]
  // firearms, Strike-Gen (case ignored), None, airstrike (no PLOVER mode), `demo; riot` (the first).
  var want = [Float](repeating: 0, count: 59)
  for name in ["mode:firearms", "mode:strike-gen", "mode:(none)", "mode:(other)", "mode:demo"] {
    want[try #require(f.featureNames.firstIndex(of: name))] = 0.2
  }
  expectClose(row, want, "NGA 2023-01-05")
}

@Test func eventModeIsOfferedByPolecatOnly() throws {
  let dir = try Fixtures.temporaryDirectory("source-mode-features")
  for format in ["icews", "gdelt"] {
    let url = dir.appendingPathComponent("\(format).yaml")
    try "name: p\ninput:\n  format: \(format)\nframes:\n  features:\n    - one_hot: event_mode\n"
      .write(to: url, atomically: true, encoding: .utf8)
    #expect {
      _ = try PipelineConfig.load(from: url)
    } throws: { error in
      "\(error)".contains("event_mode is not in \(format) events")
    }
  }
}
