import Foundation

/// Errors of Foundation and the standard library told in words a person can act on: never a domain
/// and code ("NSCocoaErrorDomain error 512"), a `DecodingError` dump or "The data isn't in the correct
/// format." Messages name their file themselves; these give only the reason.
public enum PlainErrorText {
  /// A JSON decoding failure as `field splits.train.windows: expected an integer` (or `not valid JSON`).
  public static func decoding(_ error: any Error) -> String {
    guard let error = error as? DecodingError else { return fileSystem(error) }
    switch error {
    case .typeMismatch(let type, let context):
      return "\(field(context.codingPath)): expected \(kind(type))"
    case .valueNotFound(let type, let context):
      return "\(field(context.codingPath)): is null, expected \(kind(type))"
    case .keyNotFound(let key, let context):
      return "\(field(context.codingPath + [key])): missing"
    case .dataCorrupted(let context):
      if context.codingPath.isEmpty { return "not valid JSON" }
      return "\(field(context.codingPath)): \(context.debugDescription.messageQuote.dropFirst().dropLast())"
    @unknown default:
      return "cannot be decoded"
    }
  }

  /// A file-system failure as its system reason (`Read-only file system`, `No space left on device`).
  public static func fileSystem(_ error: any Error) -> String {
    if error is EncodingError { return "a value cannot be written as JSON (not a finite number?)" }
    var current: NSError? = error as NSError
    while let e = current {
      if e.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(e.code))) }
      current = (e.userInfo[NSUnderlyingErrorKey] as? any Error).map { $0 as NSError }
    }
    let e = error as NSError
    guard e.domain == NSCocoaErrorDomain else { return "the operation failed" }
    switch CocoaError.Code(rawValue: e.code) {
    case .fileNoSuchFile, .fileReadNoSuchFile: return String(cString: strerror(ENOENT))
    case .fileReadNoPermission, .fileWriteNoPermission: return String(cString: strerror(EACCES))
    case .fileWriteOutOfSpace: return String(cString: strerror(ENOSPC))
    case .fileWriteVolumeReadOnly: return String(cString: strerror(EROFS))
    case .fileWriteFileExists: return String(cString: strerror(EEXIST))
    case .fileReadCorruptFile, .propertyListReadCorrupt: return "the file's content is not what was expected"
    default: return "the operation failed (check the path, its permissions and free space)"
    }
  }

  /// `a.b[2].c`, or `the top level` for an empty path.
  private static func field(_ path: [any CodingKey]) -> String {
    var text = ""
    for key in path {
      if let index = key.intValue {
        text += "[\(index)]"
      } else {
        text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
      }
    }
    return text.isEmpty ? "the top level" : "field \(text)"
  }

  private static func kind(_ type: Any.Type) -> String {
    switch type {
    case is any BinaryInteger.Type: return "an integer"
    case is any BinaryFloatingPoint.Type: return "a number"
    case is String.Type: return "a string"
    case is Bool.Type: return "true or false"
    default: return "\(type)".hasPrefix("Array") ? "a list" : "an object"
    }
  }
}
