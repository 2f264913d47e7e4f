import Foundation
import Testing
import TimeSeries
@testable import Report

@Suite struct ReportRenderingTests {
    static let html = AuditReport.html(for: ReportModelFixture.model(years: 6))

    @Test func wholeDocumentIsWellFormedXML() {
        let parsed = XMLWellFormedness.parse(Self.html)
        #expect(parsed.error == nil, "\(parsed.error ?? "")")
        #expect(Self.html.hasPrefix("<!DOCTYPE html><html lang=\"en\">"))
    }

    @Test func everySVGParsesAloneAndIsAccessible() throws {
        let fragments = XMLWellFormedness.svgFragments(of: Self.html)
        // equity, drawdown, regimes, histogram, 10 features, sleeves, 4 share bars.
        #expect(fragments.count == 19)
        for fragment in fragments {
            let parsed = XMLWellFormedness.parse(fragment)
            #expect(parsed.error == nil, "\(parsed.error ?? "") in \(fragment.prefix(200))")
            let root = try #require(parsed.elements.first)
            #expect(root.attributes["xmlns"] == "http://www.w3.org/2000/svg")
            if root.attributes["aria-hidden"] == "true" { continue }
            #expect(root.attributes["role"] == "img")
            let labelledBy = try #require(root.attributes["aria-labelledby"]).split(separator: " ").map(String.init)
            let ids = Set(parsed.elements.filter { ["title", "desc"].contains($0.name) }.compactMap { $0.attributes["id"] })
            #expect(labelledBy.count == 2 && Set(labelledBy) == ids)
        }
    }

    @Test func nothingExternalAndNoScript() {
        let lower = Self.html.lowercased()
        #expect(!lower.contains("<script"))
        #expect(!lower.contains("<link"))
        #expect(!lower.contains("<img"))
        #expect(!lower.contains("url("))
        #expect(!lower.contains("@import"))
        let urls = lower.components(separatedBy: "http").dropFirst().map { "http" + $0.prefix(30) }
        #expect(urls.allSatisfy { $0.hasPrefix("http://www.w3.org/2000/svg\"") }, "\(urls)")
    }

    @Test func tablesHaveCaptionsAndScopedHeaders() {
        let parsed = XMLWellFormedness.parse(Self.html)
        let tables = parsed.elements.filter { $0.name == "table" }.count
        #expect(tables >= 7)
        #expect(parsed.elements.filter { $0.name == "caption" }.count == tables)
        let headers = parsed.elements.filter { $0.name == "th" }
        #expect(!headers.isEmpty && headers.allSatisfy { ["col", "row"].contains($0.attributes["scope"]) })
    }

    @Test func statusesReadAsTextAndColour() {
        #expect(Self.html.contains("class=\"badge status-caution badge-large\">▲ CAUTION</span>"))
        #expect(Self.html.contains("✔ PASS"))
        #expect(Self.html.contains("@media print"))
        for regime in ReportRegime.allCases { #expect(Self.html.contains(regime.name)) }
    }

    @Test func optionalSectionsRenderOnlyWhenPresent() {
        let bare = AuditReport.html(for: ReportModelFixture.model(years: 2, optionalSections: false))
        for id in ["sleeves", "calibration"] {
            #expect(Self.html.contains("<section id=\"\(id)\">"))
            #expect(!bare.contains("<section id=\"\(id)\">"))
        }
        #expect(Self.html.contains("Overlay replay") && !bare.contains("Overlay replay"))
        #expect(Self.html.contains("Regime changes") && !bare.contains("Regime changes"))
        #expect(XMLWellFormedness.parse(bare).error == nil)
    }

    @Test func modelTextIsEscapedInTextAndAttributes() {
        var model = ReportModelFixture.model(years: 1, optionalSections: false)
        model.title = "R&D; <script>alert(\"x\")</script> 'q'"
        model.baselineRunID = "a\"b&c"
        model.scorecard.checks[0].detail = "Δ < 0 & x > y"
        model.features[0].name = "x\" onload=\"evil"
        let html = AuditReport.html(for: model)
        #expect(!html.contains("<script>"))
        #expect(html.contains("R&amp;D; &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &#39;q&#39;"))
        #expect(html.contains("Δ &lt; 0 &amp; x &gt; y"))
        #expect(!html.contains("onload=\"evil"))
        #expect(XMLWellFormedness.parse(html).error == nil)
    }

    /// A special character that a combining mark joins into a larger
    /// character is still escaped (a scan by `Character` passes over it);
    /// other text, multi-byte included, is kept as it is.
    @Test func escapingFindsSpecialCharactersUnderCombiningMarks() {
        let marked = "<\u{301}b>\u{301} &\u{20DD} \"\u{308}'\u{327}"
        let escapedMarked = "&lt;\u{301}b&gt;\u{301} &amp;\u{20DD} &quot;\u{308}&#39;\u{327}"
        #expect(Markup.escaped(marked).utf8.elementsEqual(escapedMarked.utf8))
        let plain = "Δ café 東京 🇨🇭 a-b"
        #expect(Markup.escaped(plain).utf8.elementsEqual(plain.utf8))
        #expect(Markup.escaped("").isEmpty)
        var model = ReportModelFixture.model(years: 1, optionalSections: false)
        let attack = "x\"\u{301} onload=\"\u{301}evil"
        model.features[0].name = attack
        let html = AuditReport.html(for: model)
        let rawQuote = Array("x\"\u{301}".utf8), bytes = Array(html.utf8)
        #expect(bytes.firstRange(of: rawQuote) == nil)
        #expect(bytes.firstRange(of: Array("x&quot;\u{301}".utf8)) != nil)
        #expect(XMLWellFormedness.parse(html).error == nil)
    }

    @Test func emptyModelStillRenders() {
        let empty = AuditReportModel(
            title: "Empty", baselineRunID: "b", scaledRunID: "s", metrics: [],
            scorecard: ReportScorecard(overall: .notAssessed, checks: []),
            daily: ReportDailySeries(dates: [], equityBaseline: [], equityScaled: [], drawdownBaseline: [],
                                     drawdownScaled: [], regimes: [], riskScalar: []),
            rebalances: [], features: [], deRiskEvents: [])
        let html = AuditReport.html(for: empty)
        #expect(XMLWellFormedness.parse(html).error == nil)
        #expect(html.contains("NOT ASSESSED"))
    }

    @Test func numberFormats() {
        #expect(ReportNumberFormat.percent(decimals: 2).format(0.1234) == "12.34%")
        #expect(ReportNumberFormat.percent(decimals: 2).format(0.0213, signed: true) == "+2.13%")
        #expect(ReportNumberFormat.decimal(decimals: 3).format(-0.0001, signed: true) == "0.000")
        #expect(ReportNumberFormat.integer.format(1696) == "1696")
        #expect(ReportNumberFormat.decimal(decimals: 2).format(nil) == "NA")
        #expect(ReportNumberFormat.decimal(decimals: 2).format(.nan) == "NA")
    }
}
