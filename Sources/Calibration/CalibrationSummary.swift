import Allocator

/// `calibration/summary.md`: how the search was set up, the defaults against
/// the best, the top 10, the train/test gap and each parameter's sensitivity
/// (the mean and best score of the candidates at each value, or in each of
/// five equal-width bins when a parameter takes more than 12 values).
package enum CalibrationSummary {
    package static func markdown(meta: CalibrationMeta, ranked: [CandidateResult]) -> String {
        let split = meta.periods.count > 1
        var out = ["# Calibration of \(meta.runId)", ""]
        out.append("- Candidates: \(meta.source); \(meta.candidateCount) generated, \(meta.evaluated) evaluated, \(meta.skipped) skipped as invalid (thresholds breaking SPEC §4's rules, or risk settings out of range).")
        for p in meta.periods {
            out.append("- Period `\(p.name)`: \(p.first) to \(p.last)\(p.name == "train" ? " (candidates ranked on it)" : "").")
        }
        out.append("- Windows (\(meta.windowSource)): " + (meta.windows.isEmpty ? "none." : meta.windows.map { "\($0.kind.rawValue) \($0.start)…\($0.end)" }.joined(separator: "; ") + "."))
        let w = meta.weights
        out.append("- Score (lower is better) = \(num(w.shares))·Σ|share − target| (NORMAL 0.70, ELEVATED 0.20, STRESS 0.08, CRISIS 0.02) + \(num(w.transitions))·max(0, transitions/yr − 20)/20 + \(num(w.thrash))·thrash/yr + \(num(w.stressMissed))·missed stress windows + \(num(w.calmEvents))·calm-window events.")
        out.append("- De-risk events: maximal runs of consecutive rebalances (`weights.csv` dates) whose applied scalar (1-rebalance lag) is < 0.70 (SPEC §9); an event counts in the period and window where it starts. Thrash: a visit of ≤ 5 rows between two visits of the same regime.")
        out.append("")
        let header = "| | score | share distance | transitions/yr | thrash/yr | stress missed | calm events | NORMAL | ELEVATED | STRESS | CRISIS |" + (split ? " test score |" : "")
        let rule = "|---|" + String(repeating: "---:|", count: split ? 11 : 10)
        out += ["## Defaults vs best", "", header, rule]
        out.append(row("defaults (base configuration)", meta.defaults[0], test: split ? meta.defaults[1] : nil))
        if let best = ranked.first { out.append(row("best: candidate \(best.index)", best.train, test: best.test)) }
        out.append("")
        if let best = ranked.first {
            out.append("Best parameters (`best.yaml`): " + zip(meta.parameters, zip(meta.baseValues, best.values)).map { "`\($0.0)` \(num($0.1.0, $0.0)) → \(num($0.1.1, $0.0))" }.joined(separator: ", ") + ".")
            out.append("")
        }
        out += ["## Top 10", "", "| rank | candidate | " + meta.parameters.joined(separator: " | ") + " | score | share distance | transitions/yr | thrash/yr | stress missed | calm events |" + (split ? " test score | gap |" : ""),
                "|---:|---:|" + String(repeating: "---:|", count: meta.parameters.count + 6 + (split ? 2 : 0))]
        for (rank, r) in ranked.prefix(10).enumerated() {
            var cells = ["\(rank + 1)", "\(r.index)"] + zip(r.values, meta.parameters).map { num($0.0, $0.1) }
            cells += [fixed(r.train.score, 4), fixed(r.train.shareDistance, 4), fixed(r.train.transitionsPerYear, 2),
                      fixed(r.train.thrashPerYear, 2), "\(r.train.stressMissed)", "\(r.train.calmEvents)"]
            if split, let t = r.test { cells += [fixed(t.score, 4), fixed(t.score - r.train.score, 4)] }
            out.append("| " + cells.joined(separator: " | ") + " |")
        }
        if split { out += [""] + gap(meta: meta, ranked: ranked) }
        out += ["", "## Sensitivity", "", "Mean and best train score of the candidates at each value of a parameter (all other parameters varying)."]
        for (p, name) in meta.parameters.enumerated() { out += [""] + sensitivity(name: name, values: ranked.map { ($0.values[p], $0.train.score) }) }
        return out.joined(separator: "\n") + "\n"
    }

    private static func row(_ label: String, _ s: PeriodScore, test: PeriodScore?) -> String {
        var cells = [label, fixed(s.score, 4), fixed(s.shareDistance, 4), fixed(s.transitionsPerYear, 2), fixed(s.thrashPerYear, 2),
                     "\(s.stressMissed)", "\(s.calmEvents)"] + s.shares.map { fixed($0, 4) }
        if let test { cells.append(fixed(test.score, 4)) }
        return "| " + cells.joined(separator: " | ") + " |"
    }

    private static func gap(meta: CalibrationMeta, ranked: [CandidateResult]) -> [String] {
        var lines = ["## Train/test gap", ""]
        let d = meta.defaults
        lines.append("- Defaults: train \(fixed(d[0].score, 4)), test \(fixed(d[1].score, 4)) (gap \(fixed(d[1].score - d[0].score, 4))).")
        if let best = ranked.first, let t = best.test {
            lines.append("- Best on train (candidate \(best.index)): train \(fixed(best.train.score, 4)), test \(fixed(t.score, 4)) (gap \(fixed(t.score - best.train.score, 4))); test vs the defaults' test: \(fixed(t.score - d[1].score, 4)).")
        }
        let tests = ranked.compactMap { r in r.test.map { (r, $0.score) } }
        if let bestTest = tests.min(by: { ($0.1, $0.0.index) < ($1.1, $1.0.index) }),
           let rank = ranked.firstIndex(where: { $0.index == bestTest.0.index }) {
            lines.append("- Best on test: candidate \(bestTest.0.index), test \(fixed(bestTest.1, 4)), train rank \(rank + 1) of \(ranked.count).")
        }
        let top = tests.prefix(10)
        if !top.isEmpty {
            let meanGap = top.reduce(0) { $0 + $1.1 - $1.0.train.score } / Double(top.count)
            lines.append("- Mean gap (test − train) of the top \(top.count): \(fixed(meanGap, 4)).")
        }
        return lines
    }

    private static func sensitivity(name: String, values: [(Double, Double)]) -> [String] {
        var lines = ["### \(name)", "", "| value | candidates | mean score | best score |", "|---|---:|---:|---:|"]
        let distinct = Array(Set(values.map(\.0))).sorted()
        var groups: [(String, [Double])] = []
        if distinct.count <= 12 {
            groups = distinct.map { v in (num(v, name), values.filter { $0.0 == v }.map(\.1)) }
        } else if let lo = distinct.first, let hi = distinct.last {
            let width = (hi - lo) / 5
            for b in 0..<5 {
                let a = lo + Double(b) * width, z = b == 4 ? hi : lo + Double(b + 1) * width
                let members = values.filter { $0.0 >= a && (b == 4 ? $0.0 <= z : $0.0 < z) }.map(\.1)
                groups.append(("[\(fixed(a, 4)), \(fixed(z, 4))\(b == 4 ? "]" : ")")", members))
            }
        }
        for (label, scores) in groups {
            let finite = scores.filter { !$0.isNaN }
            let mean = finite.isEmpty ? Double.nan : finite.reduce(0, +) / Double(finite.count)
            lines.append("| \(label) | \(scores.count) | \(fixed(mean, 4)) | \(fixed(finite.min() ?? .nan, 4)) |")
        }
        return lines
    }

    /// The table's digits: shortest round-trip, a whole number for `min_days_in_regime`.
    static func num(_ x: Double, _ parameter: String = "") -> String {
        if x.isNaN { return "NA" }
        return CalibrationParameter.isInteger(parameter) && x == x.rounded() ? String(Int(x)) : x.pythonRepr
    }
}
