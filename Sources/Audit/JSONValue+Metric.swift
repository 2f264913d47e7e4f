import TimeSeries

extension JSONValue {
    /// A metric value: the number when finite, else `null` (NaN and ±∞
    /// have no JSON spelling; the reference's `NaN` becomes `null`).
    static func metric(_ value: Double) -> JSONValue { value.isFinite ? .double(value) : .null }
}
