import Foundation
import Support
import Transforms

/// Writes a whole shard directory atomically: shards go to `DIR/.staging/`, and `commit` removes the
/// old manifest, moves the new splits in and writes `manifest.json` last, so a reader sees the old
/// result, no result, or the new one — never a torn mix.
public final class ShardDatasetWriter: WindowSink {
  public let directory: URL
  /// Where files of the new result are written before `commit` moves them into place.
  public let stagingDirectory: URL
  public let windowLength: Int
  public let featureCount: Int
  public let settings: ShardSettings
  private let windowsPerShard: Int
  private var writers: [SplitName: ShardWriter] = [:]
  private var shardCounts: [SplitName: Int] = [:]
  private var finished: [SplitName: [ShardEntry]] = [:]
  private var uncompressed: [SplitName: Int] = [:]
  private var committed = false
  private let blocks = BlockBufferPool()
  /// Finished shards being synced and renamed in the background.
  private let syncs = PendingSyncs()
  /// What every shard's blocks are encoded against (`ShardWriter`'s `reference`).
  private let reference: [Float]

  /// - Parameter reference: the window most windows equal (`FittedTransforms.referenceWindow(for:)`);
  ///   zeros when nil.
  public init(
    directory: URL, windowLength: Int, featureCount: Int, settings: ShardSettings, reference: [Float]? = nil
  ) throws {
    self.directory = directory
    self.reference = reference ?? [Float](repeating: 0, count: windowLength * featureCount)
    stagingDirectory = directory.appendingPathComponent(".staging")
    self.windowLength = windowLength
    self.featureCount = featureCount
    self.settings = settings
    windowsPerShard = settings.windowsPerShard(windowValueCount: windowLength * featureCount)
    let fm = FileManager.default
    do {
      try fm.createDirectory(at: stagingDirectory, withIntermediateDirectories: true)
      for split in SplitName.allCases {
        let folder = stagingDirectory.appendingPathComponent(split.rawValue)
        if fm.fileExists(atPath: folder.path) { try fm.removeItem(at: folder) }
        try fm.createDirectory(at: folder, withIntermediateDirectories: true)
      }
    } catch {
      throw ShardError(
        .io, "\(directory.path): cannot prepare the output directory (\(PlainErrorText.fileSystem(error)))")
    }
  }

  /// Empties (or creates) `directory/.staging`, removing leftovers of an interrupted run, and returns it;
  /// callers write side files there (e.g. `rejects.tsv`) before creating the writer.
  public static func prepareStaging(in directory: URL) throws -> URL {
    let staging = directory.appendingPathComponent(".staging")
    let fm = FileManager.default
    do {
      if fm.fileExists(atPath: staging.path) { try fm.removeItem(at: staging) }
      try fm.createDirectory(at: staging, withIntermediateDirectories: true)
    } catch {
      throw ShardError(
        .io, "\(directory.path): cannot prepare the output directory (\(PlainErrorText.fileSystem(error)))")
    }
    return staging
  }

  deinit {
    try? syncs.wait()
    if !committed { try? FileManager.default.removeItem(at: stagingDirectory) }
  }

  /// Appends a window to `split`; windows must arrive in export order (group, then start day).
  public func append(_ window: UnsafeBufferPointer<Float>, key: WindowKey, split: SplitName) throws {
    let writer = try openWriter(split)
    try writer.append(window, key: key)
    if writer.windowCount == windowsPerShard { try close(split) }
  }

  /// Appends one group's windows; when they are masked against this writer's reference and stored as
  /// float32, their masks and values go into the blocks as they are, without being rebuilt.
  public func append(_ windows: GroupWindows) throws {
    let sameReference = windows.reference.withUnsafeBytes { a in reference.withUnsafeBytes { a.elementsEqual($0) } }
    guard settings.dtype == .float32, sameReference else { return try appendRebuilt(windows) }
    let m = windows.layout.maskBytesPerWindow
    try windows.masks.withUnsafeBytes { masks in
      try windows.stored.withUnsafeBufferPointer { values in
        for i in 0..<windows.windowCount {
          let split = windows.splits[i]
          let writer = try openWriter(split)
          let lo = windows.valueStarts[i]
          try writer.appendMasked(
            masks: masks.baseAddress! + i * m,
            values: UnsafeBufferPointer(rebasing: values[lo..<windows.valueStarts[i + 1]]),
            key: WindowKey(group: windows.group, startDay: windows.startDays[i]))
          if writer.windowCount == windowsPerShard { try close(split) }
        }
      }
    }
  }

  /// The open shard of `split`, or a new one.
  private func openWriter(_ split: SplitName) throws -> ShardWriter {
    if let open = writers[split] { return open }
    let index = shardCounts[split, default: 0]
    let file = "\(split.rawValue)/shard-\(pad5(index)).\(ShardFormat.fileExtension)"
    let writer = try ShardWriter(
      url: stagingDirectory.appendingPathComponent(file), name: file, windowLength: windowLength,
      featureCount: featureCount, dtype: settings.dtype, zstdLevel: settings.zstdLevel,
      blockWindows: settings.blockWindows, reference: reference, blocks: blocks)
    writers[split] = writer
    shardCounts[split] = index + 1
    return writer
  }

  private func close(_ split: SplitName) throws {
    guard let writer = writers.removeValue(forKey: split) else { return }
    let summary = try writer.finish(syncingOn: syncs)
    let file = "\(split.rawValue)/\(summary.url.lastPathComponent)"
    finished[split, default: []].append(
      ShardEntry(file: file, windows: summary.windowCount, bytes: summary.byteCount, crc32: hex(summary.crc32)))
    uncompressed[split, default: 0] += summary.uncompressedByteCount
  }

  /// Finishes every shard, fills the manifest's split listings, and swaps the new result into place.
  /// Files the caller put in `stagingDirectory` (e.g. `rejects.tsv`) move along. Returns the manifest written.
  @discardableResult
  public func commit(_ manifest: ShardManifest) throws -> ShardManifest {
    for split in SplitName.allCases { try close(split) }
    try syncs.wait()
    var manifest = manifest
    for split in SplitName.allCases {
      let entries = finished[split] ?? []
      manifest.splits[split] = SplitManifest(
        windows: entries.reduce(0) { $0 + $1.windows }, uncompressedBytes: uncompressed[split] ?? 0, shards: entries)
    }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    let fm = FileManager.default
    let manifestURL = directory.appendingPathComponent("manifest.json")
    do {
      var data = try encoder.encode(manifest)
      data.append(0x0A)
      let staged = try ShardFileHandle(
        creating: stagingDirectory.appendingPathComponent("manifest.json").path, name: "manifest.json")
      try data.withUnsafeBytes { try staged.write($0) }
      try staged.sync()
      for split in SplitName.allCases { syncDirectory(stagingDirectory.appendingPathComponent(split.rawValue)) }
      syncDirectory(stagingDirectory)
      // From here the old result is withdrawn first, so no reader can mix old and new files.
      if fm.fileExists(atPath: manifestURL.path) { try fm.removeItem(at: manifestURL) }
      let names = try fm.contentsOfDirectory(atPath: stagingDirectory.path).filter { $0 != "manifest.json" }.sorted()
      for name in names {
        let target = directory.appendingPathComponent(name)
        if fm.fileExists(atPath: target.path) { try fm.removeItem(at: target) }
        try fm.moveItem(at: stagingDirectory.appendingPathComponent(name), to: target)
      }
      syncDirectory(directory)
      try renameReplacing(stagingDirectory.appendingPathComponent("manifest.json"), manifestURL, name: "manifest.json")
      syncDirectory(directory)
      try fm.removeItem(at: stagingDirectory)
    } catch let error as ShardError {
      throw error
    } catch {
      throw ShardError(
        .io, "\(directory.path): cannot move the new result into place (\(PlainErrorText.fileSystem(error)))")
    }
    committed = true
    return manifest
  }
}

func pad5(_ value: Int) -> String {
  let s = String(value)
  return String(repeating: "0", count: max(0, 5 - s.count)) + s
}
