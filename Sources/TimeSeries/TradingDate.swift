/// A calendar date (no time of day), stored as days since 1970-01-01.
///
/// Dates in run directories are written `YYYY-MM-DD`; readers also accept
/// `YYYY-MM-DD 00:00:00` (pandas' default for a `DatetimeIndex`).
/// Conversion uses the proleptic Gregorian calendar (civil-from-days).
public struct TradingDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Days since 1970-01-01 (negative before).
    public var daysSinceEpoch: Int32

    /// The date `daysSinceEpoch` days after 1970-01-01.
    public init(daysSinceEpoch: Int32) {
        self.daysSinceEpoch = daysSinceEpoch
    }

    /// Builds a date from its civil parts; `nil` when the parts do not name a real day.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= TradingDate.daysInMonth(year: year, month: month),
              (1...9999).contains(year) else { return nil }
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        self.daysSinceEpoch = Int32(era * 146097 + doe - 719468)
    }

    /// Year, month and day of this date.
    public var components: (year: Int, month: Int, day: Int) {
        let z = Int(daysSinceEpoch) + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        return (y, m, d)
    }

    /// ISO weekday: Monday = 1 … Sunday = 7.
    public var isoWeekday: Int {
        // 1970-01-01 was a Thursday (4).
        let r = (Int(daysSinceEpoch) % 7 + 7) % 7
        return (r + 3) % 7 + 1
    }

    /// The date `n` calendar days later (earlier for negative `n`).
    public func adding(days n: Int) -> TradingDate {
        TradingDate(daysSinceEpoch: daysSinceEpoch + Int32(n))
    }

    /// Calendar days from `self` to `other` (`other − self`).
    public func days(to other: TradingDate) -> Int {
        Int(other.daysSinceEpoch) - Int(daysSinceEpoch)
    }

    public static func < (lhs: TradingDate, rhs: TradingDate) -> Bool {
        lhs.daysSinceEpoch < rhs.daysSinceEpoch
    }

    static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        let (y, m, d) = components
        var bytes = [UInt8](repeating: 0x30, count: 10)
        bytes[0] = UInt8(0x30 + (y / 1000) % 10)
        bytes[1] = UInt8(0x30 + (y / 100) % 10)
        bytes[2] = UInt8(0x30 + (y / 10) % 10)
        bytes[3] = UInt8(0x30 + y % 10)
        bytes[4] = 0x2D
        bytes[5] = UInt8(0x30 + m / 10)
        bytes[6] = UInt8(0x30 + m % 10)
        bytes[7] = 0x2D
        bytes[8] = UInt8(0x30 + d / 10)
        bytes[9] = UInt8(0x30 + d % 10)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Parses `YYYY-MM-DD`, optionally followed by ` 00:00:00` or `T00:00:00`.
    public init?(_ text: some StringProtocol) {
        let bytes = Array(text.utf8)
        guard let date = bytes.withUnsafeBufferPointer({ TradingDate.parse($0[...]) }) else { return nil }
        self = date
    }

    /// Parses a date field from raw bytes (see ``init(_:)``).
    public static func parse(_ b: Slice<UnsafeBufferPointer<UInt8>>) -> TradingDate? {
        let n = b.count
        guard n == 10 || n == 19 else { return nil }
        let s = b.startIndex
        @inline(__always) func digit(_ i: Int) -> Int? {
            let c = b[s + i]
            return (c >= 0x30 && c <= 0x39) ? Int(c - 0x30) : nil
        }
        guard let y0 = digit(0), let y1 = digit(1), let y2 = digit(2), let y3 = digit(3),
              b[s + 4] == 0x2D, let m0 = digit(5), let m1 = digit(6), b[s + 7] == 0x2D,
              let d0 = digit(8), let d1 = digit(9) else { return nil }
        if n == 19 {
            // Only midnight is accepted: the contract is daily data.
            let sep = b[s + 10]
            guard sep == 0x20 || sep == 0x54 else { return nil }
            let tail: [UInt8] = Array("00:00:00".utf8)
            for k in 0..<8 where b[s + 11 + k] != tail[k] { return nil }
        }
        return TradingDate(year: y0 * 1000 + y1 * 100 + y2 * 10 + y3, month: m0 * 10 + m1, day: d0 * 10 + d1)
    }
}
