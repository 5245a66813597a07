import EventData
import Foundation
import Frames
import Shards
import Support
import Transforms
import Yams

extension PipelineConfig {
  /// Reads and validates a pipeline file. Errors name the file, line and key path
  /// (`Pipelines/x.yaml:12: frames.features[2].top_k: expected a positive integer, got 0`).
  public static func load(from url: URL) throws -> PipelineConfig {
    let file = url.relativePath
    let text: String
    do {
      text = try String(contentsOf: url, encoding: .utf8)
    } catch {
      throw PipelineError(
        .unreadableConfig, file: file, "cannot read the pipeline file (missing, unreadable or not UTF-8)")
    }
    return try parse(yaml: text, file: file)
  }

  /// Parses pipeline YAML; `file` is the name errors carry.
  public static func parse(yaml text: String, file: String) throws -> PipelineConfig {
    let root: Node?
    do {
      root = try Yams.compose(yaml: text)
    } catch let error as YamlError {
      throw PipelineError(.unreadableConfig, file: file, "not valid YAML: \(error)")
    }
    guard let root else {
      throw PipelineError(.invalidConfig, file: file, "the file is empty; copy Pipelines/icews-274.yaml to start")
    }
    var config = try PipelineYAML(file: file).config(root, defaultName: defaultName(file))
    config.sourceText = text
    return config
  }

  private static func defaultName(_ file: String) -> String {
    let base = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
    return base.isEmpty ? "pipeline" : base
  }
}

/// Walks the YAML node tree key by key, so every unknown key and bad value names its path.
private struct PipelineYAML {
  let file: String

  func config(_ root: Node, defaultName: String) throws -> PipelineConfig {
    let top = try mapping(
      root, "",
      keys: ["name", "input", "frames", "split", "normalize", "difference", "window", "shards"])
    var config = PipelineConfig(name: defaultName, features: [])
    if let node = top["name"] { config.name = try string(node, "name") }

    if let node = top["input"] {
      let input = try mapping(node, "input", keys: ["format", "on_bad_row"])
      if let v = input["format"] { config.inputFormat = try choice(v, "input.format") }
      if let v = input["on_bad_row"] { config.onBadRow = try choice(v, "input.on_bad_row") }
    }

    if let node = top["frames"] {
      let frames = try mapping(node, "frames", keys: ["group_by", "period", "features"])
      if let v = frames["group_by"] { config.groupBy = try choice(v, "frames.group_by") }
      if let v = frames["period"] {
        config.period = try choice(v, "frames.period")
        if config.inputFormat.eventSource == nil && config.period != .day {
          throw error(v, "frames.period", "frames-csv rows are already frames; period applies to icews input only")
        }
      }
      if let v = frames["features"] { config.features = try features(v, "frames.features") }
    }
    if config.inputFormat.eventSource != nil && config.features.isEmpty {
      throw error(
        top["frames"] ?? root, "frames.features",
        "missing: \(config.inputFormat.rawValue) input needs at least one feature "
          + "(see Pipelines/\(config.inputFormat == .icews ? "icews-274" : config.inputFormat.rawValue + "-quad").yaml)"
      )
    }
    for (i, feature) in config.features.enumerated() {
      let name: String
      switch feature {
      case .oneHot(let field): name = field.rawValue
      case .multiHot(let field, _, _): name = field.rawValue
      case .numeric(let field, _, _, _, _): name = field.rawValue
      }
      let offered = config.inputFormat.offeredFeatures
      if !offered.isEmpty, !offered.contains(name) {
        throw error(
          top["frames"] ?? root, "frames.features[\(i)]",
          "\(name) is not in \(config.inputFormat.rawValue) events; they offer \(offered.joined(separator: ", "))")
      }
    }

    if let node = top["split"], !isNull(node) {
      let split = try mapping(node, "split", keys: ["train_end", "valid_end"], required: ["train_end", "valid_end"])
      let trainEnd = try day(split["train_end"]!, "split.train_end")
      let validEnd = try day(split["valid_end"]!, "split.valid_end")
      guard trainEnd <= validEnd else {
        throw error(split["valid_end"]!, "split.valid_end", "must not be before split.train_end (\(trainEnd))")
      }
      config.split = SplitSettings(trainEnd: trainEnd, validEnd: validEnd)
    }

    if let v = top["normalize"] { config.normalize = try choice(v, "normalize") }

    if let node = top["difference"] {
      let difference = try mapping(node, "difference", keys: ["order", "scope"])
      if let v = difference["order"] {
        config.difference.order = try integer(v, "difference.order", in: 0...1, expected: "0 (none) or 1")
      }
      if let v = difference["scope"] { config.difference.scope = try choice(v, "difference.scope") }
    }

    if let node = top["window"] {
      let window = try mapping(node, "window", keys: ["length", "stride"])
      // No window can be longer than the calendar every input is held to (Day.plausibleRange).
      let days = PipelineConfig.maxWindowDays
      if let v = window["length"] {
        config.window.length = try integer(
          v, "window.length", in: 1...days, expected: "a positive integer up to \(days)")
      }
      if let v = window["stride"] {
        config.window.stride = try integer(
          v, "window.stride", in: 1...days, expected: "a positive integer up to \(days)")
      }
    }

    if let node = top["shards"] {
      let shards = try mapping(node, "shards", keys: ["dtype", "zstd_level", "max_shard_bytes"])
      if let v = shards["dtype"] { config.shards.dtype = try choice(v, "shards.dtype") }
      if let v = shards["zstd_level"] {
        config.shards.zstdLevel = try integer(v, "shards.zstd_level", in: 1...22, expected: "an integer 1…22")
      }
      if let v = shards["max_shard_bytes"] { config.shards.maxShardBytes = try positive(v, "shards.max_shard_bytes") }
    }
    return config
  }

  // MARK: - Features

  private func features(_ node: Node, _ path: String) throws -> [FeatureSpec] {
    guard case .sequence(let list) = node else { throw error(node, path, "expected a list of features") }
    // A pasted or generated list stops here, before any column is built (10,000 took 40 s to fail).
    let most = PipelineConfig.maxListedFeatures
    if list.count > most {
      throw error(list[most], "\(path)[\(most)]", "more than \(most) features listed; a pipeline lists at most \(most)")
    }
    var result: [FeatureSpec] = []
    for (i, item) in list.enumerated() {
      let itemPath = "\(path)[\(i)]"
      let feature = try self.feature(item, itemPath)
      let duplicate = result.firstIndex { existing in
        switch (existing, feature) {
        case (.oneHot(let a), .oneHot(let b)): return a == b
        case (.multiHot(let a, _, _), .multiHot(let b, _, _)): return a == b
        // numeric ones may repeat with another aggregation, scale, transform or fill, not all the same
        case (
          .numeric(let a, let aggA, let scaleA, let transformA, let fillA),
          .numeric(let b, let aggB, let scaleB, let transformB, let fillB)
        ):
          return a == b && aggA == aggB && scaleA == scaleB && transformA == transformB && fillA == fillB
        default: return false
        }
      }
      if let duplicate {
        throw error(
          item, itemPath,
          "this feature is already listed as \(path)[\(duplicate)]; list each one_hot and multi_hot field once, "
            + "a numeric one once per aggregation, scale, transform and fill")
      }
      result.append(feature)
    }
    let width = FrameSchema.width(of: result)
    guard width <= FrameSchema.maxColumns else {
      throw error(
        node, path,
        "these features make \(width) columns; a frame holds at most \(FrameSchema.maxColumns) (lower top_k)")
    }
    return result
  }

  private func feature(_ node: Node, _ path: String) throws -> FeatureSpec {
    guard case .mapping(let map) = node else {
      throw error(node, path, "expected a mapping such as `one_hot: quad_class`")
    }
    // Unknown keys first, so a typo (`onehot:`) is named as such.
    _ = try mapping(
      node, path, keys: ["one_hot", "multi_hot", "numeric", "top_k", "other", "agg", "scale", "transform", "fill"])
    let kinds = ["one_hot", "multi_hot", "numeric"].filter { map[$0] != nil }
    guard kinds.count == 1 else {
      throw error(node, path, "expected exactly one of one_hot, multi_hot, numeric")
    }
    switch kinds[0] {
    case "one_hot":
      let m = try mapping(node, path, keys: ["one_hot"])
      return .oneHot(try choice(m["one_hot"]!, "\(path).one_hot"))
    case "multi_hot":
      let m = try mapping(node, path, keys: ["multi_hot", "top_k", "other"], required: ["top_k"])
      let field: SectorField = try choice(m["multi_hot"]!, "\(path).multi_hot")
      let topK = try integer(
        m["top_k"]!, "\(path).top_k", in: 1...PipelineConfig.maxTopK,
        expected: "a positive integer up to \(PipelineConfig.maxTopK)")
      let other = try m["other"].map { try bool($0, "\(path).other") } ?? true
      return .multiHot(field, topK: topK, other: other)
    default:
      let m = try mapping(node, path, keys: ["numeric", "agg", "scale", "transform", "fill"])
      let field: NumericField = try choice(m["numeric"]!, "\(path).numeric")
      var agg: NumericAggregation = field == .eventCount ? .sum : .mean
      if let v = m["agg"] {
        agg = try choice(v, "\(path).agg")
        if field == .eventCount && agg != .sum {
          throw error(v, "\(path).agg", "event_count is a count per day: use agg: sum or leave agg out")
        }
      }
      var scale: ClosedRange<Double>?
      if let v = m["scale"] {
        guard case .sequence(let pair) = v, pair.count == 2 else {
          throw error(v, "\(path).scale", "expected [low, high], e.g. [-10, 10]")
        }
        let low = try number(pair[0], "\(path).scale[0]")
        let high = try number(pair[1], "\(path).scale[1]")
        guard low < high else { throw error(v, "\(path).scale", "low must be below high, got [\(low), \(high)]") }
        scale = low...high
      }
      var transform = NumericTransform.none
      if let v = m["transform"] {
        transform = try choice(v, "\(path).transform")
        if transform == .log1p && field != .eventCount && field != .mentions {
          throw error(
            v, "\(path).transform",
            "log1p applies to event_count and mentions only (intensity and goldstein can be negative)")
        }
      }
      let fill = try m["fill"].map { try number($0, "\(path).fill") } ?? 0
      return .numeric(field, agg: agg, scale: scale, transform: transform, fill: fill)
    }
  }

  // MARK: - Scalars and mappings

  private func error(_ node: Node?, _ path: String, _ message: String) -> PipelineError {
    PipelineError(.invalidConfig, file: file, line: node?.mark?.line, keyPath: path, message)
  }

  private func isNull(_ node: Node) -> Bool {
    guard case .scalar(let s) = node, s.style == .plain else { return false }
    return ["", "~", "null", "Null", "NULL"].contains(s.string)
  }

  /// The mapping at `path`, checked for unknown, duplicate and missing keys.
  private func mapping(_ node: Node, _ path: String, keys: [String], required: [String] = []) throws -> [String: Node] {
    guard case .mapping(let map) = node else {
      throw error(
        node, path.isEmpty ? "(top level)" : path, "expected a mapping of keys (\(keys.joined(separator: ", ")))")
    }
    var result: [String: Node] = [:]
    for (keyNode, value) in map {
      guard case .scalar(let key) = keyNode else { throw error(keyNode, path, "keys must be plain names") }
      let keyPath = path.isEmpty ? key.string : "\(path).\(key.string)"
      guard keys.contains(key.string) else {
        throw error(keyNode, keyPath, "unknown key (expected one of \(keys.joined(separator: ", ")))")
      }
      guard result[key.string] == nil else { throw error(keyNode, keyPath, "duplicate key") }
      result[key.string] = value
    }
    for key in required where result[key] == nil {
      throw error(node, path.isEmpty ? key : "\(path).\(key)", "missing")
    }
    return result
  }

  private func scalar(_ node: Node, _ path: String, expected: String) throws -> String {
    guard case .scalar(let s) = node else { throw error(node, path, "expected \(expected)") }
    return s.string
  }

  private func string(_ node: Node, _ path: String) throws -> String {
    let text = try scalar(node, path, expected: "a string")
    guard !text.isEmpty else { throw error(node, path, "expected a non-empty string") }
    return text
  }

  private func choice<T: RawRepresentable & CaseIterable>(_ node: Node, _ path: String) throws -> T
  where T.RawValue == String {
    let options = T.allCases.map(\.rawValue).joined(separator: " | ")
    let text = try scalar(node, path, expected: "one of \(options)")
    guard let value = T(rawValue: text) else {
      throw error(node, path, "expected one of \(options), got \(text.messageQuote)")
    }
    return value
  }

  private func integer(_ node: Node, _ path: String, in range: ClosedRange<Int>, expected: String) throws -> Int {
    let text = try scalar(node, path, expected: expected)
    guard let value = Int(text), range.contains(value) else {
      throw error(node, path, "expected \(expected), got \(text.messageQuote)")
    }
    return value
  }

  private func positive(_ node: Node, _ path: String) throws -> Int {
    try integer(node, path, in: 1...Int.max, expected: "a positive integer")
  }

  private func number(_ node: Node, _ path: String) throws -> Double {
    let text = try scalar(node, path, expected: "a number")
    guard let value = Double(text), value.isFinite else {
      throw error(node, path, "expected a number, got \(text.messageQuote)")
    }
    return value
  }

  private func bool(_ node: Node, _ path: String) throws -> Bool {
    let text = try scalar(node, path, expected: "true or false")
    switch text {
    case "true", "True", "TRUE": return true
    case "false", "False", "FALSE": return false
    default: throw error(node, path, "expected true or false, got \(text.messageQuote)")
    }
  }

  private func day(_ node: Node, _ path: String) throws -> Day {
    let text = try scalar(node, path, expected: "a date YYYY-MM-DD")
    guard let day = Day(iso: text) else {
      throw error(node, path, "expected a date YYYY-MM-DD, got \(text.messageQuote)")
    }
    return day
  }
}

extension PipelineConfig {
  /// The days of `Day.plausibleRange` (1900-01-01 … 2099-12-31): the longest window any input can fill.
  public static let maxWindowDays = Int(Day.plausibleRange.upperBound.index - Day.plausibleRange.lowerBound.index) + 1
  /// Columns one multi_hot feature may keep; each is a float in every frame.
  public static let maxTopK = 100_000
  /// Entries of `frames.features`: every field with room for many numeric variants of each.
  public static let maxListedFeatures = 100
}
