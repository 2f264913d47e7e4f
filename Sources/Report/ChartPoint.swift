/// A point in chart pixel space; `y` NaN marks a gap in a line.
struct ChartPoint: Equatable, Sendable {
    var x: Double
    var y: Double

    static func == (lhs: ChartPoint, rhs: ChartPoint) -> Bool {
        lhs.x == rhs.x && (lhs.y == rhs.y || (lhs.y.isNaN && rhs.y.isNaN))
    }
}
