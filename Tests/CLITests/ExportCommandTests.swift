import FixtureSupport
import Foundation
import Frames
import Shards
import Support
import Testing

@Suite struct ExportCommandTests {
  @Test func npyExportHoldsTheSplitInExportOrderWithKeys() throws {
    let out = try runSensors()
    let dir = try Fixtures.temporaryDirectory("cli-export")
    let npy = dir.appendingPathComponent("valid.npy")
    let keys = dir.appendingPathComponent("keys.npy")
    let result = try runIcews([
      "export", out.path, "--split", "valid", "--format", "npy", "-o", npy.path, "--keys", keys.path,
    ])
    #expect(result.status == 0, "\(result.stderr)")

    let dataset = try ShardDataset.open(out)
    let n = dataset.windowCount(.valid)
    let bytes = [UInt8](try Data(contentsOf: npy))
    let header = try #require(NPYFormat.parseHeader(bytes))
    #expect(header.dtype == .float32)
    #expect(header.shape == [n, 5, 3])
    var expected: [Float] = []
    var expectedKeys: [Int64] = []
    try dataset.forEachBlock(.valid) { blockKeys, values in
      expected += values
      for key in blockKeys { expectedKeys += [Int64(key.group), Int64(key.startDay)] }
    }
    let payload = bytes[header.payloadOffset...]
    let floats = stride(from: payload.startIndex, to: payload.endIndex, by: 4).map { i in
      Float(
        bitPattern: UInt32(payload[i]) | UInt32(payload[i + 1]) << 8 | UInt32(payload[i + 2]) << 16 | UInt32(
          payload[i + 3]) << 24)
    }
    #expect(floats == expected)

    let keyBytes = [UInt8](try Data(contentsOf: keys))
    let keyHeader = try #require(NPYFormat.parseHeader(keyBytes))
    #expect(keyHeader.dtype == .int64 && keyHeader.shape == [n, 2])
    let keyPayload = keyBytes[keyHeader.payloadOffset...]
    let ints = stride(from: keyPayload.startIndex, to: keyPayload.endIndex, by: 8).map { i in
      (0..<8).reduce(Int64(0)) { $0 | Int64(keyPayload[i + $1]) << (8 * $1) }
    }
    #expect(ints == expectedKeys)
  }

  @Test func csvExportHasOneLinePerWindowDay() throws {
    let out = try runSensors()
    let csv = try Fixtures.temporaryDirectory("cli-export-csv").appendingPathComponent("train.csv")
    let result = try runIcews(["export", out.path, "--split", "train", "--format", "csv", "-o", csv.path])
    #expect(result.status == 0, "\(result.stderr)")
    let lines = try String(contentsOf: csv, encoding: .utf8).split(separator: "\n")
    #expect(lines.first == "window,group,start,step,temp,load,errors")
    #expect(lines.count == 1 + 5 * (try ShardDataset.open(out)).windowCount(.train))
    #expect(lines[1].hasPrefix("0,east,2021-03-01,0,"))
  }
}
