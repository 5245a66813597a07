extension String {
  /// Byte order of UTF-8, the one ordering docs/FRAMES.md uses for groups and vocabulary ties
  /// (Swift's `<` compares Unicode canonical forms instead).
  public func precedesInByteOrder(_ other: String) -> Bool {
    utf8.lexicographicallyPrecedes(other.utf8)
  }
}
