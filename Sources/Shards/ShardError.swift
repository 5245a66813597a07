/// The one error type of the Shards module: names the shard file and block concerned and what to do.
public struct ShardError: Error, Sendable, Equatable, CustomStringConvertible {
  public enum Code: String, Sendable {
    /// A file could not be opened, read, written or renamed.
    case io
    /// The dataset directory has no (readable) manifest.json.
    case missingManifest
    /// manifest.json exists but cannot be decoded or disagrees with the shards.
    case badManifest
    /// A shard's header, footer or index is not in the documented format.
    case badFormat
    /// A shard ends before its footer or a block.
    case truncated
    /// A block or footer checksum does not match its bytes.
    case checksumMismatch
    /// zstd refused to compress or decompress a block.
    case compression
    /// A window, block or split requested that does not exist.
    case outOfRange
    /// An argument the caller passed cannot be used (buffer size, split name, …).
    case invalidArgument
    /// Another job holds the output folder (`OutputFolderLock`).
    case locked
  }

  public var code: Code
  /// Shard file, relative to the dataset directory when known.
  public var shard: String?
  /// Block number inside the shard.
  public var block: Int?
  public var message: String

  public init(_ code: Code, shard: String? = nil, block: Int? = nil, _ message: String) {
    self.code = code
    self.shard = shard
    self.block = block
    self.message = message
  }

  public var description: String { Self.describe(shard: shard, block: block, message) }

  /// `shard S, block B: message`, leaving out what is unknown; the form of every shard-located error.
  public static func describe(shard: String?, block: Int?, _ message: String) -> String {
    var place = ""
    if let shard { place += "shard \(shard)" }
    if let block { place += place.isEmpty ? "block \(block)" : ", block \(block)" }
    return place.isEmpty ? message : "\(place): \(message)"
  }
}
