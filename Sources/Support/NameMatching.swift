/// How people name a group or a feature on the command line: case-insensitively, by a substring or
/// a glob, and with the closest names suggested when nothing matches.
public enum NameMatching {
  /// Whether `name` matches `pattern`, ignoring case: a glob when the pattern holds `*` or `?`
  /// (anchored at both ends), else a substring.
  public static func matches(_ name: String, pattern: String) -> Bool {
    guard pattern.contains("*") || pattern.contains("?") else {
      return name.lowercased().contains(pattern.lowercased())
    }
    return glob(Array(pattern.lowercased())[...], Array(name.lowercased())[...])
  }

  /// `*` any run of characters, `?` one character, by backtracking over the last `*`.
  private static func glob(_ p: ArraySlice<Character>, _ n: ArraySlice<Character>) -> Bool {
    var pi = p.startIndex
    var ni = n.startIndex
    var star: (p: Int, n: Int)?
    while ni < n.endIndex {
      if pi < p.endIndex, p[pi] == "?" || p[pi] == n[ni] {
        pi += 1
        ni += 1
      } else if pi < p.endIndex, p[pi] == "*" {
        star = (pi, ni)
        pi += 1
      } else if let s = star {
        pi = s.p + 1
        ni = s.n + 1
        star = (s.p, s.n + 1)
      } else {
        return false
      }
    }
    while pi < p.endIndex, p[pi] == "*" { pi += 1 }
    return pi == p.endIndex
  }

  /// The names a mistyped `query` most likely meant, best first (at most `limit`): names holding
  /// the query as a word prefix ("Russia" → "Russian Federation"), then the nearest by edit distance
  /// when it is small for the query's length.
  public static func suggestions(for query: String, among names: [String], limit: Int = 3) -> [String] {
    let q = query.lowercased()
    guard !q.isEmpty else { return [] }
    let prefixed = names.filter { name in
      let lower = name.lowercased()
      if lower.hasPrefix(q) || lower.contains(" " + q) || lower.contains("-" + q) { return true }
      return q.count >= 4 && q.contains(lower)
    }
    let tolerance = max(1, q.count / 3)
    var near: [(name: String, distance: Int)] = []
    for name in names where !prefixed.contains(name) {
      let distance = editDistance(q, name.lowercased())
      if distance <= tolerance { near.append((name, distance)) }
    }
    near.sort { $0.distance != $1.distance ? $0.distance < $1.distance : $0.name < $1.name }
    let shortestFirst = prefixed.sorted { $0.count != $1.count ? $0.count < $1.count : $0 < $1 }
    return Array((shortestFirst + near.map(\.name)).prefix(limit))
  }

  /// "; did you mean 'A' or 'B'?" for an error message, or "" when nothing is close.
  public static func didYouMean(_ query: String, among names: [String]) -> String {
    let close = suggestions(for: query, among: names)
    guard !close.isEmpty else { return "" }
    return "; did you mean " + close.map { "'\($0)'" }.joined(separator: " or ") + "?"
  }

  /// Levenshtein distance with adjacent transpositions counted as one edit ("trian" → "train").
  public static func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a)
    let b = Array(b)
    if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
    var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
    for i in 0...a.count { d[i][0] = i }
    for j in 0...b.count { d[0][j] = j }
    for i in 1...a.count {
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
        if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
      }
    }
    return d[a.count][b.count]
  }
}
