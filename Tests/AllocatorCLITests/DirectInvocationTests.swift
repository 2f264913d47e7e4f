import ArgumentParser
import Allocator
import Testing
@testable import AllocatorCLI

/// ``DirectInvocation`` must build exactly the commands ArgumentParser builds
/// from the same arguments, and hand everything else back to the parser.
@Suite struct DirectInvocationTests {
    static let accepted: [[String]] = [
        ["--run-dir", "runs/a"],
        ["--run-dir=runs/a", "-q"],
        ["--run-id", "a", "--runs-root", "/tmp/roots", "--quiet"],
        ["--run_id", "a"],
        ["--run-dir", "runs/a", "--output-dir", "/tmp/out", "--lock-timeout", "2.5"],
        ["--lock-timeout=0", "--run-id=b", "--output-dir=o"],
    ]

    @Test(arguments: accepted)
    func stateMatchesArgumentParser(_ arguments: [String]) throws {
        let direct = try #require(DirectInvocation(arguments: arguments)).settings
        let parsed = try StateCommand.parse(arguments)
        #expect(direct == LiveRunSettings(runDirectory: parsed.runOptions.resolvedRunDirectory,
                                          outputDirectory: parsed.runOptions.resolvedOutputDirectory,
                                          quiet: parsed.output.quiet, lockTimeout: parsed.lock.lockTimeout))
    }

    @Test(arguments: accepted)
    func pipelineAndUpdateMatchArgumentParser(_ arguments: [String]) throws {
        let direct = try #require(DirectInvocation(arguments: arguments)).settings
        #expect(direct == (try PipelineCommand.parse(arguments).options.settings))
        #expect(direct == (try UpdateCommand.parse(arguments).options.settings))
        #expect(direct.configPath == nil && direct.risk == RiskSettings())
    }

    @Test func directCommandsAreTheLiveOnes() {
        for name in ["state", "pipeline", "update"] { #expect(DirectInvocation.command(named: name) != nil, "\(name)") }
        for name in ["regime", "risk", "validate", "audit", "demo", "help", ""] {
            #expect(DirectInvocation.command(named: name) == nil, "\(name)")
        }
    }

    /// Anything beyond the shared options — other options, help, malformed or
    /// contradictory values — goes to ArgumentParser.
    @Test(arguments: [
        [], ["--profile", "M", "--run-dir", "a"], ["--config", "c.yaml", "--run-dir", "a"], ["--help"], ["-h"],
        ["--run-dir"], ["--run-dir", "--quiet"], ["--run-dir", "a", "--run-id", "b"], ["--lock-timeout", "soon", "--run-dir", "a"],
        ["--lock-timeout", "-1", "--run-dir", "a"], ["--quiet=yes", "--run-dir", "a"], ["--run-dir", "a", "extra"],
        ["--version"], ["--run-dir", "a", "--alpha", "0.5"],
    ])
    func declinesWhatItDoesNotKnow(_ arguments: [String]) {
        #expect(DirectInvocation(arguments: arguments) == nil)
    }

    /// Every option ArgumentParser declares for the direct commands is either
    /// read by ``DirectInvocation`` or makes it decline: a new option added to a
    /// shared group cannot be silently left unset on the fast path.
    @Test(arguments: ["state", "pipeline", "update"])
    func everyDeclaredOptionIsReadOrDeclined(_ command: String) throws {
        let type: any ParsableCommand.Type = command == "state" ? StateCommand.self
            : command == "pipeline" ? PipelineCommand.self : UpdateCommand.self
        let names = Self.longOptionNames(inHelpOf: type)
        #expect(names.contains("--run-dir") && names.contains("--lock-timeout"))
        let read: Set = ["--run-dir", "--run-id", "--run_id", "--runs-root", "--output-dir", "--quiet", "--lock-timeout"]
        for name in names where !read.contains(name) {
            #expect(DirectInvocation(arguments: ["--run-dir", "a", name, "1"]) == nil, "\(name)")
        }
    }

    /// Long option names (`--x`) in a command's help text.
    static func longOptionNames(inHelpOf type: any ParsableCommand.Type) -> Set<String> {
        var names: Set<String> = []
        for word in type.helpMessage(columns: 400).split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\n" || $0 == "[" || $0 == "]" }) {
            guard word.hasPrefix("--"), word.count > 2 else { continue }
            names.insert(String(word.prefix { $0 != "=" && $0 != "<" }))
        }
        names.remove("--help")
        return names
    }
}
