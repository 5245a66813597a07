import Autoencoder

/// A Gaussian over reference error vectors and, when asked, the per-group standardization of its distances.
struct ErrorDetector {
  let gaussian: ErrorGaussian
  let standardizer: GroupScoreStandardizer?
  let features: Int
  /// The reference windows' own scores (standardized like every other), ascending: percentiles read them.
  let sortedReferenceScores: [Double]

  init(reference errors: [Float], groups: [Int], _ pass: WindowErrorPass) throws {
    features = pass.model.config.features
    gaussian = try ErrorGaussian(fitting: errors, dimension: features, estimator: pass.options.covariance)
    let referenceScores = Self.distances(gaussian, errors, features)
    let standardizer =
      pass.options.perGroup
      ? GroupScoreStandardizer(scores: referenceScores, groups: groups, groupCount: pass.dataset.manifest.groups.count)
      : nil
    self.standardizer = standardizer
    sortedReferenceScores =
      (standardizer.map { s in zip(referenceScores, groups).map { s.standardize($0, group: $1) } } ?? referenceScores)
      .sorted()
  }

  func scores(_ errors: [Float], groups: [Int]) -> [Double] {
    let raw = Self.distances(gaussian, errors, features)
    guard let standardizer else { return raw }
    return zip(raw, groups).map { standardizer.standardize($0, group: $1) }
  }

  static func distances(_ gaussian: ErrorGaussian, _ errors: [Float], _ f: Int) -> [Double] {
    errors.withUnsafeBufferPointer { e in
      (0..<(e.count / f)).map { gaussian.distance(UnsafeBufferPointer(rebasing: e[($0 * f)..<(($0 + 1) * f)])) }
    }
  }
}
