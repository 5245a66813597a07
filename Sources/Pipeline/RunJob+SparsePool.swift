import Foundation
import Frames

/// Sparse group frames reused across groups and threads, so their buffers are allocated (and
/// their pages faulted in) once per worker rather than once per group.
final class SparseFramesPool: @unchecked Sendable {
  private let lock = NSLock()
  private var free: [SparseGroupFrames] = []

  func take() -> SparseGroupFrames {
    lock.lock()
    defer { lock.unlock() }
    return free.popLast() ?? SparseGroupFrames()
  }

  func give(_ frames: SparseGroupFrames) {
    lock.lock()
    free.append(frames)
    lock.unlock()
  }
}
