/// Element type of stored windows.
public enum ShardDType: String, Sendable, CaseIterable, Codable {
  case float32, float16

  /// Bytes per stored value.
  public var byteCount: Int { self == .float32 ? 4 : 2 }
}

public struct ShardSettings: Sendable, Equatable, Codable {
  public var dtype: ShardDType
  public var zstdLevel: Int
  /// Upper bound of one shard's uncompressed window bytes.
  public var maxShardBytes: Int
  /// Windows per zstd block (the last block of a shard may hold fewer).
  public var blockWindows: Int
  public init(dtype: ShardDType = .float32, zstdLevel: Int = 3, maxShardBytes: Int = 64 << 20, blockWindows: Int = 256)
  {
    self.dtype = dtype
    self.zstdLevel = zstdLevel
    self.maxShardBytes = maxShardBytes
    self.blockWindows = blockWindows
  }

  enum CodingKeys: String, CodingKey {
    case dtype
    case zstdLevel = "zstd_level"
    case maxShardBytes = "max_shard_bytes"
    case blockWindows = "block_windows"
  }

  /// Windows per shard so one shard's uncompressed windows stay within `maxShardBytes` (at least one).
  public func windowsPerShard(windowValueCount: Int) -> Int {
    max(1, maxShardBytes / max(1, windowValueCount * dtype.byteCount))
  }
}
