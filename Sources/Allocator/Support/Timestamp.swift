import CPlatform
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `generated_at` timestamps: ISO-8601 with microseconds, UTC, in the shape
/// Python's `datetime.isoformat()` writes (`2025-12-18T16:10:15.684434`).
package enum Timestamp {
    package static func now() -> String {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        var t = ts.tv_sec
        var parts = tm()
        gmtime_r(&t, &parts)
        func pad(_ v: Int, _ width: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(Int(parts.tm_year) + 1900, 4))-\(pad(Int(parts.tm_mon) + 1, 2))-\(pad(Int(parts.tm_mday), 2))T"
            + "\(pad(Int(parts.tm_hour), 2)):\(pad(Int(parts.tm_min), 2)):\(pad(Int(parts.tm_sec), 2)).\(pad(Int(ts.tv_nsec) / 1000, 6))"
    }
}

/// Fixed-point formatting (`%.Nf`) for summaries and messages.
package func fixed(_ value: Double, _ digits: Int) -> String {
    if value.isNaN { return "nan" }
    if value.isInfinite { return value > 0 ? "inf" : "-inf" }
    var buffer = [CChar](repeating: 0, count: 64)
    let length = Int(cplatform_format_fixed(&buffer, 64, Int32(digits), value))
    return String(decoding: buffer[..<min(max(length, 0), 63)].map { UInt8(bitPattern: $0) }, as: UTF8.self)
}
