import EventData
import Frames
@testable import Pipeline
import Testing
import Transforms

@Suite struct FeatureUnitsTests {
  @Test func unitsFollowNormalizationAndDifferencing() {
    let week = CalendarPeriod.week
    let count = FeatureSpec.numeric(.eventCount, agg: .sum, scale: nil, transform: .log1p, fill: 0)
    #expect(FeatureUnits.raw(count, period: week) == "log(1 + events per week)")
    #expect(FeatureUnits.raw(.oneHot(.quadClass), period: .day) == "fraction of the day's events")
    let intensity = FeatureSpec.numeric(.intensity, agg: .mean, scale: -1...1, transform: .none, fill: 0)
    #expect(FeatureUnits.raw(intensity, period: week) == "mean intensity, scaled to -1…1")
    func label(_ n: NormalizeMethod, _ order: Int, _ scope: DifferenceScope, _ space: WindowSpace) -> String {
      FeatureUnits.transformed(
        "fraction", normalize: n, difference: DifferenceSettings(order: order, scope: scope), period: week,
        space: space)
    }
    #expect(label(.zscore, 0, .window, .model) == "z-score")
    #expect(label(.zscore, 1, .window, .model) == "z-score, then Δ per week")
    #expect(label(.zscore, 1, .window, .normalized) == "z-score")
    #expect(label(.zscore, 1, .series, .normalized) == "Δ z-score per week")
    #expect(label(.none, 1, .series, .model) == "Δ fraction per week")
    #expect(label(.minmax, 0, .window, .model) == "scaled to the train min…max")
    #expect(label(.zscore, 1, .series, .raw) == "fraction")
  }
}
