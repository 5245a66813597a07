#if canImport(Glibc)
  import Glibc
  private func systemWrite(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    Glibc.write(fd, bytes, count)
  }
#elseif canImport(Darwin)
  import Darwin
  private func systemWrite(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    Darwin.write(fd, bytes, count)
  }
#endif
import Support

/// Writes batches to a file descriptor as concatenated `.npy` arrays: float32 [count, T, F], and
/// with `includeKeys` each followed by its int64 [count, 2] keys — what `icews stream` emits.
///
/// Headers are cached per batch shape, so a steady stream writes without allocating.
public final class NPYBatchStream {
  public let fileDescriptor: Int32
  public let includeKeys: Bool
  private var windowHeader: (count: Int, bytes: [UInt8])?
  private var keyHeader: (count: Int, bytes: [UInt8])?

  public init(fileDescriptor: Int32, includeKeys: Bool) {
    self.fileDescriptor = fileDescriptor
    self.includeKeys = includeKeys
  }

  /// Writes one batch; throws `.outputClosed` when the reader has gone away.
  public func write(_ batch: WindowBatch) throws {
    if windowHeader?.count != batch.count {
      windowHeader = (
        batch.count,
        NPYFormat.header(dtype: .float32, shape: [batch.count, batch.windowLength, batch.featureCount])
      )
    }
    try writeAll(windowHeader!.bytes)
    try writeAll(UnsafeRawBufferPointer(batch.windows))
    guard includeKeys else { return }
    if keyHeader?.count != batch.count {
      keyHeader = (batch.count, NPYFormat.header(dtype: .int64, shape: [batch.count, 2]))
    }
    try writeAll(keyHeader!.bytes)
    try writeAll(UnsafeRawBufferPointer(batch.keys))
  }

  private func writeAll(_ bytes: [UInt8]) throws {
    try bytes.withUnsafeBytes { try writeAll($0) }
  }

  private func writeAll(_ bytes: UnsafeRawBufferPointer) throws {
    var offset = 0
    while offset < bytes.count {
      let written = systemWrite(fileDescriptor, bytes.baseAddress! + offset, bytes.count - offset)
      if written >= 0 {
        offset += written
        continue
      }
      let code = errno
      if code == EINTR { continue }
      if code == EPIPE {
        throw LoaderError(.outputClosed, "the reader of the batch stream closed it")
      }
      throw LoaderError(
        .outputFailed, "writing the batch stream failed: \(String(cString: strerror(code)))")
    }
  }
}
