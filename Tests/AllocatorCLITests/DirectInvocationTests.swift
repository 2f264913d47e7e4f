import ArgumentParser
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

    /// What a command will do with its options, as the tool reads them.
    struct Resolved: Equatable {
        var runDirectory: String
        var outputDirectory: String
        var quiet: Bool
        var lockTimeout: Double
    }

    static func resolved(_ options: PipelineOptions) -> Resolved {
        Resolved(runDirectory: options.runOptions.resolvedRunDirectory,
                 outputDirectory: options.runOptions.resolvedOutputDirectory,
                 quiet: options.output.quiet, lockTimeout: options.lock.lockTimeout)
    }

    @Test(arguments: accepted)
    func stateMatchesArgumentParser(_ arguments: [String]) throws {
        let direct = try #require(DirectInvocation(arguments: arguments)).stateCommand()
        let parsed = try StateCommand.parse(arguments)
        #expect(direct.runOptions.resolvedRunDirectory == parsed.runOptions.resolvedRunDirectory)
        #expect(direct.runOptions.resolvedOutputDirectory == parsed.runOptions.resolvedOutputDirectory)
        #expect(direct.output.quiet == parsed.output.quiet)
        #expect(direct.lock.lockTimeout == parsed.lock.lockTimeout)
        #expect(Self.unsetProperties(of: direct).isEmpty)
    }

    @Test(arguments: accepted)
    func pipelineAndUpdateMatchArgumentParser(_ arguments: [String]) throws {
        let direct = try #require(DirectInvocation(arguments: arguments)).pipelineOptions()
        let parsed = try PipelineCommand.parse(arguments).options
        #expect(Self.resolved(direct) == Self.resolved(parsed))
        #expect(direct.config.path == nil && parsed.config.path == nil)
        #expect(direct.risk.settings == parsed.risk.settings)
        for name in ["pipeline", "update"] {
            let make = try #require(DirectInvocation.commands[name])
            let command = make(try #require(DirectInvocation(arguments: arguments)))
            #expect(Self.unsetProperties(of: command).isEmpty, "\(name)")
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

    /// Paths of property-wrapper values still in their declaration state (reading one would trap).
    static func unsetProperties(of value: Any, path: String = "") -> [String] {
        var unset: [String] = []
        for child in Mirror(reflecting: value).children {
            let here = path + "." + (child.label ?? "?")
            if child.label == "_parsedValue" {
                if String(describing: child.value).hasPrefix("definition") { unset.append(path) }
                if case let m = Mirror(reflecting: child.value), let inner = m.children.first {
                    unset += unsetProperties(of: inner.value, path: here)
                }
            } else {
                unset += unsetProperties(of: child.value, path: here)
            }
        }
        return unset
    }
}

@Suite struct UnsetPropertyDetectorTests {
    @Test func seesACommandThatWasNeverParsed() throws {
        #expect(!DirectInvocationTests.unsetProperties(of: StateCommand()).isEmpty)
        #expect(DirectInvocationTests.unsetProperties(of: try StateCommand.parse(["--run-dir", "a"])).isEmpty)
    }
}
