import TimeSeries
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
    /// Wall seconds (including the helper's start, about 2 ms) and peak
    /// resident set size (MB) of one run. The peak is
    /// the child's own: a child forked from this process inherits its peak at
    /// `exec` (Linux folds the old address space's high-water mark into the
    /// child's), so the run goes through a fresh `allocator-bench
    /// --peak-rss-of FILE …` (``reportPeakResident(file:arguments:)``), whose
    /// child starts from a few MB.
    func timeWithPeakResident(_ arguments: [String]) throws -> (seconds: Double, megabytes: Double) {
        let file = "/tmp/allocator-bench-peak-\(getpid())"
        defer { unlink(file) }
        let t0 = monotonicSeconds()
        let pid = try spawn(path: selfExecutable, ["--peak-rss-of", file] + arguments)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        let dt = monotonicSeconds() - t0
        guard status == 0, let text = try? String(decoding: FileBytes.read(path: file), as: UTF8.self),
              let kilobytes = Double(text) else {
            throw BenchError("`allocator \(arguments.joined(separator: " "))` failed (status \(status))")
        }
        return (dt, kilobytes * 1024 / 1e6)
    }

    /// The `--peak-rss-of FILE ARGS…` mode: runs `allocator ARGS… --quiet`,
    /// writes its peak resident set size in KiB to FILE; returns its exit status.
    func reportPeakResident(file: String, arguments: [String]) -> Int32 {
        guard let pid = try? spawn(arguments) else { return 1 }
        var status: Int32 = 0
        var usage = rusage()
        wait4(pid, &status, 0, &usage)
        guard status == 0 else { return 1 }
        return (try? FileBytes.writeAtomically("\(usage.ru_maxrss)", to: file)) == nil ? 1 : 0
    }

    /// This benchmark's own executable.
    private var selfExecutable: String {
        executable.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/") + "/allocator-bench"
    }

    /// Starts `allocator arguments… --quiet` with its output discarded.
    private func spawn(_ arguments: [String]) throws -> pid_t {
        try spawn(path: executable, arguments + ["--quiet"])
    }

    /// Starts `path arguments…` with its output discarded.
    private func spawn(path: String, _ arguments: [String]) throws -> pid_t {
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var pid: pid_t = 0
        guard posix_spawn(&pid, path, &actions, nil, argv, environ) == 0 else {
            throw BenchError("cannot start \(path)")
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
