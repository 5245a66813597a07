import Testing

@testable import Loader

@Suite struct DeterministicRandomTests {
  @Test func splitMix64MatchesTheReferenceSequence() {
    // Outputs of Vigna's splitmix64.c for state 1234567.
    var random = DeterministicRandom(state: 1_234_567)
    #expect(random.next() == 6_457_827_717_110_365_317)
    #expect(random.next() == 3_203_168_211_198_807_973)
    #expect(random.next() == 9_817_491_932_198_370_423)
  }

  @Test func boundedDrawsStayInRangeAndReachEveryValue() {
    var random = DeterministicRandom(seed: 5, epoch: 0, purpose: .shuffleBuffer)
    var seen = Set<Int>()
    for _ in 0..<2000 {
      let value = random.below(7)
      #expect((0..<7).contains(value))
      seen.insert(value)
    }
    #expect(seen.count == 7)
  }

  @Test func permutationIsAPermutationAndDependsOnEveryStreamInput() {
    func order(_ seed: UInt64, _ epoch: Int, _ purpose: DeterministicRandom.Purpose, _ index: Int) -> [Int] {
      var random = DeterministicRandom(seed: seed, epoch: epoch, purpose: purpose, index: index)
      return random.permutation(50)
    }
    let base = order(1, 2, .blockOrder, 3)
    #expect(base.sorted() == Array(0..<50))
    #expect(order(1, 2, .blockOrder, 3) == base)
    #expect(order(9, 2, .blockOrder, 3) != base)
    #expect(order(1, 7, .blockOrder, 3) != base)
    #expect(order(1, 2, .shardOrder, 3) != base)
    #expect(order(1, 2, .blockOrder, 4) != base)
  }
}
