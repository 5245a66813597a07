import Foundation
import Testing

/// Every subcommand's `--help`, as `icews --help` lists them: examples that start with the command, and an
/// overview, discussion and examples that fit 80 columns (the usage line and option table are
/// ArgumentParser's).
@Suite struct HelpTextTests {
  static func subcommands() throws -> [String] {
    let help = try runIcews(["--help"]).stdoutText
    // the listing runs to the first blank line
    let listing = (help.components(separatedBy: "SUBCOMMANDS:").last ?? "").components(separatedBy: "\n\n").first ?? ""
    return listing.split(separator: "\n").compactMap { line in
      // a subcommand's line starts with two spaces and its name; continuation lines are indented further
      guard line.hasPrefix("  "), !line.hasPrefix("   "), let name = line.split(separator: " ").first else {
        return nil
      }
      return String(name)
    }
  }

  @Test func icewsListsEverySubcommand() throws {
    let names = try Self.subcommands()
    #expect(names.count >= 14 && names.contains("alerts") && names.contains("run"), "\(names)")
  }

  @Test func everySubcommandHasExamplesAndFitsEightyColumns() throws {
    for name in try Self.subcommands() {
      let help = try runIcews([name, "--help"])
      #expect(help.status == 0, "\(name)")
      let text = help.stdoutText.components(separatedBy: "USAGE:").first ?? ""
      let examples = text.components(separatedBy: "Examples:").dropFirst().first ?? ""
      #expect(examples.contains("  icews \(name) "), "\(name) --help has no examples of itself")
      let long = text.split(separator: "\n").filter { $0.count > 80 }
      #expect(long.isEmpty, "\(name) --help: lines over 80 columns: \(long)")
    }
  }
}
