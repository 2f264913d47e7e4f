import Allocator

/// One line of benchmark output: `name  time  target  ratio`.
struct BenchLine {
    let name: String
    let seconds: Double
    let target: Double?

    var text: String {
        let t = formatTime(seconds)
        guard let target else { return pad(name, 58) + pad(t, 12) }
        let ratio = seconds / target
        let verdict = ratio <= 1 ? "ok" : "SLOW"
        return pad(name, 58) + pad(t, 12) + pad("target " + formatTime(target), 20) + "ratio " + fixed(ratio, 2) + "  " + verdict
    }
}

func formatTime(_ s: Double) -> String {
    if s < 1e-3 { return fixed(s * 1e6, 1) + " µs" }
    if s < 1 { return fixed(s * 1e3, 1) + " ms" }
    return fixed(s, 2) + " s"
}

func pad(_ s: String, _ width: Int) -> String {
    s.count >= width ? s + " " : s + String(repeating: " ", count: width - s.count)
}
