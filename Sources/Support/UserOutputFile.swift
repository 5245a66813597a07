import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Files a user names for output (`-o`, `--report`, `--episodes`, `--model`) may be devices or
/// pipes such as /dev/null, /dev/stdout or a FIFO. Those are written in place; a regular file is
/// replaced atomically (a temporary beside it, then a rename), so a reader never sees it torn.
/// Foundation's atomic writes and `createFile` rename over the path, which would replace
/// /dev/null itself with a regular file.
public enum UserOutputFile {
  /// A failure, with the system's reason in words.
  public struct Failure: Error, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "\(path): \(reason)" }
  }

  /// Whether `path` exists and is neither a regular file nor a folder (a device, FIFO or socket).
  public static func isSpecial(_ path: String) -> Bool {
    var info = stat()
    guard stat(path, &info) == 0 else { return false }
    let kind = info.st_mode & S_IFMT
    return kind != S_IFREG && kind != S_IFDIR
  }

  /// Opens `path` for writing: a regular file is created or truncated (mode 0644 less the umask),
  /// a device or pipe is opened as it is.
  public static func openForWriting(_ path: String) throws -> FileHandle {
    let fd = path.withCString { open($0, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644) }
    guard fd >= 0 else { throw Failure(path: path, reason: String(cString: strerror(errno))) }
    return FileHandle(fileDescriptor: fd, closeOnDealloc: true)
  }

  /// Writes `data` to `path`: atomically for a regular file, in place for a device or pipe.
  public static func write(_ data: Data, to path: String) throws {
    if isSpecial(path) {
      let handle = try openForWriting(path)
      defer { try? handle.close() }
      do {
        try handle.write(contentsOf: data)
      } catch {
        throw Failure(path: path, reason: PlainErrorText.fileSystem(error))
      }
      return
    }
    do {
      try data.write(to: URL(fileURLWithPath: path), options: .atomic)
    } catch {
      throw Failure(path: path, reason: PlainErrorText.fileSystem(error))
    }
  }
}
