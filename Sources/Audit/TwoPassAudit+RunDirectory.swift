import Allocator
import TimeSeries

extension AuditPass {
    /// A run directory as the comparison reads it (SPEC §9): `equity_curve.csv`
    /// (required), `allocator_risk_v1_applied_used.csv` (optional: `available:
    /// false` without it), the first scalar metadata file, the id from `meta.json`.
    package init(run: RunDirectory) throws(AuditError) {
        guard run.exists else { throw .run(.missingInput(file: run.path, role: "run directory")) }
        do throws(AllocatorError) {
            self.init(runId: try run.runId(), equity: try run.readEquityCurve(), usedScalars: try run.readUsedScalars(),
                      scalarMeta: try run.readScalarMeta())
            sleeveScalars = try run.readSleeveScalars(RunDirectory.File.sleeveAppliedUsed)
            sleeveReturns = try run.readPanelIfPresent(RunDirectory.File.sleeveReturns)
        } catch { throw .run(error) }
    }
}

extension TwoPassAudit {
    /// `allocator compare`: the audit of two run directories. The allocator
    /// artifacts (regimes, risk scalar, state) come from the baseline run (whose
    /// scalars a precomputed rerun used), else the scaled run; windows from the flags, the synthetic market's spells, or
    /// the built-in windows.
    ///
    /// - Throws: ``AuditError`` when a run cannot be read or the two runs do
    ///   not cover the same dates (their metrics would not be comparable).
    package static func compare(baseline: RunDirectory, scaled: RunDirectory, windowFlags: [AuditWindow] = [],
                               thresholds: AuditThresholds = AuditThresholds()) throws(AuditError) -> TwoPassAudit {
        let b = try AuditPass(run: baseline)
        let s = try AuditPass(run: scaled)
        try requireSameSpan(b, s)
        let spells: Series?
        do throws(AllocatorError) {
            let fromBaseline = try baseline.readMarketSpells()
            spells = fromBaseline != nil ? fromBaseline : try scaled.readMarketSpells()
        } catch { throw .run(error) }
        let fromBaseline = AuditAllocatorContext(run: baseline)
        return TwoPassAudit(baseline: b, scaled: s, context: fromBaseline.isEmpty ? AuditAllocatorContext(run: scaled) : fromBaseline,
                            windowFlags: windowFlags, spells: spells, thresholds: thresholds)
    }

    /// Refuses two passes whose equity curves start or end on different dates.
    static func requireSameSpan(_ b: AuditPass, _ s: AuditPass) throws(AuditError) {
        let bd = b.equity.dates, sd = s.equity.dates
        guard let b0 = bd.first, let s0 = sd.first else {
            throw .incomparable(detail: "\(bd.isEmpty ? b.runId : s.runId): equity curve has no rows")
        }
        if b0 != s0 || bd.last != sd.last {
            throw .incomparable(detail: "baseline `\(b.runId)` covers \(b0)..\(bd.last!) but scaled `\(s.runId)` covers \(s0)..\(sd.last!) (expected both passes over the same dates: rerun the scaled pass on the baseline's window)")
        }
    }
}
