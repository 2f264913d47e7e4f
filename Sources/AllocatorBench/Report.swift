import Allocator

/// One line of benchmark output: `name  time  target  ratio`.
struct BenchLine {
    let name: String
    /// The measured value: seconds, unless `format` says otherwise.
    let seconds: Double
    let target: Double?
    /// How the value and the target are printed (default: a duration).
    var format: (Double) -> String = formatTime

    /// Higher is better (a throughput): the ratio printed is target / measured.
    var higherIsBetter = false

    /// This line with higher values counting as better.
    var inverted: BenchLine {
        var line = self
        line.higherIsBetter = true
        return line
    }

    var text: String {
        let t = format(seconds)
        guard let target else { return pad(name, 58) + pad(t, 12) }
        let ratio = higherIsBetter ? target / seconds : seconds / target
        let verdict = ratio <= 1 ? "ok" : (format(0) == formatTime(0) || higherIsBetter ? "SLOW" : "OVER")
        return pad(name, 58) + pad(t, 12) + pad("target " + format(target), 20) + "ratio " + fixed(ratio, 2) + "  " + verdict
    }
}

/// Megabytes (10⁶ bytes) with two decimals.
func formatMegabytes(_ mb: Double) -> String { fixed(mb, 2) + " MB" }

func formatTime(_ s: Double) -> String {
    if s < 1e-3 { return fixed(s * 1e6, 1) + " µs" }
    if s < 1 { return fixed(s * 1e3, 1) + " ms" }
    return fixed(s, 2) + " s"
}

func pad(_ s: String, _ width: Int) -> String {
    s.count >= width ? s + " " : s + String(repeating: " ", count: width - s.count)
}
