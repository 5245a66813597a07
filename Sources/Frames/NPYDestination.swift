import Foundation

/// Where a frames writer puts its `.npy`: `<url>.partial` while writing, renamed over `url` when
/// complete, so a reader never sees a torn file.
struct NPYDestination {
  let url: URL

  var partial: URL { url.appendingPathExtension("partial") }

  /// A write error naming the final file and what to check.
  func failure(_ what: String) -> FrameError {
    FrameError(.writeFailed, context: url.path, "\(what); check the folder exists and has free space")
  }

  /// Replaces `url` with the finished partial file.
  func commit() throws {
    if FileManager.default.fileExists(atPath: url.path) {
      try? FileManager.default.removeItem(at: url)
    }
    do {
      try FileManager.default.moveItem(at: partial, to: url)
    } catch {
      throw failure("cannot rename \(partial.lastPathComponent) into place")
    }
    // the rename itself is durable once the folder is synced
    let folder = open(url.deletingLastPathComponent().path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    if folder >= 0 {
      _ = fsync(folder)
      close(folder)
    }
  }
}
