/// Formats SVG coordinates with one decimal (a tenth of a pixel is below what
/// a screen or printer shows), without a trailing `.0` and without `-0`:
/// `12.345 → "12.3"`, `-0.04 → "0"`, `7.0 → "7"`. Written by hand because it
/// runs once per path point.
enum SVGNumber {
    /// The coordinate `value` rounded to tenths; `"0"` for a non-finite value.
    static func format(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let tenths = Int((value * 10).rounded())
        if tenths == 0 { return "0" }
        let magnitude = tenths.magnitude
        let whole = magnitude / 10, fraction = magnitude % 10
        let sign = tenths < 0 ? "-" : ""
        return fraction == 0 ? "\(sign)\(whole)" : "\(sign)\(whole).\(fraction)"
    }
}
