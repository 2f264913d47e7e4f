import ArgumentParser

/// The arguments of a live-use command (`state`, `pipeline`, `update`) read
/// without ArgumentParser, when they use only the options every run command
/// shares: `--run-dir`, `--run-id`/`--run_id`, `--runs-root`, `--output-dir`,
/// `-q`/`--quiet`, `--lock-timeout` (as `--name value` or `--name=value`).
///
/// ArgumentParser discovers a command's options by reflection, and on a
/// binary this size each first-time protocol-conformance check scans every
/// conformance record: `allocator state` on a missing run directory ran 23.9M
/// instructions through ArgumentParser and runs 6.1M this way (CPU 9.3 →
/// 4.2–6.2 ms, measured on a loaded machine), a large share of a one-day
/// `allocator update`. This reader fills the same
/// option groups the parser would (same defaults: ``RunLocationOptions/defaultRunsRoot``,
/// ``LockOptions/defaultTimeout``) and runs their own `validate()`; anything
/// else — another option, a malformed value, help — returns `nil`, and the
/// caller goes through ArgumentParser, which then explains the problem.
struct DirectInvocation: Equatable {
    var runDir: String?
    var runId: String?
    var runsRoot = RunLocationOptions.defaultRunsRoot
    var outputDir: String?
    var quiet = false
    var lockTimeout = LockOptions.defaultTimeout

    /// The commands this reader serves, by name.
    static let commands: [String: @Sendable (DirectInvocation) -> any ParsableCommand] = [
        "state": { $0.stateCommand() },
        "pipeline": { invocation in
            var command = PipelineCommand()
            command.options = invocation.pipelineOptions()
            return command
        },
        "update": { invocation in
            var command = UpdateCommand()
            command.options = invocation.pipelineOptions()
            return command
        },
    ]

    /// Reads `arguments` (after the command name), or `nil` when one is not of the shared forms.
    init?(arguments: [String]) {
        var index = 0
        func value(_ inline: String?) -> String? {
            if let inline { return inline }
            guard index < arguments.count, !arguments[index].hasPrefix("-") else { return nil }
            defer { index += 1 }
            return arguments[index]
        }
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            var name = Substring(argument), inline: String?
            if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
                name = argument[..<equals]
                inline = String(argument[argument.index(after: equals)...])
            }
            switch name {
            case "--run-dir": guard let v = value(inline) else { return nil }; runDir = v
            case "--run-id", "--run_id": guard let v = value(inline) else { return nil }; runId = v
            case "--runs-root": guard let v = value(inline) else { return nil }; runsRoot = v
            case "--output-dir": guard let v = value(inline) else { return nil }; outputDir = v
            case "-q", "--quiet": guard inline == nil else { return nil }; quiet = true
            case "--lock-timeout":
                guard let v = value(inline), let seconds = Double(v) else { return nil }
                lockTimeout = seconds
            default: return nil
            }
        }
        guard (try? runOptions().location.validate()) != nil, (try? lockOptions().validate()) != nil else { return nil }
    }

    func runOptions() -> RunOptions {
        var location = RunLocationOptions()
        location.runDir = runDir
        location.runId = runId
        location.runsRoot = runsRoot
        var options = RunOptions()
        options.location = location
        options.outputDir = outputDir
        return options
    }

    func lockOptions() -> LockOptions {
        var lock = LockOptions()
        lock.lockTimeout = lockTimeout
        return lock
    }

    func outputOptions() -> OutputOptions {
        var output = OutputOptions()
        output.quiet = quiet
        return output
    }

    func stateCommand() -> StateCommand {
        var command = StateCommand()
        command.runOptions = runOptions()
        command.output = outputOptions()
        command.lock = lockOptions()
        return command
    }

    /// Pipeline options with no configuration file and no risk override.
    func pipelineOptions() -> PipelineOptions {
        var config = ConfigOptions()
        config.path = nil
        var risk = RiskOptions()
        risk.profile = nil
        risk.alpha = nil
        risk.halfLife = nil
        risk.floor = nil
        risk.overrideRegime = nil
        risk.applyMissingScalarAs = nil
        var options = PipelineOptions()
        options.runOptions = runOptions()
        options.config = config
        options.risk = risk
        options.output = outputOptions()
        options.lock = lockOptions()
        return options
    }
}
