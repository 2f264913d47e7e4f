import ArgumentParser
import CPlatform
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The process entry: the live-use commands straight to ``DirectInvocation``
/// or their own parser, everything else through the whole command tree
/// (``runTree(_:)``), all from this thread.
///
/// Parsing through ``AllocatorCommand`` reflects over every subcommand's
/// options (ArgumentParser builds the argument set of the whole tree to look
/// for a completion-script request) — a few milliseconds of start-up, most of
/// the budget of a one-day `allocator update` or `allocator state` on a small
/// run. When the first argument names one of ``directCommands`` and its own
/// parser accepts the rest, the command runs directly; anything that parser
/// does not accept (help, `--version`, a mistake) goes through the tree, so
/// help, usage and error texts are those of `allocator <command>` as before.
@main
enum EntryPoint {
    static let directCommands: [any ParsableCommand.Type] = [
        StateCommand.self, RegimeCommand.self, RiskCommand.self, PipelineCommand.self, UpdateCommand.self, ValidateCommand.self,
    ]

    static func main() {
        cplatform_keep_freed_memory()
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let name = arguments.first, let command = DirectInvocation.command(named: name),
           let invocation = DirectInvocation(arguments: Array(arguments.dropFirst())) {
            run { try command(invocation.settings) }
        }
        if let name = arguments.first, let type = directCommands.first(where: { $0.configuration.commandName == name }),
           !arguments.contains(where: isHelpRequest),
           let parsed = try? type.parseAsRoot(Array(arguments.dropFirst())) {
            var command = parsed
            run { try command.run() }
        }
        runTree(arguments)
    }

    /// Parses `arguments` through the whole tree and runs the command, as
    /// `AllocatorCommand.main()` would, but on this thread.
    ///
    /// The asynchronous `main()` parks the main thread in `dispatch_main`,
    /// whose `pthread_exit` unwinds it; the first unwind in this static
    /// executable sorts the frame-description entries of the whole binary
    /// (libgcc, about 30–40 ms) before the command starts. So the tree is
    /// parsed synchronously (there are no asynchronous completions) and an
    /// asynchronous command (`calibrate`) runs as a task this thread waits
    /// for (``AsyncCommandRun``); nothing here needs the main queue.
    static func runTree(_ arguments: [String]) -> Never {
        do {
            var command = try AllocatorCommand.parseAsRoot(arguments)
            if let asyncCommand = command as? any AsyncParsableCommand {
                try AsyncCommandRun(asyncCommand).wait()
            } else {
                try command.run()
            }
        } catch {
            AllocatorCommand.exit(withError: error)
        }
        exit(0)
    }

    /// Runs a command and exits with its status.
    static func run(_ command: () throws -> Void) -> Never {
        do { try command() } catch let code as ExitCode {
            // The command has already reported the failure; skip the help machinery a generic error builds.
            finish(code.rawValue)
        } catch { AllocatorCommand.exit(withError: error) }
        finish(0)
    }

    /// Flushes standard output and error and ends the process with `status`
    /// at once (`_exit`): the exit handlers of the runtimes linked in have
    /// nothing to save for a finished command (every file it writes is
    /// complete before it returns, the run-directory lock dies with the
    /// process) and took about 0.5 ms of a one-day `allocator update`.
    static func finish(_ status: Int32) -> Never {
        fflush(nil)
        _exit(status)
    }

    /// Arguments that ask for help text, which only the whole tree prints right.
    static func isHelpRequest(_ argument: String) -> Bool {
        argument == "-h" || argument == "--help" || argument == "help" || argument.hasPrefix("--generate-completion")
            || argument == "--experimental-dump-help"
    }
}
