import ArgumentParser
import Shards

/// `--top N` and `--features PATTERN` of `inspect` and `stats`: which feature rows a listing shows.
struct FeatureFilterOptions: ParsableArguments {
  @Option(parsing: .unconditional, help: "Only the N features with the largest variance.")
  var top: Int?

  @Option(help: "Only features whose names hold PATTERN or match it as a glob (case ignored).")
  var features: String?

  var selection: FeatureSelection { FeatureSelection(pattern: features, top: top) }

  /// Whether either option was given.
  var isFiltering: Bool { top != nil || features != nil }

  func validate() throws {
    if let top, top < 1 { throw ValidationError("--top must be at least 1") }
    if let features, features.isEmpty { throw ValidationError("--features needs a pattern") }
  }

  /// `3 of 25 features<label>, names matching 'root:*', largest variance first`.
  func describe(shown: Int, of total: Int, label: String = "") -> String {
    "\(shown) of \(total) features\(label)" + (features.map { ", names matching '\($0)'" } ?? "")
      + (top != nil ? ", largest variance first" : "")
  }
}
