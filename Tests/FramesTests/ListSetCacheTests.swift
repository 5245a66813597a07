import Testing

@testable import Frames

@Suite struct ListSetCacheTests {
  @Test func findsWhatItHoldsAndStartsOverPastHalfItsCapacity() {
    var cache = ListSetCache()
    // keys as the accumulator uses them: storage objects of distinct arrays, kept alive by the cache
    func object(_ array: [String]) -> UInt { array.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) } }
    var held: [([String], UInt)] = []
    for i in 0..<(1 << 16) {
      let array = ["sector \(i)"]
      held.append((array, object(array)))
      cache.insert(held[i].1, id: UInt32(i + 1), keepingAlive: array)
    }
    #expect(held.indices.allSatisfy { cache.id(of: held[$0].1) == UInt32($0 + 1) })
    #expect(cache.id(of: 8) == nil)
    // one more starts the table over: only the newest is found, older ones miss (and are looked up again)
    let extra = ["one more"]
    cache.insert(object(extra), id: 7, keepingAlive: extra)
    #expect(cache.id(of: object(extra)) == 7)
    #expect(cache.id(of: held[0].1) == nil && cache.id(of: held.last!.1) == nil)
  }
}
