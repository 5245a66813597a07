import EventData
import FixtureSupport
import Foundation
import Frames
import Pipeline
import Support
import Testing

/// Reads a float32 `.npy` file: its shape and values.
func readNPY(_ url: URL) throws -> (shape: [Int], values: [Float]) {
  let bytes = [UInt8](try Data(contentsOf: url))
  let header = try #require(NPYFormat.parseHeader(bytes))
  #expect(header.dtype == .float32)
  let payload = bytes[header.payloadOffset...]
  let values = stride(from: payload.startIndex, to: payload.endIndex, by: 4).map { i in
    Float(
      bitPattern: UInt32(payload[i]) | UInt32(payload[i + 1]) << 8 | UInt32(payload[i + 2]) << 16 | UInt32(
        payload[i + 3]) << 24)
  }
  return (header.shape, values)
}

/// `Fixtures/frames/small.expected.json`, the frames of `small.tab` worked out by hand.
struct ExpectedFrames: Decodable {
  var features: [String]
  var groups: [String]
  var start: String
  var days: Int
  var rows_read: Int
  var rows_rejected: Int
  var duplicates: Int
  var rejected_lines: [Int]
  var vocabularies: [String: [String]]
  var frames: [String: [[Double]]]

  static func load() throws -> ExpectedFrames {
    try JSONDecoder().decode(ExpectedFrames.self, from: Data(contentsOf: Fixtures.url("frames/small.expected.json")))
  }
}

@Test func smallFixtureGivesTheHandComputedFrames() throws {
  let expected = try ExpectedFrames.load()
  let config = try PipelineConfig.load(from: Fixtures.url("frames/small.yaml"))
  let out = try Fixtures.temporaryDirectory("frames-small")
  let job = FramesJob(config: config, inputs: [Fixtures.url("frames/small.tab").path], outputDirectory: out)
  let manifest = try job.run()

  #expect(manifest.features == expected.features)
  #expect(manifest.groups == expected.groups)
  #expect(manifest.start.iso == expected.start)
  #expect(manifest.days == expected.days)
  #expect(manifest.rows.read == expected.rows_read)
  #expect(manifest.rows.rejected == expected.rows_rejected)
  #expect(manifest.rows.duplicates == expected.duplicates)
  #expect(manifest.vocabularies.sourceSectors == expected.vocabularies["source_sectors"])

  let (shape, values) = try readNPY(job.npyURL)
  let width = expected.features.count
  #expect(shape == [expected.groups.count * expected.days, width])
  for (g, group) in expected.groups.enumerated() {
    let rows = try #require(expected.frames[group])
    for (day, row) in rows.enumerated() {
      let actual = Array(values[(g * expected.days + day) * width..<(g * expected.days + day + 1) * width])
      for (column, value) in row.enumerated() {
        #expect(abs(Double(actual[column]) - value) < 1e-6, "\(group) day \(day) \(expected.features[column])")
      }
    }
  }
}

@Test func rejectedRowsLandInRejectsTSVWithFileLineReasonRaw() throws {
  let expected = try ExpectedFrames.load()
  let config = try PipelineConfig.load(from: Fixtures.url("frames/small.yaml"))
  let out = try Fixtures.temporaryDirectory("frames-rejects")
  let input = Fixtures.url("frames/small.tab").path
  let job = FramesJob(config: config, inputs: [input], outputDirectory: out)
  _ = try job.run()
  let lines = try String(contentsOf: job.rejectsURL, encoding: .utf8).split(separator: "\n")
  #expect(lines.first == "file\tline\treason\traw")
  #expect(lines.count == 1 + expected.rejected_lines.count)
  let fields = lines[1].split(separator: "\t", omittingEmptySubsequences: false)
  #expect(fields[0] == input)
  #expect(Int(fields[1]) == expected.rejected_lines[0])
  #expect(fields[3].hasPrefix("11"))
}

@Test func failPolicyStopsAtTheFirstBadRowWithFileAndLine() throws {
  var config = try PipelineConfig.load(from: Fixtures.url("frames/small.yaml"))
  config.onBadRow = .fail
  let out = try Fixtures.temporaryDirectory("frames-fail")
  let input = Fixtures.url("frames/small.tab").path
  #expect {
    try FramesJob(config: config, inputs: [input], outputDirectory: out).run()
  } throws: { error in
    "\(error)".hasPrefix("\(input):7: ")
  }
}

@Test func sameEventsInEveryLayoutAndContainerGiveByteIdenticalFrames() throws {
  let config = try PipelineConfig.load(from: Fixtures.root.appendingPathComponent("Pipelines/icews-274.yaml"))
  let files = [
    "classic.tab", "dataverse-quoted.tab", "rerelease-2017.tab", "government.tab",
    "classic-gzip.tsv", "classic.tab.zst", "classic.zip",
  ]
  var reference: Data?
  for file in files {
    let out = try Fixtures.temporaryDirectory("frames-layout")
    let job = FramesJob(config: config, inputs: [Fixtures.url("icews/\(file)").path], outputDirectory: out)
    let manifest = try job.run()
    #expect(manifest.rows.rejected == 0, "\(file)")
    #expect(manifest.events > 0, "\(file)")
    let bytes = try Data(contentsOf: job.npyURL)
    if let reference {
      #expect(bytes == reference, "\(file) differs from classic.tab")
    } else {
      reference = bytes
    }
  }
}

@Test func frozenVocabulariesEncodeNewInputIntoTheSameColumns() throws {
  let config = try PipelineConfig.load(from: Fixtures.url("frames/small.yaml"))
  let first = try FramesJob(
    config: config, inputs: [Fixtures.url("frames/small.tab").path],
    outputDirectory: try Fixtures.temporaryDirectory("frames-fit")
  ).run()
  // The ICEWS fixture has other sectors; with the frozen vocabulary its columns stay those of small.tab.
  let second = try FramesJob(
    config: config, inputs: [Fixtures.url("icews/classic.tab").path],
    outputDirectory: try Fixtures.temporaryDirectory("frames-reuse"), frozen: first.vocabularies
  ).run()
  #expect(second.features == first.features)
  #expect(second.vocabularies == first.vocabularies)
}

@Test func framesJSONKeepsFlatRowCountKeysAndReadsBackAsTheManifest() throws {
  let config = try PipelineConfig.load(from: Fixtures.url("frames/small.yaml"))
  let out = try Fixtures.temporaryDirectory("frames-json-rows")
  let job = FramesJob(config: config, inputs: [Fixtures.url("frames/small.tab").path], outputDirectory: out)
  let manifest = try job.run()
  let data = try Data(contentsOf: job.manifestURL)

  let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
  #expect(object["rows_read"] as? Int == manifest.rows.read)
  #expect(object["rows_rejected"] as? Int == manifest.rows.rejected)
  #expect(object["duplicates"] as? Int == manifest.rows.duplicates)
  #expect(object["rows"] == nil)
  #expect(try JSONDecoder().decode(FramesManifest.self, from: data) == manifest)
}
