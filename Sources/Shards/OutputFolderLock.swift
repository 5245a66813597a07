import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// One writer per output folder: `DIR/.icews.lock`, held with `flock` for as long as a job writes there.
/// A second job into the same folder is refused with the holder's pid, host and start time. The kernel
/// releases the lock when its process dies however it dies, so a lock file left by a killed run is simply
/// taken over by the next one.
public final class OutputFolderLock {
  public static let fileName = ".icews.lock"
  public let url: URL
  private var descriptor: Int32

  /// Takes the lock on `directory` (created if missing) for `job` ("icews run", …), or throws naming the
  /// holder when another process has it.
  public init(directory: URL, job: String) throws {
    url = directory.appendingPathComponent(Self.fileName)
    do {
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    } catch {
      throw ShardError(.io, "\(directory.path): cannot create the output folder (\(Self.reason(errno)))")
    }
    // the file may be replaced between open and flock (a finishing holder removes it): retry until the
    // locked descriptor is the file at the path
    for _ in 0..<16 {
      let fd = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
      guard fd >= 0 else {
        throw ShardError(
          .io,
          "\(directory.path): cannot create \(Self.fileName) (\(Self.reason(errno))); the output folder must be "
            + "writable: fix its permissions or choose another output folder")
      }
      if flock(fd, LOCK_EX | LOCK_NB) != 0 {
        let holder = Self.holder(fd)
        Glibc.close(fd)
        throw ShardError(
          .locked,
          "\(directory.path) is being written by \(holder); wait for it to finish or choose another output folder")
      }
      var locked = stat()
      var current = stat()
      if fstat(fd, &locked) == 0, stat(url.path, &current) == 0, locked.st_ino == current.st_ino,
        locked.st_dev == current.st_dev
      {
        descriptor = fd
        let note = "\(job) (pid \(getpid()) on \(ProcessInfo.processInfo.hostName), since \(Self.now()))\n"
        _ = ftruncate(fd, 0)
        _ = note.withCString { pwrite(fd, $0, strlen($0), 0) }
        return
      }
      Glibc.close(fd)
    }
    throw ShardError(.io, "\(directory.path): \(Self.fileName) keeps changing; is another job starting there?")
  }

  /// Removes the lock file and releases the lock (also done on deinit).
  public func release() {
    guard descriptor >= 0 else { return }
    unlink(url.path)
    Glibc.close(descriptor)
    descriptor = -1
  }

  deinit { release() }

  /// What the holder wrote about itself; it writes right after taking the lock, so an empty file is
  /// read again for a moment before giving up on the details.
  private static func holder(_ fd: Int32) -> String {
    var buffer = [UInt8](repeating: 0, count: 256)
    for _ in 0..<50 {
      let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, 255, 0) }
      if n > 0, buffer[n - 1] == 0x0A {
        let text = String(decoding: buffer[0..<n], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return String(text.prefix(160))
      }
      usleep(2000)
    }
    return "another icews job"
  }

  private static func now() -> String {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    return formatter.string(from: Date())
  }

  static func reason(_ code: Int32) -> String { String(cString: strerror(code)) }
}
