import AllocatorTestSupport
import Foundation
import Testing
@testable import Report

/// Renders a realistic report, opens it in headless Chromium, and checks the
/// screenshot and the DOM the browser built.
///
/// Environment:
/// - `ALLOCATOR_REPORT_HTML`: screenshot this report instead of the generated one (e.g. the demo's `report.html`);
/// - `ALLOCATOR_REPORT_SCREENSHOT`: where to write the PNG (default: a temporary folder), e.g. `docs/report.png`.
/// Skipped when no Chromium is on `PATH`, unless `CI=true`, where a missing Chromium fails.
@Suite struct ReportBrowserTests {
    @Test(.enabled(if: Chromium.shouldRun, "no chromium on PATH and CI is not \"true\""))
    func chromiumRendersEveryChart() throws {
        let binary = try #require(Chromium.binary, "CI=true but no chromium binary on PATH (\(Chromium.names))")
        let environment = ProcessInfo.processInfo.environment
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("report-browser-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let htmlURL: URL
        if let given = environment["ALLOCATOR_REPORT_HTML"] {
            htmlURL = URL(fileURLWithPath: given)
        } else {
            htmlURL = folder.appendingPathComponent("report.html")
            try AuditReport.html(for: ReportModelFixture.model(years: 6)).write(to: htmlURL, atomically: true, encoding: .utf8)
        }
        let screenshot = environment["ALLOCATOR_REPORT_SCREENSHOT"].map { URL(fileURLWithPath: $0) }
            ?? folder.appendingPathComponent("report.png")

        try Self.checkInChromium(binary, html: htmlURL, screenshot: screenshot)
    }

    /// The report `allocator demo` writes, rendered by Chromium: what a newcomer opens first.
    /// `ALLOCATOR_DEMO_SCREENSHOT` names where its PNG goes (the README's `docs/report.png`).
    @Test(.enabled(if: Chromium.shouldRun, "no chromium on PATH and CI is not \"true\""), .requiresAllocatorExecutable)
    func demoReportRendersInChromium() throws {
        let binary = try #require(Chromium.binary, "CI=true but no chromium binary on PATH (\(Chromium.names))")
        let scratch = try TemporaryRunDirectory(label: "demo-report")
        let demo = try AllocatorProcess.run(["demo", "--quiet", "--runs-root", scratch.file("runs")])
        #expect(demo.status == 0, "demo failed: \(demo.stderr)")
        #expect(demo.stdout.hasSuffix("Open the audit report: \(scratch.file("runs"))/demo_scaled/report.html\n"),
                "the demo's last line names the report")
        let html = URL(fileURLWithPath: scratch.file("runs/demo_scaled/report.html"))
        let screenshot = ProcessInfo.processInfo.environment["ALLOCATOR_DEMO_SCREENSHOT"].map { URL(fileURLWithPath: $0) }
            ?? URL(fileURLWithPath: scratch.file("demo.png"))
        try Self.checkInChromium(binary, html: html, screenshot: screenshot)
    }

    /// Screenshot and DOM of `html`: a real PNG, every chart present with a plausible
    /// number of points, nothing referenced from outside the file.
    static func checkInChromium(_ binary: URL, html htmlURL: URL, screenshot: URL) throws {
        let shot = try Chromium.run(binary, arguments: ["--screenshot=\(screenshot.path)", "--window-size=1280,4600",
                                                        htmlURL.absoluteString])
        #expect(shot.status == 0)
        let png = try Data(contentsOf: screenshot)
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        #expect(png.count > 100_000, "a rendered report compresses to well over 100 KB, got \(png.count) bytes")
        print("[ReportBrowserTests] screenshot \(screenshot.path) (\(png.count) bytes)")

        let dump = try Chromium.run(binary, arguments: ["--dump-dom", htmlURL.absoluteString])
        #expect(dump.status == 0)
        let dom = dump.stdout
        let svgs = XMLWellFormedness.svgFragments(of: dom).filter { $0.contains("role=\"img\"") }
        #expect(svgs.count >= 14, "equity, drawdown, regimes, histogram and 10 features")
        for svg in svgs {
            if svg.contains("histogram-title") {
                #expect(svg.components(separatedBy: "<rect").count > 4, "histogram without bars")
            } else {
                #expect(svg.components(separatedBy: "L").count > 100, "line chart with too few points: \(svg.prefix(160))")
            }
        }
        let lower = dom.lowercased()
        for attribute in ["src=\"http", "href=\"http", "src='http", "href='http", "url(http"] {
            #expect(!lower.contains(attribute), "external reference \(attribute) in the DOM")
        }
    }
}
