import PipelineFixtures
import Presentation
import Testing

@Test func theScoreTableHasAHeaderAndTheTopRows() {
  let result = ScoreFixtures.twoWindows
  #expect(result.table(top: 1).split(separator: "\n").count == 2)
}
