/// Element type of stored windows.
public enum ShardDType: String, Sendable, CaseIterable, Codable {
  case float32, float16
}

public struct ShardSettings: Sendable, Equatable, Codable {
  public var dtype: ShardDType
  public var zstdLevel: Int
  /// Upper bound of one shard's uncompressed window bytes.
  public var maxShardBytes: Int
  public init(dtype: ShardDType = .float32, zstdLevel: Int = 3, maxShardBytes: Int = 64 << 20) {
    self.dtype = dtype
    self.zstdLevel = zstdLevel
    self.maxShardBytes = maxShardBytes
  }
}
