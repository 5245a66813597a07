/// One batch as lent to the consumer: `count` windows [count, T, F] and their keys [count, 2].
///
/// The buffers belong to the loader and are reused for a later batch: valid only inside the
/// closure that receives the batch; copy what must outlive it.
public struct WindowBatch {
  /// 0-based batch number within this rank's epoch.
  public let index: Int
  /// Windows in this batch (≤ batch size; < it only for the last batch without `dropLast`).
  public let count: Int
  public let windowLength: Int
  public let featureCount: Int
  /// count × windowLength × featureCount float32, C order.
  public let windows: UnsafeBufferPointer<Float>
  /// count × 2 int64: (group index, start day index) per window.
  public let keys: UnsafeBufferPointer<Int64>
}
