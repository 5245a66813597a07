import Foundation

/// The evaluation as scripts read it (`icews evaluate -o`); the table for people is in Presentation.
extension DetectionEvaluation: Encodable {
  enum CodingKeys: String, CodingKey {
    case topPercent = "top_percent"
    case windows, positives
    case topCount = "top_count"
    case detectors, episodes
  }

  /// An episode as scripts read it: ranks and found keyed by detector name, `null` rank when not counted.
  private struct EpisodeJSON: Encodable {
    var country: String
    var start: String
    var end: String
    var counted: Bool
    var ranks: [String: Int?]
    var found: [String: Bool]
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(topPercent, forKey: .topPercent)
    try c.encode(windows, forKey: .windows)
    try c.encode(positives, forKey: .positives)
    try c.encode(topCount, forKey: .topCount)
    try c.encode(detectors, forKey: .detectors)
    let names = detectors.map(\.name)
    let list = episodes.map { e in
      EpisodeJSON(
        country: e.episode.country, start: e.episode.start.iso, end: e.episode.end.iso, counted: e.counted,
        ranks: Dictionary(uniqueKeysWithValues: zip(names, e.ranks)),
        found: Dictionary(uniqueKeysWithValues: zip(names, e.found)))
    }
    try c.encode(list, forKey: .episodes)
  }

  /// Pretty JSON with sorted keys (stable bytes for the same input), ending in a newline.
  public func json() -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    // Every value is finite or nil, and every key a string: encoding cannot fail.
    return (try! encoder.encode(self)) + Data("\n".utf8)
  }
}
