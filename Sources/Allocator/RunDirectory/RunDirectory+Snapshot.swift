import TimeSeries

/// The regime/risk series written by the previous run, as read back (the
/// state's rows are not: the update appends to them, and what its metadata
/// needs of them — the dates — the regime series has).
struct PreviousArtifacts {
    /// The dates of the valid state rows (those of the regime and risk series).
    var dates: [TradingDate]
    var regimes: [Regime]
    var scalars: [Double]
    /// The sleeve scalars, one column per sleeve stepper of the snapshot (empty without them).
    var sleeveScalars: [[Double]]
}

extension RunDirectory {
    /// The engine snapshot `allocator update` continues from, or why it cannot be used.
    func loadSnapshot() -> Result<EngineSnapshot, UpdateRefusal> {
        let p = file(File.snapshot)
        guard FileBytes.exists(p) else { return .failure(UpdateRefusal("no engine snapshot at \(p)")) }
        let bytes: [UInt8]
        do { bytes = try FileBytes.read(path: p) } catch {
            return .failure(UpdateRefusal("cannot read \(p): \(error.detail)"))
        }
        let (snapshot, problem) = EngineSnapshot.decode(bytes)
        guard let snapshot else { return .failure(UpdateRefusal("\(p): \(problem ?? "unreadable")")) }
        return .success(snapshot)
    }

    /// The regimes and risk scalars (and sleeve scalars) of the previous run,
    /// checked against `snapshot`. The state CSV is not read back: the
    /// manifest check (``RunDirectory/verifyGeneration()``, required for an
    /// update) vouches that it is the one written with this snapshot.
    func previousArtifacts(snapshot: EngineSnapshot) -> Result<PreviousArtifacts, UpdateRefusal> {
        let riskPanel: Panel
        do { riskPanel = try CSVReader.read(path: file(File.risk)) } catch {
            return .failure(UpdateRefusal("previous artifact unusable: \(error.description)"))
        }
        guard let labels = readRegimes() else {
            return .failure(UpdateRefusal("previous artifact unusable: \(file(File.regime))"))
        }
        let n = snapshot.validRows
        guard riskPanel.rowCount == n, labels.dates.count == n, riskPanel.dates == labels.dates else {
            return .failure(UpdateRefusal("previous artifacts do not match the snapshot (\(n) rows expected)"))
        }
        var sleeveColumns: [[Double]] = []
        if let steppers = snapshot.sleeveRisk {
            let sleeves: SleeveScalars?
            do { sleeves = try readSleeveScalars(File.sleeveScalars) } catch {
                return .failure(UpdateRefusal("previous artifact unusable: \(error.description)"))
            }
            guard let sleeves, sleeves.dates == labels.dates, sleeves.names == (snapshot.sleeveNames ?? []),
                  sleeves.scalars.count == steppers.count else {
                return .failure(UpdateRefusal("previous \(File.sleeveScalars) does not match the snapshot"))
            }
            sleeveColumns = sleeves.scalars
        }
        return .success(PreviousArtifacts(dates: labels.dates, regimes: labels.regimes, scalars: riskPanel.columns[0],
                                          sleeveScalars: sleeveColumns))
    }
}

extension RunDirectory {
    /// Why this run's allocator artifacts no longer describe its inputs, per
    /// the engine snapshot written with them: an input it consumed is missing
    /// or its consumed bytes changed (a rewritten, inserted or removed row,
    /// other columns). `nil` when every recorded input still starts with what
    /// was consumed (rows appended since are new days, which change no earlier
    /// artifact), or when there is no usable snapshot to tell (runs written
    /// before snapshots, the reference fixtures).
    package func inputsChangedSinceSnapshot() -> String? {
        guard case .success(let snapshot) = loadSnapshot() else { return nil }
        for prefix in snapshot.inputs {
            if case .failure(let refusal) = verifyPrefix(prefix) { return refusal.description }
        }
        return nil
    }
}
