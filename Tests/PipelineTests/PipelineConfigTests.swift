import EventData
import FixtureSupport
import Foundation
import Frames
import Pipeline
import Support
import Testing

/// Parses `yaml` as if it were the file `Pipelines/test.yaml`.
func parse(_ yaml: String) throws -> PipelineConfig {
  try PipelineConfig.parse(yaml: yaml, file: "Pipelines/test.yaml")
}

/// The error parsing `yaml` throws, or nil.
func parseError(_ yaml: String) -> PipelineError? {
  do {
    _ = try parse(yaml)
    return nil
  } catch {
    return error as? PipelineError
  }
}

let minimal = """
  frames:
    features:
      - one_hot: quad_class
  """

@Test func defaultPipelineFileHas274FeaturesAndEveryKeyOfTheContract() throws {
  let config = try PipelineConfig.load(from: Fixtures.root.appendingPathComponent("Pipelines/icews-274.yaml"))
  #expect(config.name == "icews-274")
  #expect(config.inputFormat == .icews)
  #expect(config.onBadRow == .reject)
  #expect(config.groupBy == .country)
  #expect(FrameSchema.width(of: config.features) == 274)
  #expect(config.features[2] == .multiHot(.sourceSectors, topK: 124, other: true))
  #expect(config.split?.trainEnd == Day(iso: "2014-12-31"))
  #expect(config.split?.validEnd == Day(iso: "2018-12-31"))
  #expect(config.normalize == .zscore)
  #expect(config.difference.order == 1 && config.difference.scope == .window)
  #expect(config.window.length == 14 && config.window.stride == 14)
  #expect(config.shards.dtype == .float32 && config.shards.zstdLevel == 3)
  #expect(config.sourceText?.contains("top_k: 124") == true)
}

@Test func quad5IsIntensityThenTheFourQuadClasses() throws {
  let config = try PipelineConfig.load(from: Fixtures.root.appendingPathComponent("Pipelines/quad5.yaml"))
  #expect(
    config.features == [
      .numeric(.intensity, agg: .mean, scale: -10...10, transform: .none, fill: 0.5), .oneHot(.quadClass),
    ])
  #expect(FrameSchema.width(of: config.features) == 5)
}

@Test func absentKeysTakeTheDocumentedDefaults() throws {
  let config = try parse(minimal)
  #expect(config.name == "test")
  #expect(config.split == nil)
  #expect(config.fitEnd == nil)
  #expect(config.groupBy == .country)
  #expect(config.onBadRow == .reject)
  #expect(config.difference.order == 1)
  #expect(config.window.length == 14)
}

@Test func featureDefaultsAreOtherTrueMeanFillZero() throws {
  let config = try parse(
    """
    frames:
      features:
        - multi_hot: target_sectors
          top_k: 3
        - numeric: intensity
        - numeric: event_count
          transform: log1p
    """)
  #expect(
    config.features == [
      .multiHot(.targetSectors, topK: 3, other: true),
      .numeric(.intensity, agg: .mean, scale: nil, transform: .none, fill: 0),
      .numeric(.eventCount, agg: .sum, scale: nil, transform: .log1p, fill: 0),
    ])
}

@Test func unknownKeyIsAnErrorNamingTheKeyPathAndFile() throws {
  let error = try #require(parseError(minimal + "\nwindow:\n  lenght: 7\n"))
  #expect(error.code == .invalidConfig)
  #expect(error.keyPath == "window.lenght")
  #expect(error.line == 5)
  #expect(error.description.hasPrefix("Pipelines/test.yaml:5: window.lenght: unknown key"))
}

@Test func unknownFeatureKeyNamesItsIndex() throws {
  let error = try #require(
    parseError(
      """
      frames:
        features:
          - one_hot: quad_class
          - multi_hot: source_sectors
            top_k: 5
            others: true
      """))
  #expect(error.keyPath == "frames.features[1].others")
}

@Test func badValuesAreErrorsNamingKeyFileAndWhatWasExpected() throws {
  let cases: [(String, String, String)] = [
    (
      "frames:\n  features:\n    - one_hot: quad_class\n    - multi_hot: source_sectors\n      top_k: 0\n",
      "frames.features[1].top_k", "expected a positive integer"
    ),
    (minimal + "\nnormalize: l2\n", "normalize", "expected one of zscore | minmax | none"),
    (minimal + "\nframes2: 1\n", "frames2", "unknown key"),
    (minimal + "\nsplit:\n  train_end: 2014-02-30\n  valid_end: 2015-01-01\n", "split.train_end", "expected a date"),
    (minimal + "\nsplit:\n  train_end: 2016-01-01\n  valid_end: 2015-01-01\n", "split.valid_end", "must not be before"),
    (minimal + "\nsplit:\n  train_end: 2016-01-01\n", "split.valid_end", "missing"),
    (minimal + "\ndifference:\n  order: 2\n", "difference.order", "expected 0 (none) or 1"),
    (minimal + "\ninput:\n  on_bad_row: skip\n", "input.on_bad_row", "expected one of reject | fail"),
    (
      "frames:\n  features:\n    - numeric: intensity\n      scale: [10, -10]\n", "frames.features[0].scale",
      "low must be below high"
    ),
    (
      "frames:\n  features:\n    - numeric: intensity\n      transform: log1p\n", "frames.features[0].transform",
      "event_count and mentions only"
    ),
    (
      "frames:\n  features:\n    - one_hot: quad_class\n    - one_hot: quad_class\n", "frames.features[1]",
      "already listed"
    ),
    (
      "frames:\n  group_by: city\n  features:\n    - one_hot: quad_class\n", "frames.group_by",
      "expected one of country"
    ),
    ("name: x\n", "frames.features", "missing"),
  ]
  for (yaml, keyPath, message) in cases {
    let error = try #require(parseError(yaml), "no error for: \(yaml)")
    #expect(error.keyPath == keyPath, "\(error)")
    #expect(error.description.contains(message), "\(error)")
    #expect(error.description.hasPrefix("Pipelines/test.yaml:"), "\(error)")
  }
}

@Test func brokenYAMLAndMissingFileNameTheFile() throws {
  let broken = try #require(parseError("frames: [unclosed\n"))
  #expect(broken.code == .unreadableConfig)
  #expect(broken.description.hasPrefix("Pipelines/test.yaml"))
  let dir = try Fixtures.temporaryDirectory("config")
  let missing = dir.appendingPathComponent("nope.yaml")
  #expect {
    try PipelineConfig.load(from: missing)
  } throws: { error in
    (error as? PipelineError)?.description.contains("nope.yaml") == true
  }
}

@Test func canonicalJSONIsEqualForFilesThatMeanTheSamePipeline() throws {
  let a = try parse(minimal)
  let b = try parse(
    "# same, spelled out\nname: test\ninput: {format: icews, on_bad_row: reject}\n" + minimal + "\nnormalize: zscore\n")
  #expect(a.canonicalJSON == b.canonicalJSON)
  #expect(a.canonicalJSON.contains("\"features\":[{\"one_hot\":\"quad_class\"}]"))
  let c = try parse(minimal + "\nnormalize: none\n")
  #expect(a.canonicalJSON != c.canonicalJSON)
}

/// Issue 12's crash sites: sizes that used to abort (top_k Int.max), trap (window.length 4.6e18) or
/// allocate gigabytes (window.length 2^31) are refused at parse time, naming the key and the limit.
@Test func sizesBeyondTheCalendarOrTheFeatureCapAreRefusedWhenParsed() throws {
  let cases: [(String, String)] = [
    (
      "frames:\n  features:\n    - multi_hot: source_sectors\n      top_k: 9223372036854775807\n",
      "frames.features[0].top_k"
    ),
    ("frames:\n  features:\n    - multi_hot: source_sectors\n      top_k: 100001\n", "frames.features[0].top_k"),
    (minimal + "\nwindow:\n  length: 4600000000000000000\n", "window.length"),
    (minimal + "\nwindow:\n  length: 2147483648\n", "window.length"),
    (minimal + "\nwindow:\n  length: 73050\n", "window.length"),
    (minimal + "\nwindow:\n  length: 14\n  stride: 9223372036854775807\n", "window.stride"),
  ]
  for (yaml, keyPath) in cases {
    let error = try #require(throws: PipelineError.self) { try parse(yaml) }
    #expect(error.keyPath == keyPath)
    #expect("\(error)".contains("Pipelines/test.yaml"))
    #expect("\(error)".contains("up to"))
  }
  // the limits themselves are accepted
  let longest = try parse(minimal + "\nwindow:\n  length: \(PipelineConfig.maxWindowDays)\n")
  #expect(longest.window.length == 73_049)
  let widest = try parse("frames:\n  features:\n    - multi_hot: source_sectors\n      top_k: 100000\n")
  #expect(widest.features.count == 1)
}

/// Issue 12: 10,000 repeated numeric features took 40 s to build before failing; a list longer than
/// the limit is refused before any feature is read, and the same numeric feature twice at its second listing.
@Test func aLongOrRepeatedFeatureListIsRefusedNamingLineAndKey() throws {
  let repeated = String(repeating: "    - numeric: event_count\n", count: 10_000)
  let started = Date()
  let error = try #require(throws: PipelineError.self) { try parse("frames:\n  features:\n" + repeated) }
  #expect(Date().timeIntervalSince(started) < 5)
  #expect(error.keyPath == "frames.features[100]")
  #expect("\(error)".hasPrefix("Pipelines/test.yaml:103: frames.features[100]:"), "\(error)")
  #expect("\(error)".contains("at most 100"))

  let pair = "frames:\n  features:\n" + String(repeating: "    - numeric: event_count\n", count: 2)
  let twice = try #require(parseError(pair))
  #expect(twice.keyPath == "frames.features[1]")
  #expect("\(twice)".hasPrefix("Pipelines/test.yaml:4: frames.features[1]:"), "\(twice)")
  #expect("\(twice)".contains("already listed as frames.features[0]"))
  // the documented repeat, mean and max of one field, stays allowed
  let meanAndMax = try parse(
    "frames:\n  features:\n    - numeric: intensity\n      agg: mean\n    - numeric: intensity\n      agg: max\n")
  #expect(meanAndMax.features.count == 2)
}

@Test func featuresMakingMoreColumnsThanAFrameHoldsAreRefused() throws {
  let fields = ["source_sectors", "target_sectors", "contexts"]
  var yaml = "frames:\n  features:\n"
  for field in fields { yaml += "    - multi_hot: \(field)\n      top_k: 100000\n" }
  let error = try #require(throws: PipelineError.self) { try parse(yaml) }
  #expect(error.keyPath == "frames.features")
  #expect("\(error)".contains("300003 columns; a frame holds at most 200000"), "\(error)")
}
