import EventData
import Foundation
import Frames
import Support
import Transforms

/// File formats `icews export` writes.
public enum ExportFormat: String, Sendable, CaseIterable {
  /// float32 [N, T, F] `.npy`.
  case npy
  /// One line per (window, step): `window,group,start,step,<features>`.
  case csv
}

extension ShardDataset {
  /// Writes every window of `split` in export order (group, then start day) to `output`, and
  /// optionally the keys (int64 [N, 2]: group index, start day offset) to `keysOutput` (`.csv` →
  /// CSV, anything else → `.npy`). Streams block by block; returns the number of windows written.
  @discardableResult
  public func export(
    _ split: SplitName, format: ExportFormat, to output: URL, keysTo keysOutput: URL? = nil,
    progress: (Int, Int) -> Void = { _, _ in }
  ) throws -> Int {
    let n = windowCount(split)
    let t = manifest.windowLength
    let f = manifest.featureCount
    let out = try OutputFile(output)
    let keysCSV = keysOutput?.pathExtension.lowercased() == "csv"
    let keysFile = try keysOutput.map(OutputFile.init)
    switch format {
    case .npy: try out.write(NPYFormat.header(dtype: .float32, shape: [n, t, f]))
    case .csv:
      try out.write(Array(("window,group,start,step," + manifest.featureNames.joined(separator: ",") + "\n").utf8))
    }
    if let keysFile {
      if keysCSV {
        try keysFile.write(Array("group,start_day\n".utf8))
      } else {
        try keysFile.write(NPYFormat.header(dtype: .int64, shape: [n, 2]))
      }
    }
    var written = 0
    var text: [UInt8] = []
    var keyBytes: [UInt8] = []
    try forEachBlock(split) { keys, values in
      switch format {
      case .npy:
        try out.write(UnsafeRawBufferPointer(values))
      case .csv:
        text.removeAll(keepingCapacity: true)
        for (k, key) in keys.enumerated() {
          let prefix =
            "\(written + k),\(csvField(manifest.groups[key.group])),\(manifest.calendar.firstDay(key.startDay).iso),"
          for step in 0..<t {
            text.append(contentsOf: (prefix + "\(step)").utf8)
            let row = (k * t + step) * f
            for j in 0..<f {
              text.append(UInt8(ascii: ","))
              text.append(contentsOf: "\(values[row + j])".utf8)
            }
            text.append(UInt8(ascii: "\n"))
          }
        }
        try out.write(text)
      }
      if let keysFile {
        keyBytes.removeAll(keepingCapacity: true)
        for key in keys {
          if keysCSV {
            keyBytes.append(contentsOf: "\(key.group),\(key.startDay)\n".utf8)
          } else {
            keyBytes.appendLE(Int64(key.group))
            keyBytes.appendLE(Int64(key.startDay))
          }
        }
        try keysFile.write(keyBytes)
      }
      written += keys.count
      progress(written, n)
    }
    try out.close()
    try keysFile?.close()
    return written
  }
}

/// A file (or standard output for `-`) written in large pieces; errors name the path.
final class OutputFile {
  private let handle: ShardFileHandle?
  private let path: String

  init(_ url: URL) throws {
    path = url.path
    handle =
      url.path == "-" || url.relativePath == "-"
      ? nil : try ShardFileHandle(creating: url.path, name: url.path, isShard: false)
  }

  func write(_ bytes: [UInt8]) throws {
    try bytes.withUnsafeBytes { try write($0) }
  }

  func write(_ bytes: UnsafeRawBufferPointer) throws {
    if let handle {
      try handle.write(bytes)
    } else {
      FileHandle.standardOutput.write(Data(bytes))
    }
  }

  func close() throws {}
}
