import Frames
import Support
import Testing

@Test func npyHeaderIsPaddedTo64BytesAndParsesBack() throws {
  for shape in [[3], [2, 274], [10, 14, 5]] {
    let header = NPYFormat.header(dtype: .float32, shape: shape)
    #expect(header.count % 64 == 0)
    #expect(header.last == UInt8(ascii: "\n"))
    let parsed = try #require(NPYFormat.parseHeader(header))
    #expect(parsed.shape == shape)
    #expect(parsed.dtype == .float32)
    #expect(parsed.payloadOffset == header.count)
  }
}
