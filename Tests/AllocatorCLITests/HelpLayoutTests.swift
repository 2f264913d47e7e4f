import ArgumentParser
import Testing
@testable import AllocatorCLI

/// `--help` is read in an 80-column terminal (ArgumentParser's width when
/// standard output is not a terminal). Paragraph lines may wrap, but an
/// indented line of a discussion — an example command, a list item, a formula —
/// is laid out by hand and must not be broken at an arbitrary word.
@Suite struct HelpLayoutTests {
    static let width = 80

    /// Every command of the tree, the root first.
    static func commands(_ root: any ParsableCommand.Type = AllocatorCommand.self) -> [any ParsableCommand.Type] {
        [root] + root.configuration.subcommands.flatMap { commands($0) }
    }

    @Test func theTreeHasEveryCommand() {
        let names = Self.commands().map { $0._commandName }
        for name in ["allocator", "state", "pipeline", "update", "audit", "compare", "calibrate", "merge", "demo"] {
            #expect(names.contains(name), "\(name)")
        }
    }

    @Test func indentedDiscussionLinesFitTheWidth() {
        for command in Self.commands() {
            for line in command.configuration.discussion.split(separator: "\n", omittingEmptySubsequences: false)
            where line.first == " " && line.count > Self.width {
                Issue.record("\(command._commandName): \(line.count) columns: \(line)")
            }
        }
    }

    /// A paragraph line has single spaces between its words (a continuation
    /// line's indentation must not leak into the text).
    @Test func paragraphsHaveNoRunsOfSpaces() {
        for command in Self.commands() {
            for line in command.configuration.discussion.split(separator: "\n")
            where line.first != " " && line.contains("  ") {
                Issue.record("\(command._commandName): spaces inside a paragraph: \(line)")
            }
        }
    }

    /// The rendered help keeps each indented line whole: no line of the output
    /// is a fragment of one.
    @Test func renderedHelpKeepsIndentedLinesWhole() {
        for command in Self.commands() {
            let help = AllocatorCommand.helpMessage(for: command, columns: Self.width)
            let lines = Set(help.split(separator: "\n").map { String($0) })
            for line in command.configuration.discussion.split(separator: "\n")
            where line.first == " " && !lines.contains(String(line)) {
                Issue.record("\(command._commandName): broken in the rendered help: \(line)")
            }
        }
    }
}
