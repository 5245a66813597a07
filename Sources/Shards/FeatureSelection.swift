import Support

/// Which features a listing shows: those matching `pattern` (see `NameMatching.matches`), then the
/// `top` ranked highest (by variance or error, whatever the caller ranks by), highest first.
public struct FeatureSelection: Sendable, Equatable {
  public var pattern: String?
  public var top: Int?

  public init(pattern: String? = nil, top: Int? = nil) {
    self.pattern = pattern
    self.top = top
  }

  public var isEverything: Bool { pattern == nil && top == nil }

  /// Indices into `names`: in feature order, or highest `ranking` first when `top` is set.
  /// Throws when the pattern matches no feature, naming a few that exist.
  public func indices(_ names: [String], ranking: [Double]) throws -> [Int] {
    var chosen = Array(names.indices)
    if let pattern {
      chosen = chosen.filter { NameMatching.matches(names[$0], pattern: pattern) }
      guard !chosen.isEmpty else {
        let close = NameMatching.suggestions(for: pattern, among: names)
        let hint =
          close.isEmpty
          ? "e.g. " + names.prefix(3).map { "'\($0)'" }.joined(separator: ", ")
          : "did you mean " + close.map { "'\($0)'" }.joined(separator: " or ") + "?"
        throw ShardError(
          .outOfRange,
          "no feature matches \(pattern.messageQuote) (a substring or a glob with * and ?, case ignored); \(hint)")
      }
    }
    if let top {
      chosen = Array(chosen.sorted { ranking[$0] != ranking[$1] ? ranking[$0] > ranking[$1] : $0 < $1 }.prefix(top))
    }
    return chosen
  }
}
