import Allocator
import TimeSeries

/// What the comparison reads of one run (SPEC §9): its id, its daily equity,
/// the scalars it used at its rebalances and its scalar metadata as read.
package struct AuditPass: Sendable {
    package var runId: String
    /// Daily equity (`equity_curve.csv`, or a replayed pass).
    package var equity: Series
    /// `risk_scalar_used` at each rebalance; `nil` when the run used none.
    package var usedScalars: Series?
    /// The first scalar metadata document of the run, as read; `nil` when it has none.
    package var scalarMeta: JSONValue?
    /// The sleeve scalars it used at its rebalances (SPEC §10); `nil` when it used none.
    package var sleeveScalars: SleeveScalars? = nil
    /// Its `sleeve_returns.csv`, for each sleeve's contribution; `nil` when absent.
    package var sleeveReturns: Panel? = nil

    package init(runId: String, equity: Series, usedScalars: Series? = nil, scalarMeta: JSONValue? = nil) {
        self.runId = runId
        self.equity = equity
        self.usedScalars = usedScalars
        self.scalarMeta = scalarMeta
    }

    /// The pass as the comparison reports it.
    var summary: PassSummary {
        PassSummary(equity: equity, usedScalars: usedScalars?.values, scalarMeta: scalarMeta ?? .null)
    }
}
