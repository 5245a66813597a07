/// The fitted sector vocabularies, frozen so later inputs are encoded into the same columns.
///
/// Stored in `frames.json` and in shard manifests; supplying it back to `FrameBuilder`
/// (`--reuse-manifest`) skips fitting. A vocabulary lists at most `top_k` names, most frequent
/// first; it is nil when the pipeline has no `multi_hot` feature for that field.
public struct FrameVocabularies: Codable, Sendable, Equatable {
  public var sourceSectors: [String]?
  public var targetSectors: [String]?
  public var contexts: [String]?

  public init(sourceSectors: [String]? = nil, targetSectors: [String]? = nil, contexts: [String]? = nil) {
    self.sourceSectors = sourceSectors
    self.targetSectors = targetSectors
    self.contexts = contexts
  }

  public subscript(field: SectorField) -> [String]? {
    get {
      switch field {
      case .sourceSectors: return sourceSectors
      case .targetSectors: return targetSectors
      case .contexts: return contexts
      }
    }
    set {
      switch field {
      case .sourceSectors: sourceSectors = newValue
      case .targetSectors: targetSectors = newValue
      case .contexts: contexts = newValue
      }
    }
  }

  enum CodingKeys: String, CodingKey {
    case sourceSectors = "source_sectors"
    case targetSectors = "target_sectors"
    case contexts
  }
}
