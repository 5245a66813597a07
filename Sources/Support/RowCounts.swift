/// Input rows read, rejected (kept in `rejects.tsv`) and dropped as duplicates: what one read
/// reports, and what `manifest.json` (`rows`) and `frames.json` (`rows_read`, …) record.
/// `read` = accepted + rejected + duplicates.
public struct RowCounts: Sendable, Equatable, Codable {
  public var read: Int
  public var rejected: Int
  public var duplicates: Int

  public init(read: Int = 0, rejected: Int = 0, duplicates: Int = 0) {
    self.read = read
    self.rejected = rejected
    self.duplicates = duplicates
  }

  /// Rows delivered to the caller.
  public var accepted: Int { read - rejected - duplicates }
}
