import Foundation
import Support

extension FrameSeries {
  public func writeNPY(to url: URL, afterGroup: (Int) -> Void) throws {
    try writeDenseNPY(to: url, afterGroup: afterGroup)
  }

  /// `writeNPY` without progress.
  public func writeNPY(to url: URL) throws { try writeNPY(to: url, afterGroup: { _ in }) }

  /// Streams every group's frames into a float32 `.npy` of shape [groups × days, F], group-major
  /// (groups in order, then day), holding one group in memory. Written to `<url>.partial` and
  /// renamed, so a reader never sees a torn file. `afterGroup(g)` runs after group g is written.
  public func writeDenseNPY(to url: URL, afterGroup: (Int) -> Void = { _ in }) throws {
    let width = featureNames.count
    let destination = NPYDestination(url: url)
    let partial = destination.partial
    let failure = destination.failure
    guard FileManager.default.createFile(atPath: partial.path, contents: nil),
      let handle = FileHandle(forWritingAtPath: partial.path)
    else { throw failure("cannot create file") }
    do {
      try handle.write(contentsOf: Data(NPYFormat.header(dtype: .float32, shape: [groups.count * dayCount, width])))
      var buffer = [Float](repeating: 0, count: dayCount * width)
      for g in groups.indices {
        try buffer.withUnsafeMutableBufferPointer { frames in
          fillSeries(group: g, into: frames)
          #if _endian(big)
            for i in frames.indices { frames[i] = Float(bitPattern: frames[i].bitPattern.littleEndian) }
          #endif
          try handle.write(
            contentsOf: Data(bytesNoCopy: frames.baseAddress!, count: frames.count * 4, deallocator: .none))
        }
        afterGroup(g)
      }
      try handle.synchronize()
      try handle.close()
    } catch let error as FrameError {
      try? handle.close()
      try? FileManager.default.removeItem(at: partial)
      throw error
    } catch {
      try? handle.close()
      try? FileManager.default.removeItem(at: partial)
      throw failure("write failed (\(PlainErrorText.fileSystem(error)))")
    }
    try destination.commit()
  }
}
