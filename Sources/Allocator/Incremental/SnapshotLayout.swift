/// The byte layout of `allocator_engine_snapshot.bin` (version 3): the magic
/// `ALLOCSNP`, the version, then each field of ``EngineSnapshot`` in the order
/// written below, with the primitives of ``SnapshotWriter``.
///
/// Reading validates as it goes — counts within the bytes left, flags 0 or 1,
/// strings UTF-8, enumerations known, thresholds and risk settings by their
/// own rules — so a corrupt snapshot is a reason to recompute, never a trap.
enum SnapshotLayout {
    static let magic = Array("ALLOCSNP".utf8)

    static func encode(_ s: EngineSnapshot) -> [UInt8] {
        var w = SnapshotWriter(capacity: 1024 + 8 * s.state.retainedValueCount)
        w.raw(magic)
        w.int(EngineSnapshot.currentVersion)
        w.int(s.rowsProcessed)
        w.optional(s.firstDate) { $0.string($1) }
        w.optional(s.lastDate) { $0.string($1) }
        w.array(s.inputs) { w, p in
            w.string(p.name)
            w.int(p.length)
            w.string(p.sha256)
        }
        w.array(s.assetNames) { $0.string($1) }
        w.optional(s.trendNames) { w, names in w.array(names) { $0.string($1) } }
        w.optional(s.sleeveNames) { w, names in w.array(names) { $0.string($1) } }
        w.optional(s.rebalanceDays) { w, days in w.array(days) { $0.int(Int($1)) } }
        w.string(s.requestedWindow)
        writeState(s.state, to: &w)
        writeRegime(s.regime, to: &w)
        writeRisk(s.risk, to: &w)
        w.optional(s.sleeveRisk) { w, steppers in w.array(steppers) { writeRisk($1, to: &$0) } }
        w.int(s.validRows)
        w.string(s.generatedAt)
        return w.bytes
    }

    static func decode(_ bytes: [UInt8]) throws(SnapshotFormatError) -> EngineSnapshot {
        var r = SnapshotReader(bytes)
        do { try r.expect(magic, "an allocator engine snapshot") } catch {
            throw SnapshotFormatError("snapshot is not readable: not an allocator engine snapshot (version 3 or later)")
        }
        let version = try r.int("version")
        guard version == EngineSnapshot.currentVersion else {
            throw SnapshotFormatError("snapshot version \(version) is not the supported version \(EngineSnapshot.currentVersion)")
        }
        do throws(SnapshotFormatError) {
            let rows = try r.count("rowsProcessed", limit: Int(Int32.max))
            let first = try r.optional("firstDate") { r throws(SnapshotFormatError) in try r.string("firstDate") }
            let last = try r.optional("lastDate") { r throws(SnapshotFormatError) in try r.string("lastDate") }
            let inputs = try r.array("inputs") { r throws(SnapshotFormatError) in
                InputPrefix(name: try r.string("input name"), length: try r.count("input length", limit: Int.max),
                            sha256: try r.string("input sha256"))
            }
            let assets = try names(&r, "assetNames")
            let trend = try r.optional("trendNames") { r throws(SnapshotFormatError) in try names(&r, "trendNames") }
            let sleeves = try r.optional("sleeveNames") { r throws(SnapshotFormatError) in try names(&r, "sleeveNames") }
            let rebalances = try r.optional("rebalanceDays") { r throws(SnapshotFormatError) in
                try r.array("rebalanceDays") { r throws(SnapshotFormatError) in
                    let at = r.offset
                    let d = try r.int("rebalance day")
                    guard let day = Int32(exactly: d) else { throw SnapshotFormatError("rebalance day \(d) out of range at byte \(at)") }
                    return day
                }
            }
            let window = try r.string("requestedWindow")
            let state = try readState(&r)
            let regime = try readRegime(&r)
            let risk = try readRisk(&r)
            let sleeveRisk = try r.optional("sleeveRisk") { r throws(SnapshotFormatError) in
                try r.array("sleeveRisk") { r throws(SnapshotFormatError) in try readRisk(&r) }
            }
            let validRows = try r.count("validRows", limit: rows)
            let generatedAt = try r.string("generatedAt")
            guard r.atEnd else { throw SnapshotFormatError("\(bytes.count - r.offset) bytes after the last field") }
            return EngineSnapshot(rowsProcessed: rows, firstDate: first, lastDate: last, inputs: inputs, assetNames: assets,
                                  trendNames: trend, sleeveNames: sleeves, rebalanceDays: rebalances, requestedWindow: window,
                                  state: state, regime: regime, risk: risk, sleeveRisk: sleeveRisk, validRows: validRows,
                                  generatedAt: generatedAt)
        } catch {
            throw SnapshotFormatError("snapshot is not readable: \(error.description)")
        }
    }

    private static func names(_ r: inout SnapshotReader, _ what: String) throws(SnapshotFormatError) -> [String] {
        try r.array(what) { r throws(SnapshotFormatError) in try r.string(what) }
    }

    // MARK: state

    private static func writeState(_ s: StateStepper.Snapshot, to w: inout SnapshotWriter) {
        w.int(s.rowCount)
        w.int(s.assetCount)
        w.optional(s.trendColumnCount) { $0.int($1) }
        w.optional(s.sleeveColumnCount) { $0.int($1) }
        w.double(s.runningMaxEquity)
        w.rows(s.portfolio)
        w.rows(s.drawdowns)
        w.rows(s.assets)
        w.optional(s.trend) { $0.rows($1) }
        w.optional(s.sleeves) { $0.rows($1) }
    }

    private static func readState(_ r: inout SnapshotReader) throws(SnapshotFormatError) -> StateStepper.Snapshot {
        let columnLimit = r.bytes.count
        return StateStepper.Snapshot(
            rowCount: try r.count("state rowCount", limit: Int(Int32.max)),
            assetCount: try r.count("state assetCount", limit: columnLimit),
            trendColumnCount: try r.optional("trendColumnCount") { r throws(SnapshotFormatError) in
                try r.count("trendColumnCount", limit: columnLimit)
            },
            sleeveColumnCount: try r.optional("sleeveColumnCount") { r throws(SnapshotFormatError) in
                try r.count("sleeveColumnCount", limit: columnLimit)
            },
            runningMaxEquity: try r.double("runningMaxEquity"),
            portfolio: try r.rows("portfolio"), drawdowns: try r.rows("drawdowns"), assets: try r.rows("assets"),
            trend: try r.optional("trend") { r throws(SnapshotFormatError) in try r.rows("trend") },
            sleeves: try r.optional("sleeves") { r throws(SnapshotFormatError) in try r.rows("sleeves") })
    }

    // MARK: regime

    private static func writeRegime(_ s: RegimeStepper, to w: inout SnapshotWriter) {
        let t = s.thresholds
        for v in [t.volAccelEnter, t.volAccelExit, t.corrShockEnter, t.corrShockExit, t.ddEnter, t.ddExit,
                  t.ddStressEnter, t.ddCrisisEnter, t.ddSlopeEnter, t.ddSlopeExit] { w.double(v) }
        w.int(t.minDaysInRegime)
        w.optional(s.current) { w, regime in w.int(regime.severity) }
        w.int(s.daysInRegime)
    }

    private static func readRegime(_ r: inout SnapshotReader) throws(SnapshotFormatError) -> RegimeStepper {
        var t = RegimeThresholds()
        t.volAccelEnter = try r.double("vol_accel_enter")
        t.volAccelExit = try r.double("vol_accel_exit")
        t.corrShockEnter = try r.double("corr_shock_enter")
        t.corrShockExit = try r.double("corr_shock_exit")
        t.ddEnter = try r.double("dd_enter")
        t.ddExit = try r.double("dd_exit")
        t.ddStressEnter = try r.double("dd_stress_enter")
        t.ddCrisisEnter = try r.double("dd_crisis_enter")
        t.ddSlopeEnter = try r.double("dd_slope_enter")
        t.ddSlopeExit = try r.double("dd_slope_exit")
        t.minDaysInRegime = try r.count("min_days_in_regime", limit: Int(Int32.max))
        let current = try r.optional("current regime") { r throws(SnapshotFormatError) in try regime(&r) }
        let days = try r.count("daysInRegime", limit: Int(Int32.max))
        do { return try RegimeStepper(thresholds: t, current: current, daysInRegime: days) } catch {
            throw SnapshotFormatError("regime thresholds: \(error)")
        }
    }

    private static func regime(_ r: inout SnapshotReader) throws(SnapshotFormatError) -> Regime {
        let at = r.offset
        let severity = try r.int("regime")
        guard let regime = Regime.allCases.first(where: { $0.severity == severity }) else {
            throw SnapshotFormatError("regime severity \(severity) at byte \(at)")
        }
        return regime
    }

    // MARK: risk

    private static func writeRisk(_ s: RiskStepper, to w: inout SnapshotWriter) {
        let c = s.config
        w.string(c.profile.rawValue)
        for regime in Regime.allCases { w.optional(c.mapping[regime]) { $0.double($1) } }
        switch c.smoothing {
        case .alpha(let a): w.int(0); w.double(a)
        case .halfLife(let h): w.int(1); w.double(h)
        }
        w.double(c.floor)
        w.double(c.ceiling)
        w.double(c.applyMissingScalarAs)
        w.optional(c.overrideRegime) { w, regime in w.int(regime.severity) }
        w.optional(s.smoothed) { $0.double($1) }
    }

    private static func readRisk(_ r: inout SnapshotReader) throws(SnapshotFormatError) -> RiskStepper {
        let name = try r.string("risk profile")
        guard let profile = RiskProfile(rawValue: name) else { throw SnapshotFormatError("risk profile `\(name)`") }
        var c = RiskConfig(profile: profile)
        for regime in Regime.allCases {
            c.mapping[regime] = try r.optional("mapping \(regime.label)") { r throws(SnapshotFormatError) in
                try r.double("mapping \(regime.label)")
            }
        }
        let at = r.offset
        switch try r.int("smoothing") {
        case 0: c.smoothing = .alpha(try r.double("alpha"))
        case 1: c.smoothing = .halfLife(try r.double("half_life"))
        case let k: throw SnapshotFormatError("smoothing kind \(k) at byte \(at)")
        }
        c.floor = try r.double("floor")
        c.ceiling = try r.double("ceiling")
        c.applyMissingScalarAs = try r.double("apply_missing_scalar_as")
        c.overrideRegime = try r.optional("override_regime") { r throws(SnapshotFormatError) in try regime(&r) }
        let smoothed = try r.optional("smoothed") { r throws(SnapshotFormatError) in try r.double("smoothed") }
        do { return try RiskStepper(config: c, smoothed: smoothed) } catch {
            throw SnapshotFormatError("risk settings: \(error)")
        }
    }
}

extension StateStepper.Snapshot {
    /// Doubles held in the retained rows (the bulk of a snapshot).
    var retainedValueCount: Int {
        [portfolio, drawdowns, assets, trend ?? [], sleeves ?? []].reduce(0) { $0 + $1.reduce(0) { $0 + $1.count } }
    }
}
