/// Where a loader stands in its epoch; a new loader built from it delivers exactly the batches
/// the old one would have delivered next (shuffle buffer included).
public struct LoaderState: Sendable, Equatable, Codable {
  public var epoch: Int
  /// Batches already handed to the consumer in this epoch.
  public var batchesDelivered: Int
  /// Digest of the order-deciding options; nil skips the check (e.g. `icews stream --start-batch`).
  public var optionsDigest: UInt64?

  public init(epoch: Int, batchesDelivered: Int, optionsDigest: UInt64? = nil) {
    self.epoch = epoch
    self.batchesDelivered = batchesDelivered
    self.optionsDigest = optionsDigest
  }
}
