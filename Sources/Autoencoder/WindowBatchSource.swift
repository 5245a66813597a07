/// Where training and scoring get windows: anything that fills [B, T, F] float32 batches (batch first).
/// The shard loader adapts to this; `WindowArray` serves windows held in memory.
public protocol WindowBatchSource: AnyObject {
  /// T, timesteps per window.
  var windowLength: Int { get }
  /// F, values per timestep.
  var features: Int { get }
  /// Starts pass `epoch` over the data (a shuffling source reshuffles from its seed and the epoch).
  func reset(epoch: Int) throws
  /// Fills the front of `buffer` with up to `buffer.count / (T·F)` windows and returns how many,
  /// or nil when the pass is over.
  func nextBatch(into buffer: UnsafeMutableBufferPointer<Float>) throws -> Int?
}

/// Windows [N, T, F] in memory, served in order or shuffled per epoch (deterministic from the seed).
public final class WindowArray: WindowBatchSource {
  public let windowLength: Int
  public let features: Int
  public let windows: [Float]
  public let shuffleSeed: UInt64?
  private var order: [Int]
  private var position = 0

  public var count: Int { order.count }

  public init(windows: [Float], windowLength: Int, features: Int, shuffleSeed: UInt64? = nil) throws {
    guard windowLength >= 1, features >= 1, windows.count % (windowLength * features) == 0 else {
      throw AutoencoderError(
        .shapeMismatch, "\(windows.count) floats are not whole windows of T \(windowLength) × F \(features)")
    }
    self.windows = windows
    self.windowLength = windowLength
    self.features = features
    self.shuffleSeed = shuffleSeed
    order = Array(0..<(windows.count / (windowLength * features)))
  }

  public func reset(epoch: Int) throws {
    position = 0
    order = Array(order.indices)
    if let seed = shuffleSeed {
      var rng = SeededGenerator(seed: seed &+ UInt64(epoch) &* 0x9E37_79B9)
      order.shuffle(using: &rng)
    }
  }

  public func nextBatch(into buffer: UnsafeMutableBufferPointer<Float>) throws -> Int? {
    let size = windowLength * features
    let capacity = buffer.count / size
    guard position < order.count, capacity > 0 else { return nil }
    let n = min(capacity, order.count - position)
    windows.withUnsafeBufferPointer { source in
      for k in 0..<n {
        (buffer.baseAddress! + k * size).update(from: source.baseAddress! + order[position + k] * size, count: size)
      }
    }
    position += n
    return n
  }
}
