import EventData

/// Column layout of a frame: the pipeline's features in order, with stable names.
///
/// Widths depend only on the features (a `multi_hot` with `top_k: K` is always K + 1 wide with
/// `other`); a vocabulary shorter than K leaves slots named `src:(unused N)` that stay zero.
public struct FrameSchema: Sendable, Equatable {
  public let features: [FeatureSpec]
  public let vocabularies: FrameVocabularies
  /// One name per column (`quad:verbal_cooperation`, `root:04`, `src:Government`, `src:(other)`).
  public let featureNames: [String]
  /// First column of each feature.
  public let offsets: [Int]

  /// Quad class names in code order (roots 01–05, 06–08, 09–13, 14–20).
  public static let quadClassNames = [
    "verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict",
  ]

  /// Validates that every `multi_hot` feature has a vocabulary of at most `top_k` names.
  public init(features: [FeatureSpec], vocabularies: FrameVocabularies) throws {
    var names: [String] = []
    var offsets: [Int] = []
    for feature in features {
      offsets.append(names.count)
      switch feature {
      case .oneHot(.quadClass):
        names += FrameSchema.quadClassNames.map { "quad:\($0)" }
      case .oneHot(.cameoRoot):
        names += (1...20).map { $0 < 10 ? "root:0\($0)" : "root:\($0)" }
      case .oneHot(.ploverEventType):
        names += PloverEventType.allCases.map { "plover:\($0.rawValue)" }
      case .oneHot(.eventMode):
        names += PloverEventMode.allCases.map { "mode:\($0.rawValue)" } + ["mode:(none)", "mode:(other)"]
      case .multiHot(let field, let topK, let other):
        guard let vocabulary = vocabularies[field] else {
          throw FrameError(
            .vocabularyMismatch, context: field.rawValue,
            "no vocabulary for this multi_hot feature; use a manifest made with the same pipeline")
        }
        guard vocabulary.count <= topK else {
          throw FrameError(
            .vocabularyMismatch, context: field.rawValue,
            "vocabulary has \(vocabulary.count) names but top_k is \(topK); use a manifest made with the same pipeline")
        }
        let prefix = field.namePrefix
        names += vocabulary.map { "\(prefix):\($0)" }
        if vocabulary.count < topK {
          names += (vocabulary.count + 1...topK).map { "\(prefix):(unused \($0))" }
        }
        if other { names.append("\(prefix):(other)") }
      case .numeric(let field, _, _, _, _):
        names.append(field.rawValue)
      }
    }
    self.features = features
    self.vocabularies = vocabularies
    self.featureNames = names
    self.offsets = offsets
  }

  /// Number of columns.
  public var width: Int { featureNames.count }

  /// The most columns a frame may have, from any input (a pipeline's features or a frames-csv header).
  public static let maxColumns = 200_000

  /// Number of columns `features` produce, whatever the data.
  public static func width(of features: [FeatureSpec]) -> Int {
    features.reduce(0) { $0 + $1.width }
  }
}
