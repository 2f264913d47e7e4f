import Allocator
import TimeSeries

/// The allocator artifacts of the run whose scalars the scaled pass used:
/// what decided the de-risking, drawn by the report (regime bands, the daily
/// risk scalar, the 10 features with their thresholds).
package struct AuditAllocatorContext: Sendable {
    /// Daily regimes (`allocator_regime_v1.csv`); `nil` when the run has none.
    package var regimes: RegimeSeries?
    /// Daily risk scalar (`allocator_risk_v1.csv`); `nil` when absent.
    package var risk: Series?
    /// The state features (`allocator_state_v1.csv`); `nil` when absent or invalid.
    package var state: AllocatorState?
    /// The thresholds the regimes were classified with (the regime metadata's, else the defaults).
    package var thresholds: RegimeThresholds
    /// The run's calibration (`calibration/`, SPEC §11); `nil` when it has none.
    package var calibration: CalibrationRecord?
    /// Daily sleeve scalars (`allocator_risk_v1_sleeve_scalars.csv`, SPEC §10); `nil` when absent.
    package var sleeveScalars: SleeveScalars? = nil

    package init(regimes: RegimeSeries? = nil, risk: Series? = nil, state: AllocatorState? = nil,
                thresholds: RegimeThresholds = RegimeThresholds(), calibration: CalibrationRecord? = nil) {
        self.regimes = regimes
        self.risk = risk
        self.state = state
        self.thresholds = thresholds
        self.calibration = calibration
    }

    /// The artifacts of `run`, each `nil` where the run lacks or cannot read it.
    package init(run: RunDirectory) {
        var thresholds = RegimeThresholds()
        if case .object(let pairs)? = (try? run.readJSON(RunDirectory.File.regimeMeta))??["thresholds"] {
            for (name, value) in pairs {
                if let number = value.doubleValue { try? thresholds.set(name, to: number) }
            }
        }
        let riskPanel = (try? run.readOptional(RunDirectory.File.risk)) ?? nil
        self.init(regimes: run.readRegimeSeries(),
                  risk: riskPanel.flatMap { p in p.seriesColumn(preferring: "risk_scalar").map { Series(dates: p.dates, values: $0.values) } },
                  state: try? run.readState(), thresholds: thresholds, calibration: run.readCalibrationRecord())
        sleeveScalars = (try? run.readSleeveScalars(RunDirectory.File.sleeveScalars)) ?? nil
    }

    /// Whether the run had any allocator artifact.
    var isEmpty: Bool { regimes == nil && risk == nil && state == nil }
}
