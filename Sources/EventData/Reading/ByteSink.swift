/// Where decompressed bytes of one input go.
protocol ByteSink: AnyObject {
  func push(_ bytes: UnsafeRawBufferPointer) throws
  func finish() throws
}
