import Foundation

/// A CSV field, quoted when it holds a comma, quote or line break (group names like "Korea, South").
public func csvField(_ text: String) -> String {
  guard text.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
    return text
  }
  return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
}
