import Testing

@testable import icews

@Suite struct ProgressLineTests {
  let training = ProgressLine(
    stage: "training", context: "epoch 3/10", done: 1188, total: 4152, unit: "steps", perSecond: 44.6, elapsed: 26.6,
    metrics: ["loss 0.0123", "valid 0.014"])

  @Test func ratesKeepThreeSignificantDigitsWithTheirUnit() {
    #expect(ProgressLine.rate(44.6, unit: "steps") == "44.6 steps/s")
    #expect(ProgressLine.rate(3.14159, unit: "windows") == "3.14 windows/s")
    #expect(ProgressLine.rate(512.4, unit: "groups") == "512 groups/s")
    #expect(ProgressLine.rate(1234, unit: "rows") == "1.23k rows/s")
    #expect(ProgressLine.rate(412_345, unit: "events") == "412k events/s")
    #expect(ProgressLine.rate(2_100_000, unit: "rows") == "2.1M rows/s")
  }

  @Test func durationsReadAsMinutesAndHours() {
    #expect(ProgressLine.clock(7) == "0:07")
    #expect(ProgressLine.clock(66.4) == "1:06")
    #expect(ProgressLine.clock(3723) == "1:02:03")
    #expect(ProgressLine.clock(.infinity) == "?")
    #expect(ProgressLine.clock(-1) == "?")
  }

  @Test func etaIsTheRemainingCountAtTheMeasuredRate() throws {
    let eta = try #require(ProgressLine.remainingSeconds(done: 1188, total: 4152, perSecond: 44.6))
    #expect(abs(eta - 2964 / 44.6) < 1e-9)
    #expect(ProgressLine.clock(eta) == "1:06")
    #expect(ProgressLine.remainingSeconds(done: 10, total: 10, perSecond: 5) == nil)
    #expect(ProgressLine.remainingSeconds(done: 1, total: nil, perSecond: 5) == nil)
    #expect(ProgressLine.remainingSeconds(done: 1, total: 10, perSecond: nil) == nil)
  }

  @Test func aWideTerminalGetsEveryPieceAndAThirtyCellBar() {
    let line = training.fitted(width: 200)
    #expect(
      line == "training  epoch 3/10  [########----------------------]  1188/4152  28%  44.6 steps/s  ETA 1:06  "
        + "loss 0.0123  valid 0.014")
  }

  @Test func eightyColumnsKeepTheEpochBarRateEtaLossAndValidInOneLine() {
    let line = training.fitted(width: 79)
    #expect(line == "training epoch 3/10 [###--------] 44.6 steps/s ETA 1:06 loss 0.0123 valid 0.014")
    #expect(line.count <= 79)
  }

  @Test func aNarrowTerminalDropsPiecesButNeverOverflows() {
    for width in [20, 30, 40, 50, 60, 100] {
      let line = training.fitted(width: width)
      #expect(line.count <= width, "\(width): \(line)")
      #expect(line.hasPrefix("training"))
    }
    #expect(training.fitted(width: 40).contains("[#"))
    #expect(training.fitted(width: 8) == "training")
    #expect(training.fitted(width: 5) == "train")
  }

  @Test func anUnknownTotalShowsTheCountRateAndElapsedTime() {
    let reading = ProgressLine(
      stage: "reading events", done: 1_234_567, total: nil, unit: "events", perSecond: 412_000, elapsed: 3)
    #expect(reading.fitted(width: 79) == "reading events  1234567 events  412k events/s  0:03")
    let starting = ProgressLine(stage: "reading events", done: 0, total: nil, unit: "events", elapsed: 0.1)
    #expect(starting.fitted(width: 79) == "reading events  0 events  0:00")
  }

  @Test func aFinishedStageShowsItsTimeInsteadOfAnEta() {
    let done = ProgressLine(stage: "scoring test", done: 500, total: 500, unit: "windows", perSecond: 100, elapsed: 5)
    #expect(done.fitted(width: 79).hasSuffix("500/500  100%  100 windows/s  0:05"))
    #expect(done.fitted(width: 120).contains("[##############################]"))
    #expect(done.fitted(width: 79).contains("[###########################]"))
  }

  @Test func warningsWrapAtWordBoundariesToTheWidth() {
    let message =
      "warning: mean collapse: on the valid windows the model reconstructs little more than each feature's "
      + "training mean (R² = 0.1234; model MSE 0.9 vs mean baseline MSE 1.0). Try a larger hidden size (--hidden)."
    let lines = StandardError.wordWrap(message, width: 80)
    #expect(lines.count == 3)
    #expect(lines.allSatisfy { $0.count <= 80 })
    #expect(lines.dropFirst().allSatisfy { $0.hasPrefix("  ") && !$0.hasPrefix("   ") })
    #expect(lines.joined(separator: " ").split(separator: " ") == message.split(separator: " "))
    // each break is at a word boundary: the next word would not have fitted
    for (line, next) in zip(lines, lines.dropFirst()) {
      let word = next.split(separator: " ").first!
      #expect(line.count + 1 + word.count > 80)
    }
    #expect(StandardError.wrapped("short note", width: 80) == "short note\n")
    let long = String(repeating: "x", count: 90)
    #expect(StandardError.wordWrap("a " + long, width: 80) == ["a", "  " + long])
  }
}
