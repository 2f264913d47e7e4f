#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs the `allocator` executable built beside this benchmark (posix_spawn,
/// output discarded) and times it.
struct CommandRunner {
    let executable: String

    init() {
        var path = CommandLine.arguments[0]
        var buffer = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        if n > 0 { path = String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self) }
        let dir = path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        executable = dir + "/allocator"
    }

    var isAvailable: Bool { access(executable, X_OK) == 0 }

    /// Wall seconds of one run; throws when the command exits non-zero.
    func time(_ arguments: [String]) throws -> Double {
        let t0 = monotonicSeconds()
        let pid = try spawn(arguments)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        let dt = monotonicSeconds() - t0
        if status != 0 {
            throw BenchError("`allocator \(arguments.joined(separator: " "))` failed (status \(status))")
        }
        return dt
    }
}

extension CommandRunner {
    /// Starts `allocator arguments… --quiet` with its output discarded.
    private func spawn(_ arguments: [String]) throws -> pid_t {
        let argv = ([executable] + arguments + ["--quiet"]).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var pid: pid_t = 0
        guard posix_spawn(&pid, executable, &actions, nil, argv, environ) == 0 else {
            throw BenchError("cannot start \(executable)")
        }
        return pid
    }

    /// Starts `allocator arguments…`, SIGKILLs it after `delay` seconds (unless it ended) and reaps it.
    func killed(_ arguments: [String], after delay: Double) throws {
        let pid = try spawn(arguments)
        usleep(UInt32(max(0, delay) * 1_000_000))
        kill(pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}
