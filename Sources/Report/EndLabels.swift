import Plot

/// Direct labels at the right end of lines, so a line is named by text and
/// not by colour alone. Labels closer than `gap` are pushed apart vertically
/// (the lower one moves down) and kept inside the plot.
enum EndLabels {
    /// One label: text, the y of its line's last point, the line's CSS class.
    struct Label {
        var text: String
        var y: Double
        var cssClass: String
    }

    /// Label y positions after spreading: sorted by y, each at least `gap` below the previous.
    static func spread(_ ys: [Double], gap: Double, top: Double, bottom: Double) -> [Double] {
        let order = ys.indices.sorted { ys[$0] < ys[$1] }
        var placed = ys
        var previous = -Double.infinity
        for index in order {
            let y = min(max(ys[index], previous + gap, top), bottom)
            placed[index] = y
            previous = y
        }
        return placed
    }

    static func render(_ labels: [Label], frame: ChartFrame, gap: Double = 14) -> Node<SVG> {
        let ys = spread(labels.map(\.y), gap: gap, top: frame.plotTop + 4, bottom: frame.plotBottom)
        return SVG.group(cssClass: "end-labels", zip(labels, ys).map { label, y in
            SVG.text(label.text, x: frame.plotRight + 6, y: y + 4, cssClass: "end-label \(label.cssClass)")
        })
    }
}
