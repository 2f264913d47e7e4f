/// The viewBox of a chart and the plot area inside its margins.
///
/// Margins hold the axis labels (left, bottom) and the direct line labels
/// (right). One viewBox unit is about one CSS pixel at the report's width, so
/// the plot width is also the number of pixel columns for ``PixelReduction``.
struct ChartFrame: Sendable {
    var width: Double
    var height: Double
    var left: Double = 64
    var right: Double = 16
    var top: Double = 12
    var bottom: Double = 28

    var plotLeft: Double { left }
    var plotRight: Double { width - right }
    var plotTop: Double { top }
    var plotBottom: Double { height - bottom }
    var plotWidth: Double { plotRight - plotLeft }
    var plotHeight: Double { plotBottom - plotTop }
}
