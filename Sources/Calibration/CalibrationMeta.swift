import Allocator
import Audit
import TimeSeries

/// What a calibration searched and how (`calibration/calibration.json`, and
/// each shard's `shard-i-of-n.json`): enough for `allocator calibrate merge`
/// to rebuild every output without the run's inputs.
package struct CalibrationMeta: Sendable {
    package var runId: String
    /// Searched parameter names (the table's parameter columns).
    package var parameters: [String]
    /// The base configuration as `--config` YAML (``ConfigurationYAML``).
    package var baseYAML: String
    /// The base configuration's value of each parameter.
    package var baseValues: [Double]
    /// `grid` or `samples N seed S`.
    package var source: String
    /// Candidates generated (all shards).
    package var candidateCount: Int
    /// Candidates evaluated (this shard, or all).
    package var evaluated: Int
    /// Candidates skipped as invalid (this shard, or all).
    package var skipped: Int
    package var trainEnd: TradingDate?
    /// The periods scored: name, first and last date.
    package var periods: [(name: String, first: TradingDate, last: TradingDate)]
    package var windowSource: String
    /// The windows before clipping to the periods.
    package var windows: [AuditWindow]
    package var weights: ScoreWeights
    /// The base configuration's score on each period.
    package var defaults: [PeriodScore]
    /// `(i, n)` for a shard.
    package var shard: (index: Int, count: Int)?

    package init(runId: String, parameters: [String], baseYAML: String, baseValues: [Double], source: String,
                 candidateCount: Int, evaluated: Int, skipped: Int, trainEnd: TradingDate?,
                 periods: [(name: String, first: TradingDate, last: TradingDate)], windowSource: String,
                 windows: [AuditWindow], weights: ScoreWeights, defaults: [PeriodScore], shard: (index: Int, count: Int)?) {
        self.runId = runId
        self.parameters = parameters
        self.baseYAML = baseYAML
        self.baseValues = baseValues
        self.source = source
        self.candidateCount = candidateCount
        self.evaluated = evaluated
        self.skipped = skipped
        self.trainEnd = trainEnd
        self.periods = periods
        self.windowSource = windowSource
        self.windows = windows
        self.weights = weights
        self.defaults = defaults
        self.shard = shard
    }

    private static func scoreJSON(_ s: PeriodScore) -> JSONValue {
        .object(zip(PeriodScore.columns, s.values).map { ($0, .number($1)) })
    }

    /// The JSON document; `counts: false` leaves out what differs between shards (for comparing them).
    package func json(counts: Bool = true) -> JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("version", .string("v1.0")),
            ("run_id", .string(runId)),
            ("parameters", .array(parameters.map { .string($0) })),
            ("base_values", .object(zip(parameters, baseValues).map { ($0, .number($1)) })),
            ("base_yaml", .string(baseYAML)),
            ("source", .string(source)),
            ("candidates", .int(candidateCount)),
        ]
        if counts {
            pairs += [("evaluated", .int(evaluated)), ("skipped_invalid", .int(skipped))]
            if let shard { pairs.append(("shard", .object([("index", .int(shard.index)), ("count", .int(shard.count))]))) }
        }
        pairs += [
            ("train_end", .date(trainEnd)),
            ("periods", .array(periods.map { .object([("name", .string($0.name)), ("first", .date($0.first)), ("last", .date($0.last))]) })),
            ("window_source", .string(windowSource)),
            ("windows", .array(windows.map {
                .object([("name", .string($0.name)), ("start", .date($0.start)), ("end", .date($0.end)), ("kind", .string($0.kind.rawValue))])
            })),
            ("weights", .object(ScoreWeights.keys.map { ($0.0, .double(weights[keyPath: $0.1])) })),
            ("defaults", Self.scoreJSON(defaults[0])),
        ]
        if defaults.count > 1 { pairs.append(("defaults_test", Self.scoreJSON(defaults[1]))) }
        return .object(pairs)
    }

    /// Reads a document written by ``json(counts:)``; `file` names it in errors.
    package init(json: JSONValue, file: String) throws(CalibrationError) {
        func fail(_ key: String) -> CalibrationError { .merge("\(file): missing or invalid `\(key)`") }
        func string(_ v: JSONValue?, _ key: String) throws(CalibrationError) -> String {
            guard let s = v?.stringValue else { throw fail(key) }
            return s
        }
        func date(_ v: JSONValue?, _ key: String) throws(CalibrationError) -> TradingDate {
            guard let d = TradingDate(try string(v, key)) else { throw fail(key) }
            return d
        }
        func int(_ key: String) throws(CalibrationError) -> Int {
            guard let i = json[key]?.intValue else { throw fail(key) }
            return i
        }
        func array(_ key: String) throws(CalibrationError) -> [JSONValue] {
            guard case .array(let a)? = json[key] else { throw fail(key) }
            return a
        }
        func score(_ key: String) throws(CalibrationError) -> PeriodScore {
            guard let o = json[key] else { throw fail(key) }
            var values: [Double] = []
            for c in PeriodScore.columns {
                guard let v = o[c] else { throw fail(key + "." + c) }
                values.append(v.doubleValue ?? .nan)
            }
            return PeriodScore(values: values[...])
        }
        runId = try string(json["run_id"], "run_id")
        var names: [String] = []
        for v in try array("parameters") { names.append(try string(v, "parameters")) }
        parameters = names
        baseValues = names.map { json["base_values"]?[$0]?.doubleValue ?? .nan }
        baseYAML = try string(json["base_yaml"], "base_yaml")
        source = try string(json["source"], "source")
        candidateCount = try int("candidates")
        evaluated = try int("evaluated")
        skipped = try int("skipped_invalid")
        trainEnd = json["train_end"] == .null ? nil : try date(json["train_end"], "train_end")
        var periods: [(name: String, first: TradingDate, last: TradingDate)] = []
        for p in try array("periods") { periods.append((try string(p["name"], "periods"), try date(p["first"], "periods"), try date(p["last"], "periods"))) }
        self.periods = periods
        windowSource = try string(json["window_source"], "window_source")
        var windows: [AuditWindow] = []
        for w in try array("windows") {
            guard let kind = AuditWindow.Kind(rawValue: try string(w["kind"], "windows")) else { throw fail("windows") }
            windows.append(AuditWindow(name: try string(w["name"], "windows"), start: try date(w["start"], "windows"),
                                       end: try date(w["end"], "windows"), kind: kind))
        }
        self.windows = windows
        var weights = ScoreWeights()
        for (key, path) in ScoreWeights.keys {
            guard let v = json["weights"]?[key]?.doubleValue else { throw fail("weights." + key) }
            weights[keyPath: path] = v
        }
        self.weights = weights
        defaults = json["defaults_test"] == nil ? [try score("defaults")] : [try score("defaults"), try score("defaults_test")]
        if let s = json["shard"], let i = s["index"]?.intValue, let n = s["count"]?.intValue { shard = (i, n) } else { shard = nil }
    }
}
