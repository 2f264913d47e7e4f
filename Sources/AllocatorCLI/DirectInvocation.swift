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
/// `allocator update`. Nor does it build the commands' option groups: it
/// hands the command plain ``LiveRunSettings`` (same defaults:
/// ``RunLocationOptions/defaultRunsRoot``, ``LockOptions/defaultTimeout``;
/// same checks). Anything else — another option, a malformed value, help —
/// returns `nil`, and the caller goes through ArgumentParser, which then
/// explains the problem.
struct DirectInvocation: Equatable {
    var runDir: String?
    var runId: String?
    var runsRoot = RunLocationOptions.defaultRunsRoot
    var outputDir: String?
    var quiet = false
    var lockTimeout = LockOptions.defaultTimeout

    /// The command named `name` run on plain settings, `nil` for the other commands.
    static func command(named name: String) -> ((LiveRunSettings) throws -> Void)? {
        switch name {
        case "state": return StateCommand.run
        case "pipeline": return PipelineCommand.run
        case "update": return UpdateCommand.run
        default: return nil
        }
    }

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
        if LiveRunSettings.locationProblem(runDir: runDir, runId: runId) != nil
            || LiveRunSettings.lockTimeoutProblem(lockTimeout) != nil { return nil }
    }

    /// The settings ArgumentParser's options would give (no config file, no risk flag).
    var settings: LiveRunSettings {
        let run = LiveRunSettings.runDirectory(runDir: runDir, runId: runId, runsRoot: runsRoot)
        return LiveRunSettings(runDirectory: run, outputDirectory: outputDir ?? run, quiet: quiet, lockTimeout: lockTimeout)
    }
}
