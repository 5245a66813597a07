import Foundation

/// A POSIX file descriptor with positioned reads and whole writes; errors name the file. Used by one
/// thread at a time (a finished shard's handle moves to the sync queue, `PendingSyncs`).
final class ShardFileHandle: @unchecked Sendable {
  let fd: Int32
  let name: String
  /// False for an export's output file: its errors then name the path, not a "shard".
  let isShard: Bool

  init(reading path: String, name: String) throws {
    fd = open(path, O_RDONLY | O_CLOEXEC)
    self.name = name
    isShard = true
    guard fd >= 0 else {
      throw ShardError(.io, shard: name, "cannot open: \(String(cString: strerror(errno)))")
    }
  }

  init(creating path: String, name: String, isShard: Bool = true) throws {
    fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    self.name = name
    self.isShard = isShard
    guard fd >= 0 else {
      throw isShard
        ? ShardError(.io, shard: name, "cannot create: \(String(cString: strerror(errno)))")
        : ShardError(
          .io,
          "\(name): cannot create the output file: \(String(cString: strerror(errno))); check that its folder exists "
            + "and is writable"
        )
    }
  }

  /// An I/O error naming this file as a shard or as an output file.
  private func failure(_ message: String) -> ShardError {
    isShard ? ShardError(.io, shard: name, message) : ShardError(.io, "\(name): \(message)")
  }

  deinit { close(fd) }

  var size: Int {
    var info = stat()
    return fstat(fd, &info) == 0 ? Int(info.st_size) : 0
  }

  /// Reads exactly `buffer.count` bytes at `offset`; returns the number read (less only at end of file).
  func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws -> Int {
    var done = 0
    while done < buffer.count {
      let n = pread(fd, buffer.baseAddress! + done, buffer.count - done, off_t(offset + done))
      if n < 0 {
        if errno == EINTR { continue }
        throw failure("read failed: \(String(cString: strerror(errno)))")
      }
      if n == 0 { break }
      done += n
    }
    return done
  }

  /// Flushes the file's data to the disk (before a rename makes it part of a result).
  func sync() throws {
    guard fsync(fd) == 0 else { throw failure("cannot flush to disk: \(String(cString: strerror(errno)))") }
  }

  func write(_ bytes: UnsafeRawBufferPointer) throws {
    var done = 0
    while done < bytes.count {
      let n = Foundation.write(fd, bytes.baseAddress! + done, bytes.count - done)
      if n < 0 {
        if errno == EINTR { continue }
        throw failure("write failed: \(String(cString: strerror(errno)))")
      }
      done += n
    }
  }
}

/// Renames `from` over `to` atomically (same directory); errors name the destination.
func renameReplacing(_ from: URL, _ to: URL, name: String) throws {
  if rename(from.path, to.path) != 0 {
    throw ShardError(.io, shard: name, "cannot rename into place: \(String(cString: strerror(errno)))")
  }
}

/// Flushes a folder's entries (renames into it) to the disk; best effort where folders cannot be synced.
func syncDirectory(_ url: URL) {
  let fd = open(url.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
  guard fd >= 0 else { return }
  _ = fsync(fd)
  close(fd)
}
