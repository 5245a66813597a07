import Foundation

/// The markup primitives and axis arithmetic every SVG plot of the toolkit draws with, so the
/// pictures share one look (fonts, stroke widths, tick rules) and one XML escaping.
protocol SVGDrawing {}

extension SVGDrawing {
  func polyline(_ points: [(Double, Double)], color: String, dash: Bool, width: Double = 1.8) -> String {
    let coordinates = points.filter { $0.1.isFinite }.map { "\(f1($0.0)),\(f1($0.1))" }.joined(separator: " ")
    return "<polyline points=\"\(coordinates)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"\(width)\""
      + (dash ? " stroke-dasharray=\"5 3\"" : "") + "/>\n"
  }

  func line(
    _ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, color: String, width: Double, dash: Bool = false
  )
    -> String
  {
    "<line x1=\"\(f1(x1))\" y1=\"\(f1(y1))\" x2=\"\(f1(x2))\" y2=\"\(f1(y2))\" "
      + "stroke=\"\(color)\" stroke-width=\"\(width)\""
      + (dash ? " stroke-dasharray=\"5 3\"" : "") + "/>\n"
  }

  /// `rotation` in degrees about (x, y): −90 reads bottom to top, as a y-axis label.
  func text(
    _ x: Double, _ y: Double, _ content: String, size: Int, weight: String = "normal", color: String = "#222",
    anchor: String = "start", rotation: Double = 0
  ) -> String {
    "<text x=\"\(f1(x))\" y=\"\(f1(y))\" font-size=\"\(size)\" font-weight=\"\(weight)\" fill=\"\(color)\" "
      + "text-anchor=\"\(anchor)\""
      + (rotation != 0 ? " transform=\"rotate(\(f1(rotation)) \(f1(x)) \(f1(y)))\"" : "")
      + ">\(Self.escaped(content))</text>\n"
  }

  func f1(_ v: Double) -> String { String(format: "%.1f", v) }

  /// XML text: &, <, > and quotes escaped (feature and group names are user data).
  static func escaped(_ s: String) -> String {
    var out = ""
    for c in s {
      switch c {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      default: out.append(c)
      }
    }
    return out
  }

  /// 3–6 round tick values covering [lo, hi] (steps of 1, 2 or 5 × 10ᵏ); a flat series gets a band around it.
  static func niceTicks(lo: Double, hi: Double) -> [Double] {
    var lo = lo
    var hi = hi
    if !(hi > lo) {
      let pad = max(abs(lo) * 0.1, 1e-3)
      lo -= pad
      hi += pad
    }
    let rough = (hi - lo) / 4
    let magnitude = pow(10, floor(log10(rough)))
    let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= rough } ?? 10 * magnitude
    let first = floor(lo / step) * step
    let last = ceil(hi / step) * step
    let count = Int(((last - first) / step).rounded())
    return (0...count).map { first + Double($0) * step }
  }

  /// The range drawn for values in [lo, hi]: the data's range padded by 5 % each side (a flat series
  /// gets a band around it), so the lines fill the panel and fractions of 0…1 stay near 0…1.
  static func paddedRange(lo: Double, hi: Double) -> (lo: Double, hi: Double) {
    guard hi > lo else {
      let pad = max(abs(lo) * 0.1, 1e-3)
      return (lo - pad, hi + pad)
    }
    let pad = (hi - lo) * 0.05
    return (lo - pad, hi + pad)
  }

  /// At least three round values (steps of 1, 2 or 5 × 10ᵏ, the largest that gives three) inside [lo, hi].
  static func ticks(inside lo: Double, _ hi: Double) -> [Double] {
    guard hi > lo, lo.isFinite, hi.isFinite else { return [lo] }
    var magnitude = pow(10, floor(log10(hi - lo)))
    while true {
      for multiple in [5.0, 2, 1] {
        let step = multiple * magnitude
        let first = (lo / step).rounded(.up)
        let last = (hi / step).rounded(.down)
        if last - first >= 2 { return stride(from: first, through: last, by: 1).map { $0 * step } }
      }
      magnitude /= 10
    }
  }

  /// A tick label with as many decimals as the step needs.
  static func tickLabel(_ v: Double, step: Double) -> String {
    let decimals = max(0, min(6, Int(-floor(log10(step)))))
    let label = String(format: "%.\(decimals)f", abs(v) < step / 1e6 ? 0 : v)
    return label
  }
}
