import Shards

/// The one error the Loader raises: a code, the shard and block it concerns, and what to do.
public struct LoaderError: Error, Sendable, Equatable, CustomStringConvertible {
  public enum Code: String, Sendable, Equatable {
    /// Options that cannot describe a loader (batch size 0, rank ≥ world size, …).
    case invalidOptions
    /// The split is not in the shard directory, or the directory cannot be opened.
    case missingSplit
    /// A shard file could not be opened or read.
    case missingShard
    /// A block failed its checksum or could not be decoded.
    case corruptBlock
    /// A resume state that does not fit these options or this split.
    case invalidResumeState
    /// The reader of a batch stream closed its end (e.g. the trainer stopped early).
    case outputClosed
    /// Writing a batch stream failed for another reason (disk full, bad descriptor).
    case outputFailed
  }

  public var code: Code
  /// The shard file name, when the error concerns one shard.
  public var shard: String?
  /// The block index within `shard`, when the error concerns one block.
  public var block: Int?
  public var message: String

  public init(_ code: Code, shard: String? = nil, block: Int? = nil, _ message: String) {
    self.code = code
    self.shard = shard
    self.block = block
    self.message = message
  }

  public var description: String { ShardError.describe(shard: shard, block: block, message) }
}
