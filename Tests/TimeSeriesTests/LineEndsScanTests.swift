import CCSVKernels
import Testing

/// The one-pass scan of a text's line ends and NUL bytes (LineEnds.h), both
/// forms, against the positions a plain loop finds: every length around the
/// 64-byte blocks, line ends and NULs anywhere, and any room for the ends (a
/// full buffer resumes where it stopped).
@Suite struct LineEndsScanTests {
    static func scanToEnd(_ bytes: [UInt8], from: Int, capacity: Int, baseline: Bool) -> (ends: [Int], nul: Bool) {
        var ends: [Int] = []
        var nul: Int32 = 0
        var at = from
        var room = [Int](repeating: -1, count: capacity)
        bytes.withUnsafeBufferPointer { text in
            room.withUnsafeMutableBufferPointer { out in
                var calls = 0
                while at < bytes.count && calls <= bytes.count + 1 {
                    var next = -1
                    let found = baseline
                        ? lineends_scan_baseline(text.baseAddress!, at, bytes.count, out.baseAddress!, capacity, &next, &nul)
                        : lineends_scan(text.baseAddress!, at, bytes.count, out.baseAddress!, capacity, &next, &nul)
                    ends += out.prefix(found)
                    #expect(next > at, "the scan must advance")
                    at = next
                    calls += 1
                }
            }
        }
        return (ends, nul != 0)
    }

    @Test func findsEveryLineEndAndNUL() {
        var draws = DecimalExactnessTests.Draws(state: 0x11FE)
        for length in 0..<300 {
            for trial in 0..<6 {
                let density = [2, 5, 40, 200, 1000, 100_000][trial]
                let bytes = (0..<length).map { _ -> UInt8 in
                    let roll = draws.below(density)
                    if roll == 0 { return 0x0A }
                    if roll == 1 && trial % 2 == 1 { return draws.below(50) == 0 ? 0 : 0x0D }
                    return UInt8(0x20 + draws.below(90))
                }
                let from = length == 0 ? 0 : draws.below(min(length, 70) + 1)
                let expectedEnds = (from..<length).filter { bytes[$0] == 0x0A }
                let expectedNUL = bytes[from...].contains(0)
                for capacity in [1, 2, 3, 4096] {
                    for baseline in [false, true] {
                        let (ends, nul) = Self.scanToEnd(bytes, from: from, capacity: capacity, baseline: baseline)
                        #expect(ends == expectedEnds, "length \(length) from \(from) capacity \(capacity) baseline \(baseline)")
                        #expect(nul == expectedNUL, "length \(length) from \(from) capacity \(capacity) baseline \(baseline)")
                    }
                }
            }
        }
    }
}
