import ArgumentParser
import Allocator
import Audit

/// The options every audit takes: scorecard thresholds and the stress/calm windows (SPEC §9).
struct AuditOptions: ParsableArguments {
    @Option(name: .customLong("stress-window"),
            help: ArgumentHelp("A known stress period START:END (YYYY-MM-DD:YYYY-MM-DD), repeatable; replaces the built-in windows.",
                               valueName: "start:end"))
    var stressWindows: [String] = []

    @Option(name: .customLong("calm-window"),
            help: ArgumentHelp("A known calm period START:END, repeatable (an event starting inside it is a false alarm).",
                               valueName: "start:end"))
    var calmWindows: [String] = []

    /// A malformed window is a usage error (exit 64), reported before anything is read.
    func validate() throws {
        do { _ = try windows() } catch { throw ValidationError(error.description) }
    }

    /// The windows named by the flags.
    func windows() throws(AuditError) -> [AuditWindow] {
        var out: [AuditWindow] = []
        for text in stressWindows { out.append(try AuditWindow(parsing: text, kind: .stress)) }
        for text in calmWindows { out.append(try AuditWindow(parsing: text, kind: .calm)) }
        return out
    }

    /// The scorecard thresholds: the `audit:` block of `configPath`, else the defaults.
    static func thresholds(configPath: String?) throws(AuditError) -> AuditThresholds {
        guard let configPath else { return AuditThresholds() }
        let text: String
        do { text = try DataFile.readText(path: configPath) } catch { throw .run(.csv(error)) }
        return try AuditThresholds.parse(yaml: text, file: configPath)
    }
}

/// Reports an audit failure: one `error:` line, exit code 1.
func fail(_ error: AuditError) -> ExitCode {
    printError("error: \(error.description)")
    return ExitCode(1)
}

/// Prints the headline of an audit: the verdict, the four checks, where the files are.
func printAuditSummary(_ audit: TwoPassAudit, written: [String]) {
    let c = audit.comparison
    let d = c.delta
    print("Two-pass audit: \(c.baselineRunId) → \(c.scaledRunId)")
    print("  Δ CAGR \(signed(d.cagr))  Δ Sharpe \(signed(d.sharpe))  Δ MaxDD \(signed(d.maxDrawdown))  Δ vol \(signed(d.annualisedVolatility))")
    if let card = c.scorecard {
        print("  Scorecard (Stage 6.5): \(card.overall.rawValue)   windows: \(audit.windows.source.rawValue), \(audit.windows.windows.count)")
        for check in card.checks {
            let reason = check.reason.count > 100 ? String(check.reason.prefix(97)) + "…" : check.reason
            print("    \(padded(check.status.rawValue, 13)) \(padded(check.title, 22)) \(reason)")
        }
    }
    for file in written { print("  wrote \(file)") }
}

/// `+0.0123` / `-0.0123`, or `NA`.
func signed(_ x: Double) -> String {
    x.isNaN ? "NA" : (x >= 0 ? "+" : "") + fixed(x, 4)
}
