import Allocator
import TimeSeries

/// An ``AllocatorConfig`` as the `regime:` / `risk:` blocks `--config`
/// reads (``AllocatorConfig/parse(_:file:otherSections:)``): every regime
/// threshold by its metadata name, then the risk settings that are set.
/// Numbers are written in shortest round-trip form (``Swift/Double/pythonRepr``),
/// so parsing the text gives the same configuration bit for bit.
package enum ConfigurationYAML {
    /// The YAML text, preceded by `comment` lines (each prefixed `# `).
    package static func text(_ config: AllocatorConfig, comment: [String] = []) -> String {
        var lines = comment.map { "# " + $0 }
        lines.append("regime:")
        if case .object(let pairs) = config.regime.metadata {
            for (name, value) in pairs { lines.append("  \(name): \(number(value.doubleValue ?? .nan, integer: value.intValue != nil && name == "min_days_in_regime"))") }
        }
        let r = config.risk
        var risk: [String] = []
        if let p = r.profile { risk.append("  profile: \(p.rawValue)") }
        if let a = r.alpha { risk.append("  alpha: \(number(a))") }
        if let h = r.halfLife { risk.append("  half_life: \(number(h))") }
        if let m = r.mapping {
            risk.append("  mapping: {" + m.entries.map { "\($0.regime.label): \(number($0.target))" }.joined(separator: ", ") + "}")
        }
        if let f = r.floor { risk.append("  floor: \(number(f))") }
        if let c = r.ceiling { risk.append("  max: \(number(c))") }
        if let m = r.applyMissingScalarAs { risk.append("  apply_missing_scalar_as: \(number(m))") }
        if let o = r.overrideRegime { risk.append("  override_regime: \(o.label)") }
        if !risk.isEmpty { lines += ["risk:"] + risk }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func number(_ x: Double, integer: Bool = false) -> String {
        integer ? String(Int(x)) : x.pythonRepr
    }
}
