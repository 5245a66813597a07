/// First-order differencing along time of row-major frames: the first frame stays, later frames become
/// x[t] − x[t−1]. The same code serves scope `window` (one window) and scope `series` (a group's series).
public enum Differencing {
  /// Differences `rows` frames in place (order 1).
  public static func apply(_ frames: UnsafeMutableBufferPointer<Float>, rows: Int, featureCount f: Int) {
    guard rows > 1 else { return }
    // x[t] ← x[t] − x[t−1], from the last frame backwards so x[t−1] is still original
    let base = frames.baseAddress!
    var t = rows - 1
    while t >= 1 {
      let row = base + t * f
      let previous = row - f
      for j in 0..<f { row[j] -= previous[j] }
      t -= 1
    }
  }

  /// Undoes `apply` in place: a running sum along time.
  public static func invert(_ frames: UnsafeMutableBufferPointer<Float>, rows: Int, featureCount f: Int) {
    guard rows > 1 else { return }
    // x[t] ← d[t] + x[t−1]
    let base = frames.baseAddress!
    for t in 1..<rows {
      let row = base + t * f
      let previous = row - f
      for j in 0..<f { row[j] += previous[j] }
    }
  }
}
