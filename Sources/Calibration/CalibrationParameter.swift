import Allocator

/// A parameter calibration can search (SPEC §11): a regime threshold by its
/// metadata name (``RegimeThresholds/metadataNames``, `min_days_in_regime`
/// included), or the risk EWMA's `alpha` or `half_life`.
package enum CalibrationParameter {
    /// Every searchable name: the regime thresholds in metadata order, then `alpha`, `half_life`.
    package static let names: [String] = RegimeThresholds.metadataNames + ["alpha", "half_life"]

    /// Whether `name` takes whole numbers only.
    package static func isInteger(_ name: String) -> Bool { name == "min_days_in_regime" }

    /// `config` with `name` set to `value`. Setting `alpha` clears a
    /// `half_life` of the base and vice versa (the two are exclusive).
    package static func apply(_ name: String, _ value: Double, to config: inout AllocatorConfig) throws(CalibrationError) {
        switch name {
        case "alpha":
            config.risk.alpha = value
            config.risk.halfLife = nil
        case "half_life":
            config.risk.halfLife = value
            config.risk.alpha = nil
        default:
            do { try config.regime.set(name, to: value) } catch { throw .invalidPlan(error.description) }
        }
    }

    /// The value of `name` in a configuration: a threshold as set; `alpha` /
    /// `half_life` as the resolved risk configuration has them (the other
    /// derived through ``RiskConfig/halfLife(alpha:)``); NaN when the
    /// configuration does not resolve.
    package static func value(_ name: String, in config: AllocatorConfig) -> Double {
        switch name {
        case "alpha": return (try? config.risk.resolved().alpha) ?? .nan
        case "half_life":
            if let h = config.risk.halfLife { return h }
            return (try? config.risk.resolved()).map { RiskConfig.halfLife(alpha: $0.alpha) } ?? .nan
        default:
            guard case .object(let pairs) = config.regime.metadata,
                  let v = pairs.first(where: { $0.0 == name })?.1.doubleValue else { return .nan }
            return v
        }
    }
}
