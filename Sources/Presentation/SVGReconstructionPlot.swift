import EventData
import Foundation
import Frames
import Pipeline
import Support

/// Actual vs reconstructed series of one window as a standalone SVG: one small panel per feature
/// (the `maxPanels` features with the largest variance when there are more), axis ticks, a legend.
public struct SVGReconstructionPlot: SVGDrawing {
  public var reconstruction: WindowReconstruction
  public var maxPanels = 12
  public var columns = 3

  static let panelWidth = 300.0
  static let panelHeight = 190.0
  static let header = 64.0
  /// Inner margins of a panel: left (unit and y labels), right, top (feature name), bottom (x labels).
  static let inset = (left: 64.0, right: 16.0, top: 24.0, bottom: 24.0)
  static let actualColor = "#1f77b4"
  static let reconstructedColor = "#d62728"

  public init(_ reconstruction: WindowReconstruction) { self.reconstruction = reconstruction }

  /// Feature indices to draw: all (in order) when they fit, else the largest variances of the actual window.
  public var plottedFeatures: [Int] {
    let f = reconstruction.featureNames.count
    guard f > maxPanels else { return Array(0..<f) }
    let t = reconstruction.length
    let variances = (0..<f).map { j -> Double in
      let column = (0..<t).map { Double(reconstruction.actual[$0 * f + j]) }
      let mean = column.reduce(0, +) / Double(t)
      return column.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(t)
    }
    return Array(
      (0..<f).sorted { variances[$0] != variances[$1] ? variances[$0] > variances[$1] : $0 < $1 }.prefix(maxPanels))
  }

  public func render() -> String {
    let r = reconstruction
    let features = plottedFeatures
    let cols = max(1, min(columns, features.count))
    let rows = (features.count + cols - 1) / cols
    let width = Double(cols) * Self.panelWidth
    let height = Self.header + Double(rows) * Self.panelHeight
    var svg = """
      <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" \
      viewBox="0 0 \(Int(width)) \(Int(height))" font-family="Helvetica, Arial, sans-serif">
      <rect width="100%" height="100%" fill="white"/>

      """
    var title = "\(r.group) · \(r.start) – \(r.end) · \(r.split.rawValue) window \(r.index)"
    if let standing = r.standing {
      title += " · score \(String(format: "%.3g", standing.score)), rank \(standing.rank) of \(standing.windows)"
    }
    svg += text(8, 20, title, size: 15, weight: "bold")
    var subtitle = "\(r.space.rawValue) space · MSE (model space) \(String(format: "%.4g", r.modelSpaceMSE))"
    if features.count < r.featureNames.count {
      subtitle += " · \(features.count) of \(r.featureNames.count) features, largest variance first"
    }
    subtitle += " · x: \(r.period.rawValue)s, labelled by their first day"
    svg += text(8, 38, subtitle, size: 11, color: "#555")
    svg += legend(x: 8, y: 54)
    for (k, j) in features.enumerated() {
      svg += panel(
        feature: j, x: Double(k % cols) * Self.panelWidth, y: Self.header + Double(k / cols) * Self.panelHeight)
    }
    return svg + "</svg>\n"
  }

  private func legend(x: Double, y: Double) -> String {
    var s = line(x, y - 4, x + 24, y - 4, color: Self.actualColor, width: 2)
    s += text(x + 30, y, "actual", size: 11)
    s += line(x + 90, y - 4, x + 114, y - 4, color: Self.reconstructedColor, width: 2, dash: true)
    s += text(x + 120, y, "reconstructed", size: 11)
    return s
  }

  private func panel(feature j: Int, x: Double, y: Double) -> String {
    let r = reconstruction
    let f = r.featureNames.count
    let t = r.length
    let actual = (0..<t).map { Double(r.actual[$0 * f + j]) }
    let rebuilt = (0..<t).map { Double(r.reconstructed[$0 * f + j]) }
    let values = (actual + rebuilt).filter(\.isFinite)
    let (lo, hi) = Self.paddedRange(lo: values.min() ?? 0, hi: values.max() ?? 0)
    let ticks = Self.ticks(inside: lo, hi)
    let left = x + Self.inset.left
    let right = x + Self.panelWidth - Self.inset.right
    let top = y + Self.inset.top
    let bottom = y + Self.panelHeight - Self.inset.bottom
    let px = { (step: Int) in t > 1 ? left + (right - left) * Double(step) / Double(t - 1) : (left + right) / 2 }
    let py = { (v: Double) in bottom - (bottom - top) * (v - lo) / (hi - lo) }

    var s = "<g>\n"
    let name = r.featureNames[j]
    // A title wider than the frame starts at the panel's edge; the feature's own name goes on the right
    // when it differs and there is room for both.
    var title = Self.displayName(name)
    let titleWidth = Self.estimatedWidth(title, size: 11, bold: true)
    let titleX = titleWidth <= right - left ? left : x + 8
    let room = right - titleX
    if Self.estimatedWidth(title, size: 11, bold: true) > room {
      title = Self.truncated(title, toWidth: room, size: 11, bold: true)
    }
    s += text(titleX, y + 15, title, size: 11, weight: "bold")
    if title != name,
      Self.estimatedWidth(title, size: 11, bold: true) + 10 + Self.estimatedWidth(name, size: 9) <= room
    {
      s += text(right, y + 15, name, size: 9, color: "#777", anchor: "end")
    }
    if j < r.units.count {
      s += text(x + 14, (top + bottom) / 2, r.units[j], size: 9, color: "#555", anchor: "middle", rotation: -90)
    }
    s +=
      "<rect x=\"\(f1(left))\" y=\"\(f1(top))\" width=\"\(f1(right - left))\" height=\"\(f1(bottom - top))\" "
      + "fill=\"none\" stroke=\"#bbb\"/>\n"
    for v in ticks {
      s += line(left - 4, py(v), right, py(v), color: "#eee", width: 1)
      s += text(
        left - 6, py(v) + 3.5, Self.tickLabel(v, step: ticks.count > 1 ? ticks[1] - ticks[0] : 1), size: 9,
        anchor: "end")
    }
    // Step k starts on the k-th period's first day (a week's Monday, a month's 1st), not k days on.
    let calendar = Day(iso: r.start).map { PeriodCalendar(period: r.period, start: $0) }
    for step in Self.dayTicks(t) {
      s += line(px(step), bottom, px(step), bottom + 4, color: "#888", width: 1)
      let label =
        calendar.map { calendar -> String in
          let c = calendar.firstDay(step).components
          return String(format: "%02d-%02d", c.month, c.day)
        } ?? "\(step)"
      s += text(px(step), bottom + 15, label, size: 9, anchor: "middle")
    }
    s += polyline(actual.enumerated().map { (px($0.offset), py($0.element)) }, color: Self.actualColor, dash: false)
    s += polyline(
      rebuilt.enumerated().map { (px($0.offset), py($0.element)) }, color: Self.reconstructedColor, dash: true)
    return s + "</g>\n"
  }

  /// What a panel is titled: CAMEO roots by name (`root:19` → `19 Fight`), quad classes in words
  /// (`quad:material_conflict` → `Material conflict`), any other feature by its own name.
  static func displayName(_ feature: String) -> String {
    if feature.hasPrefix("root:"), let root = Int(feature.dropFirst(5)), let label = CameoCodebook.rootLabel(root) {
      return label
    }
    if feature.hasPrefix("quad:"), FrameSchema.quadClassNames.contains(String(feature.dropFirst(5))) {
      let words = feature.dropFirst(5).replacingOccurrences(of: "_", with: " ")
      return words.prefix(1).uppercased() + words.dropFirst()
    }
    return feature
  }

  /// Step offsets to label: about six, always including the first and last, none closer to the last
  /// than the others are to each other (so two labels never run together).
  static func dayTicks(_ t: Int) -> [Int] {
    guard t > 1 else { return [0] }
    let every = max(1, Int((Double(t - 1) / 6).rounded(.up)))
    var ticks = Array(stride(from: 0, to: t - 1, by: every))
    if t - 1 - (ticks.last ?? 0) < every, ticks.count > 1 { ticks.removeLast() }
    return ticks + [t - 1]
  }

  /// A conservative width in pixels of `text` in the sans-serif the SVG asks for (DejaVu Sans, the
  /// widest common fallback: about 0.6 em a character, 0.66 em bold).
  static func estimatedWidth(_ text: String, size: Int, bold: Bool = false) -> Double {
    Double(text.count) * Double(size) * (bold ? 0.66 : 0.6)
  }

  /// `text` cut to fit `width` pixels, ending in `…`.
  static func truncated(_ text: String, toWidth width: Double, size: Int, bold: Bool = false) -> String {
    var cut = text
    while !cut.isEmpty && estimatedWidth(cut + "…", size: size, bold: bold) > width { cut.removeLast() }
    return cut + "…"
  }
}
