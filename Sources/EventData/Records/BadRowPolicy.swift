/// What to do with a row that cannot be read (a pipeline's `input.on_bad_row`).
public enum BadRowPolicy: String, Sendable, CaseIterable {
  /// Keep the row in `rejects.tsv` and go on.
  case reject
  /// Stop at the first bad row with `file:line: reason`.
  case fail
}
