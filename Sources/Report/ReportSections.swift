import Foundation
import Plot

/// The page's sections in reading order: verdict first, then performance,
/// regimes and scalars, features, and the optional sections that are present.
enum ReportSections {
    static func sections(_ model: AuditReportModel) -> [Node<HTML.BodyContext>] {
        let daily = model.daily
        let frame = AuditReport.wideFrame
        let time = daily.dates.first.flatMap { first in
            daily.dates.last.map { TimeScale(first: first, last: $0, left: frame.plotLeft, right: frame.plotRight) }
        }
        let lineLegend = [ReportFigure.LegendItem(cssClass: "line-baseline", text: "Baseline (\(model.baselineRunID))"),
                          ReportFigure.LegendItem(cssClass: "line-scaled", text: "Scaled (\(model.scaledRunID))")]
        let regimeLegend = ReportRegime.allCases.map { ReportFigure.LegendItem(cssClass: $0.cssClass, text: $0.name) }
            + [ReportFigure.LegendItem(cssClass: "line-scalar", text: "risk scalar (left axis)"),
               ReportFigure.LegendItem(cssClass: "rug", text: "rebalance")]
        let thresholdLegend = [ReportFigure.LegendItem(cssClass: "line-scaled", text: "feature value"),
                               ReportFigure.LegendItem(cssClass: "threshold-enter", text: "ENTER threshold"),
                               ReportFigure.LegendItem(cssClass: "threshold-exit", text: "EXIT threshold")]
        var sections: [Node<HTML.BodyContext>] = [
            header(model),
            section("scorecard", "Scorecard", [ScorecardSection.render(model.scorecard)]),
            section("metrics", "Baseline against scaled", [
                MetricsTable.render(model.metrics),
                model.replay.map(ReplaySection.render) ?? .empty,
            ]),
        ]
        if let time, daily.dates.count > 1 {
            sections.append(section("performance", "Equity and drawdown", [
                ReportFigure.figure(title: "Equity (log scale: equal distances are equal returns)", legend: lineLegend,
                                    EquityChart.render(daily, frame: frame, time: time)),
                ReportFigure.figure(title: "Drawdown from the running peak", legend: lineLegend,
                                    DrawdownChart.render(daily, frame: ChartFrame(width: frame.width, height: 220, left: frame.left,
                                                                                  right: frame.right, top: 12, bottom: 28), time: time)),
            ]))
            sections.append(section("regimes", "Regimes and risk scalar", [
                ReportFigure.figure(title: "Regime over time, daily risk scalar and rebalances", legend: regimeLegend,
                                    note: "The severity strip above the chart repeats the regime as bar height: none for NORMAL, one third for ELEVATED, two thirds for STRESS, full for CRISIS.",
                                    RegimeChart.render(daily, rebalances: model.rebalances,
                                                       frame: ChartFrame(width: frame.width, height: 300, left: frame.left,
                                                                         right: frame.right, top: 8, bottom: 28), time: time)),
                model.regimeSummary.map(RegimeSummarySection.render) ?? .empty,
            ]))
        } else {
            sections.append(section("performance", "Equity and drawdown", [ReportFigure.empty("Fewer than two dates: no chart.")]))
        }
        sections.append(section("scalars", "Scalar usage and de-risk events", [
            .div(.class("two-columns"),
                 .div(ReportFigure.figure(title: "Used scalar per rebalance", HistogramChart.render(
                    model.rebalances, frame: ChartFrame(width: 540, height: 240, left: 52, right: 16, top: 12, bottom: 28)))),
                 .div(DeRiskEventsTable.render(model.deRiskEvents))),
        ]))
        sections.append(section("features", "State features and regime thresholds", [
            .ul(.class("legend"), .group(thresholdLegend.map { item in
                .li(.span(.class("swatch \(item.cssClass)"), .attribute(named: "aria-hidden", value: "true")), Markup.text(item.text))
            })),
            FeatureSmallMultiples.render(model.features),
        ]))
        if let sleeves = model.sleeveScalars {
            sections.append(section("sleeves", "Per-sleeve scalars", [
                ReportFigure.figure(title: "Risk scalar per sleeve", SleeveScalarChart.render(sleeves, frame: frame)),
            ]))
        }
        if let calibration = model.calibration {
            sections.append(section("calibration", "Calibration", [CalibrationSection.render(calibration)]))
        }
        sections.append(.footer(Markup.text("Allocator audit report: one self-contained file (inline SVG and CSS, no script, nothing fetched). "
                                            + "Long series are reduced to the pixel grid keeping each column's minimum and maximum.")))
        return sections
    }

    private static func section(_ id: String, _ title: String, _ content: [Node<HTML.BodyContext>]) -> Node<HTML.BodyContext> {
        .section(.id(id), .h2(Markup.text(title)), .group(content))
    }

    private static func header(_ model: AuditReportModel) -> Node<HTML.BodyContext> {
        let dates = model.daily.dates
        let period = dates.first.flatMap { first in dates.last.map { "\(first) → \($0)" } } ?? "no dates"
        let counts = ReportCheckStatus.allCases.compactMap { status -> String? in
            let n = model.scorecard.checks.filter { $0.status == status }.count
            return n == 0 ? nil : "\(n) \(status.rawValue)"
        }.joined(separator: " · ")
        return .header(
            .class("report-header"),
            .div(
                .h1(Markup.text(model.title)),
                .p(.class("meta"), Markup.text("Baseline "), .code(Markup.text(model.baselineRunID)),
                   Markup.text(" against scaled "), .code(Markup.text(model.scaledRunID))),
                .p(.class("meta"), Markup.text("\(period) · \(dates.count) trading days · \(model.rebalances.count) rebalances"))
            ),
            .div(.class("verdict"),
                 .span(.class("verdict-label"), Markup.text("Does the allocator help? Overall verdict")),
                 StatusBadge.badge(model.scorecard.overall, large: true),
                 .span(.class("verdict-counts"), Markup.text(counts)))
        )
    }
}
