import Allocator
import Yams

/// What to search (SPEC §11), from a `--config` YAML file: the optional
/// `regime:` / `risk:` blocks set the base configuration, the `calibrate:`
/// block the candidates and the score weights.
///
/// ```yaml
/// calibrate:
///   vol_accel_enter: [1.2, 1.3, 1.4]   # a grid: a list of values per parameter
///   min_days_in_regime: [3, 5, 8]
///   ranges:                            # for --samples N --seed S: [min, max] per parameter
///     vol_accel_enter: [1.1, 1.6]
///     alpha: [0.1, 0.4]
///   weights: {shares: 1, transitions: 1, thrash: 1, stress_missed: 1, calm_events: 1}
/// ```
///
/// Parameter names: ``CalibrationParameter/names``. Unknown keys are errors
/// naming file, line and key path; a grid list must not be empty; a range
/// is `[min, max]` with `min ≤ max`; `min_days_in_regime` takes whole numbers;
/// `alpha` and `half_life` cannot both be searched.
package struct CalibrationPlan: Equatable, Sendable {
    /// The configuration candidates start from.
    package var base: AllocatorConfig
    /// Grid: the values of each parameter, in file order.
    package var grid: [(name: String, values: [Double])]
    /// Ranges for sampling, in file order.
    package var ranges: [(name: String, min: Double, max: Double)]
    package var weights: ScoreWeights

    package init(base: AllocatorConfig = AllocatorConfig(), grid: [(name: String, values: [Double])] = [],
                 ranges: [(name: String, min: Double, max: Double)] = [], weights: ScoreWeights = ScoreWeights()) {
        self.base = base
        self.grid = grid
        self.ranges = ranges
        self.weights = weights
    }

    package static func == (a: CalibrationPlan, b: CalibrationPlan) -> Bool {
        a.base == b.base && a.weights == b.weights
            && a.grid.map(\.name) == b.grid.map(\.name) && a.grid.map(\.values) == b.grid.map(\.values)
            && a.ranges.map(\.name) == b.ranges.map(\.name) && a.ranges.map(\.min) == b.ranges.map(\.min)
            && a.ranges.map(\.max) == b.ranges.map(\.max)
    }

    /// Reads the file at `path`.
    package static func load(path: String) throws(CalibrationError) -> CalibrationPlan {
        let text: String
        do { text = try DataFile.readText(path: path) } catch { throw .invalidPlan("\(path): \(error.description)") }
        return try parse(text, file: path)
    }

    /// Parses YAML text; `file` names it in errors.
    package static func parse(_ text: String, file: String) throws(CalibrationError) -> CalibrationPlan {
        do throws(ConfigNodeError) {
            let root = try ConfigNode.document(text, file: file)
            var plan = CalibrationPlan(base: try AllocatorConfig.read(root, otherSections: ["calibrate"]))
            if let block = try root?.value(of: "calibrate") { try plan.read(block) }
            return plan
        } catch {
            throw .invalidPlan("\(error.file)\(error.line.map { ":\($0)" } ?? ""): \(error.message)")
        }
    }

    private mutating func read(_ block: ConfigNode) throws(ConfigNodeError) {
        for (key, value) in try block.entries() {
            switch key {
            case "ranges":
                for (name, node) in try value.entries() {
                    try Self.requireParameter(name, node)
                    let bounds = try Self.numbers(node, name: name)
                    guard bounds.count == 2 else { throw node.error("must be [min, max], got \(bounds.count) values") }
                    guard bounds[0] <= bounds[1] else { throw node.error("is [\(bounds[0]), \(bounds[1])]: min > max") }
                    ranges.append((name, bounds[0], bounds[1]))
                }
                try Self.requireExclusiveSmoothing(ranges.map(\.name), value)
            case "weights":
                for (name, node) in try value.entries() {
                    guard let path = ScoreWeights.keys.first(where: { $0.0 == name })?.1 else {
                        throw node.keyError("unknown score weight `\(name)` (expected one of: \(ScoreWeights.keys.map(\.0).joined(separator: ", ")))")
                    }
                    weights[keyPath: path] = try node.double(atLeast: 0)
                }
            default:
                try Self.requireParameter(key, value)
                let values = try Self.numbers(value, name: key)
                guard !values.isEmpty else { throw value.error("is an empty list: give at least one value") }
                grid.append((key, values))
            }
        }
        try Self.requireExclusiveSmoothing(grid.map(\.name), block)
    }

    private static func requireParameter(_ name: String, _ node: ConfigNode) throws(ConfigNodeError) {
        guard CalibrationParameter.names.contains(name) else {
            throw node.keyError("unknown parameter `\(name)` (expected ranges, weights or one of: \(CalibrationParameter.names.joined(separator: ", ")))")
        }
    }

    private static func requireExclusiveSmoothing(_ names: [String], _ node: ConfigNode) throws(ConfigNodeError) {
        if names.contains("alpha") && names.contains("half_life") {
            throw node.error("searches both alpha and half_life: choose one (they set the same smoothing)")
        }
    }

    /// A YAML list of numbers (whole numbers for `min_days_in_regime`).
    private static func numbers(_ node: ConfigNode, name: String) throws(ConfigNodeError) -> [Double] {
        guard case .sequence(let seq) = node.node else { throw node.error("must be a list like [1.2, 1.3]") }
        var out: [Double] = []
        for (k, item) in seq.enumerated() {
            let child = try ConfigNode(node: item, path: "\(node.path)[\(k)]", file: node.file, keyLine: node.keyLine)
            let v = try child.number()
            if CalibrationParameter.isInteger(name), v != v.rounded() { throw child.error("is \(v); expected a whole number of days") }
            out.append(v)
        }
        return out
    }
}
