#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Monotonic wall-clock seconds.
func monotonicSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}

/// Runs `body` and returns its wall time in seconds.
func timed(_ body: () throws -> Void) rethrows -> Double {
    let t0 = monotonicSeconds()
    try body()
    return monotonicSeconds() - t0
}

/// Median of the wall times of `runs` executions.
func medianTime(runs: Int, _ body: () throws -> Void) rethrows -> Double {
    var times: [Double] = []
    for _ in 0..<runs { times.append(try timed(body)) }
    times.sort()
    return times[times.count / 2]
}

/// Peak resident set size of this process so far, in MiB.
func peakResidentMiB() -> Double {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    return Double(usage.ru_maxrss) / 1024
}
