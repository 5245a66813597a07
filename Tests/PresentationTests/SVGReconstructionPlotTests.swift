import EventData
import FixtureSupport
import Foundation
import Frames
@testable import Pipeline
import PipelineFixtures
@testable import Presentation
import Support
import Synth
import Testing
import Transforms

@Suite struct SVGReconstructionPlotTests {
  @Test func svgHasOnePanelPerFeatureTitledWithGroupAndDates() throws {
    let shards = try TrainFixtures.anomaly()
    let window = try ReconstructJob(
      directory: shards, modelURL: try TrainFixtures.trainedModel(shards), split: .test, index: 8
    ).run()
    let svg = SVGReconstructionPlot(window).render()
    #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
    #expect(svg.hasSuffix("</svg>\n"))
    #expect(svg.contains("beta · 2022-06-20 – 2022-06-26"))
    #expect(svg.components(separatedBy: "<polyline").count - 1 == 6)
    for name in ["temp", "load", "errors"] { #expect(svg.contains(">\(name)</text>")) }
    #expect(svg.contains(">06-20</text>") && svg.contains(">06-26</text>"))
  }

  @Test func wideWindowsPlotTheTwelveLargestVariancesAndEscapeNames() {
    // 20 features; feature j varies with amplitude (j * 7) % 20, so the 12 largest are known.
    let f = 20
    let t = 5
    var actual = [Float](repeating: 0, count: t * f)
    for s in 0..<t { for j in 0..<f { actual[s * f + j] = Float((j * 7) % 20) * (s % 2 == 0 ? 1 : -1) } }
    let window = WindowReconstruction(
      split: .test, index: 0, group: "A&B <x>", start: "2020-01-01", end: "2020-01-05", space: .model,
      featureNames: (0..<f).map { "src:f\($0)" }, actual: actual, reconstructed: actual, modelSpaceMSE: 0)
    let plot = SVGReconstructionPlot(window)
    let expected = (0..<f).sorted { ($0 * 7) % 20 > ($1 * 7) % 20 }.prefix(12)
    #expect(plot.plottedFeatures == Array(expected))
    let svg = plot.render()
    #expect(svg.components(separatedBy: "<polyline").count - 1 == 24)
    #expect(svg.contains("A&amp;B &lt;x&gt;"))
    #expect(svg.contains("12 of 20 features"))
  }

  @Test func ticksAreRoundAndCoverTheRange() {
    let ticks = SVGReconstructionPlot.niceTicks(lo: -0.034, hi: 0.087)
    #expect(ticks.first! <= -0.034 && ticks.last! >= 0.087)
    #expect((3...7).contains(ticks.count))
    let step = ticks[1] - ticks[0]
    #expect(abs(step - 0.05) < 1e-12 || abs(step - 0.02) < 1e-12)
    #expect(SVGReconstructionPlot.niceTicks(lo: 2, hi: 2).count >= 2)
    #expect(SVGReconstructionPlot.dayTicks(14) == [0, 3, 6, 9, 13])
  }

  /// Weekly frames of quad + root fractions and log(1 + count), 4-week windows, a tiny model.
  private static func weeklyShardsAndModel() throws -> (shards: URL, model: URL) {
    let (_, shards) = try WeeklyFixtures.run(rows: 20000, countries: 3, label: "plot-weekly")
    let dir = shards.deletingLastPathComponent()
    var options = TrainOptions(hidden: 4)
    options.maxSteps = 3
    let model = dir.appendingPathComponent("m.safetensors")
    _ = try TrainJob(directory: shards, options: options, modelURL: model).run()
    return (shards, model)
  }

  @Test func axesCarryTheUnitOfEachFeatureInEachSpace() throws {
    let (shards, model) = try Self.weeklyShardsAndModel()
    let raw = try ReconstructJob(directory: shards, modelURL: model, split: .valid, index: 0, space: .raw).run()
    let fraction = "fraction of the week's events"
    #expect(raw.units == Array(repeating: fraction, count: 24) + ["log(1 + events per week)"])
    #expect(raw.period == .week)
    let svg = SVGReconstructionPlot(raw).render()
    #expect(svg.contains("transform=\"rotate(-90.0") && svg.contains(">\(fraction)</text>"))
    let modelSpace = try ReconstructJob(directory: shards, modelURL: model, split: .valid, index: 0).run()
    #expect(modelSpace.units == Array(repeating: "z-score", count: 25))
    #expect(SVGReconstructionPlot(modelSpace).render().contains(">z-score</text>"))
  }

  @Test func panelsNameCameoRootsAndKeepTheFeatureName() throws {
    let (shards, model) = try Self.weeklyShardsAndModel()
    let window = try ReconstructJob(directory: shards, modelURL: model, split: .valid, index: 0, space: .raw).run()
    let plot = SVGReconstructionPlot(window)
    let svg = plot.render()
    let plotted = plot.plottedFeatures.map { window.featureNames[$0] }
    let roots = plotted.filter { $0.hasPrefix("root:") }
    try #require(!roots.isEmpty, "the 12 largest variances include a CAMEO root: \(plotted)")
    for name in roots {
      let label = try #require(CameoCodebook.rootLabel(Int(name.dropFirst(5))!))
      #expect(svg.contains(">\(label)</text>"))
      // the feature's own name beside it wherever both fit the 220-pixel frame
      let fits =
        SVGReconstructionPlot.estimatedWidth(label, size: 11, bold: true) + 10
        + SVGReconstructionPlot.estimatedWidth(name, size: 9) <= 220
      #expect(svg.contains(">\(name)</text>") == fits, "\(label)")
    }
    #expect(SVGReconstructionPlot.displayName("root:04") == "04 Consult")
    #expect(SVGReconstructionPlot.displayName("root:19") == "19 Fight")
    #expect(SVGReconstructionPlot.displayName("quad:material_conflict") == "Material conflict")
    #expect(SVGReconstructionPlot.displayName("src:Government") == "src:Government")
    #expect(SVGReconstructionPlot.displayName("root:42") == "root:42")
  }

  @Test func weeklyStepsAreLabelledByTheirMondays() throws {
    let (shards, model) = try Self.weeklyShardsAndModel()
    let window = try ReconstructJob(directory: shards, modelURL: model, split: .valid, index: 0, space: .raw).run()
    #expect(window.start == "2014-06-30")
    let svg = SVGReconstructionPlot(window).render()
    for label in ["06-30", "07-07", "07-14", "07-21"] { #expect(svg.contains(">\(label)</text>"), "\(label)") }
    #expect(!svg.contains(">07-01</text>"))
    #expect(svg.contains("x: weeks, labelled by their first day"))
  }

  /// One feature of fractions between 0.1 and 0.6: the y axis fits them, it does not run to −0.5.
  private func fractionWindow() -> WindowReconstruction {
    WindowReconstruction(
      split: .test, index: 3, group: "Kenya", start: "2020-01-06", end: "2020-02-02", space: .raw,
      featureNames: ["root:19"], actual: [0.1, 0.3, 0.6, 0.2], reconstructed: [0.15, 0.3, 0.5, 0.25],
      modelSpaceMSE: 0.01, units: ["fraction of the week's events"], period: .week)
  }

  @Test func yLimitsFitTheDataWithFivePercentPadding() throws {
    let range = SVGReconstructionPlot.paddedRange(lo: 0, hi: 0.6)
    #expect(abs(range.lo + 0.03) < 1e-12 && abs(range.hi - 0.63) < 1e-12)
    let ticks = SVGReconstructionPlot.ticks(inside: -0.03, 0.63)
    #expect(ticks.count == 4 && zip(ticks, [0, 0.2, 0.4, 0.6]).allSatisfy { abs($0 - $1) < 1e-12 })
    #expect(SVGReconstructionPlot.ticks(inside: 0.98, 1.02).count >= 3)
    #expect(SVGReconstructionPlot.ticks(inside: 5, 5) == [5])

    let svg = SVGReconstructionPlot(fractionWindow()).render()
    #expect(!svg.contains(">-0.5</text>") && !svg.contains(">0.0</text>"))
    for label in ["0.2", "0.4", "0.6"] { #expect(svg.contains(">\(label)</text>")) }
    // The lines span the panel's height but for the padding: 0.1 … 0.6 is 1/1.1 of it.
    let rect = try #require(svg.firstMatch(of: /<rect x="[0-9.]+" y="([0-9.]+)" width="[0-9.]+" height="([0-9.]+)"/))
    let (top, height) = (Double(rect.1)!, Double(rect.2)!)
    let ys = svg.matches(of: /polyline points="([^"]+)"/).flatMap { m in
      m.1.split(separator: " ").map { Double($0.split(separator: ",")[1])! }
    }
    let spanned = (ys.max()! - ys.min()!) / height
    #expect(abs(spanned - 1 / 1.1) < 0.01, "\(spanned)")
    #expect(ys.allSatisfy { $0 >= top && $0 <= top + height })
  }

  @Test func longPanelTitlesStayInsideTheirPanel() throws {
    let long = "src:" + String(repeating: "Ministry of Foreign Affairs ", count: 3)
    let window = WindowReconstruction(
      split: .test, index: 0, group: "Chad", start: "2020-01-06", end: "2020-03-01", space: .raw,
      featureNames: ["root:04", "root:05", long], actual: [Float](repeating: 0.5, count: 24),
      reconstructed: [Float](repeating: 0.4, count: 24), modelSpaceMSE: 0.01, period: .week)
    let svg = SVGReconstructionPlot(window).render()
    // Short: at the frame, with the feature name on the right. Longer: at the panel's edge, name left out.
    #expect(svg.contains(">04 Consult</text>") && svg.contains(">root:04</text>"))
    #expect(svg.contains("<text x=\"308.0\" y=\"79.0\" font-size=\"11\" font-weight=\"bold\""))
    #expect(svg.contains(">05 Engage in diplomatic cooperation</text>") && !svg.contains(">root:05</text>"))
    let cut = try #require(svg.firstMatch(of: /font-weight="bold" fill="#222" text-anchor="start">(src:[^<]*)<\/text>/))
    #expect(cut.1.hasSuffix("…") && long.hasPrefix(cut.1.dropLast()))
    #expect(SVGReconstructionPlot.estimatedWidth(String(cut.1), size: 11, bold: true) <= 300 - 16 - 8)
    #expect(SVGReconstructionPlot.dayTicks(8) == [0, 2, 4, 7])
  }

  @Test func theTitleHoldsTheScoreAndRankWhenKnown() throws {
    var window = fractionWindow()
    #expect(!SVGReconstructionPlot(window).render().contains("rank"))
    let table = try ScoreTable(
      parsing: """
        group,start,end,score
        Syria,2020-01-06,2020-02-02,30.5
        Kenya,2020-01-13,2020-02-09,25.0
        Kenya,2020-01-06,2020-02-02,23.285
        Chad,2020-01-06,2020-02-02,1.5

        """, file: "scores.csv")
    let standing = try #require(table.standing(group: "Kenya", start: Day(iso: "2020-01-06")!))
    #expect(standing == WindowStanding(score: 23.285, rank: 3, windows: 4))
    window.standing = standing
    #expect(table.standing(group: "Kenya", start: Day(iso: "2020-03-02")!) == nil)
    let svg = SVGReconstructionPlot(window).render()
    #expect(svg.contains("Kenya · 2020-01-06 – 2020-02-02 · test window 3 · score 23.3, rank 3 of 4"))
  }

  @Test func theSVGRendersToAPNG() throws {
    let candidates = ["/usr/bin/rsvg-convert", "/usr/local/bin/rsvg-convert"]
    guard let rsvg = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
      print("skipped: rsvg-convert is not installed (apt-get install librsvg2-bin, as `make deps-apt` does)")
      return
    }
    let (shards, model) = try Self.weeklyShardsAndModel()
    let window = try ReconstructJob(directory: shards, modelURL: model, split: .valid, index: 0, space: .raw).run()
    let dir = try Fixtures.temporaryDirectory("plot-png")
    let svgURL = dir.appendingPathComponent("window.svg")
    let pngURL = dir.appendingPathComponent("window.png")
    try Data(SVGReconstructionPlot(window).render().utf8).write(to: svgURL)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: rsvg)
    process.arguments = ["--format", "png", "--output", pngURL.path, svgURL.path]
    let errors = Pipe()
    process.standardError = errors
    try process.run()
    process.waitUntilExit()
    let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    #expect(process.terminationStatus == 0, "\(message)")
    let png = try Data(contentsOf: pngURL)
    #expect(png.count > 10_000, "a 900-pixel plot with text and lines is more than a few bytes")
    #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
    // IHDR width and height (big-endian at bytes 16…23) are the SVG's: 3 columns × 300, 64 + 4 rows × 190.
    let header = Array(png.dropFirst(16).prefix(8))
    let width = header[0..<4].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
    let height = header[4..<8].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
    #expect(width == 900 && height == 824)
  }
}
