/// Containers recognized by their first bytes.
enum Magic {
  case plain, gzip, zstd, zip

  init(_ head: [UInt8]) {
    if head.count >= 2, head[0] == 0x1F, head[1] == 0x8B {
      self = .gzip
    } else if head.count >= 4, head[0] == 0x28, head[1] == 0xB5, head[2] == 0x2F, head[3] == 0xFD {
      self = .zstd
    } else if head.count >= 4, head[0] == 0x50, head[1] == 0x4B, head[2] == 0x03 || head[2] == 0x05,
      head[3] == 0x04 || head[3] == 0x06
    {
      self = .zip
    } else {
      self = .plain
    }
  }
}
