import TimeSeries

/// The state/regime/risk series written by the previous run, as read back.
struct PreviousArtifacts {
    var state: AllocatorState
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

    /// The state, regimes and risk scalars of the previous run, checked against `snapshot`.
    func previousArtifacts(snapshot: EngineSnapshot) -> Result<PreviousArtifacts, UpdateRefusal> {
        func panel(_ name: String) -> Result<Panel, UpdateRefusal> {
            do { return .success(try CSVReader.read(path: file(name))) } catch {
                return .failure(UpdateRefusal("previous artifact unusable: \(error.description)"))
            }
        }
        let statePanel: Panel
        switch panel(File.state) { case .failure(let e): return .failure(e); case .success(let p): statePanel = p }
        let riskPanel: Panel
        switch panel(File.risk) { case .failure(let e): return .failure(e); case .success(let p): riskPanel = p }
        guard let labels = readRegimes() else {
            return .failure(UpdateRefusal("previous artifact unusable: \(file(File.regime))"))
        }
        let state = AllocatorState(panel: statePanel)
        let n = snapshot.validRows
        guard state.dates.count == n, riskPanel.rowCount == n, labels.dates.count == n,
              riskPanel.dates == state.dates, labels.dates == state.dates,
              state.features == StateStepper(snapshot: snapshot.state).features else {
            return .failure(UpdateRefusal("previous artifacts do not match the snapshot (\(n) rows expected)"))
        }
        var sleeveColumns: [[Double]] = []
        if let steppers = snapshot.sleeveRisk {
            let sleeves: SleeveScalars?
            do { sleeves = try readSleeveScalars(File.sleeveScalars) } catch {
                return .failure(UpdateRefusal("previous artifact unusable: \(error.description)"))
            }
            guard let sleeves, sleeves.dates == state.dates, sleeves.names == (snapshot.sleeveNames ?? []),
                  sleeves.scalars.count == steppers.count else {
                return .failure(UpdateRefusal("previous \(File.sleeveScalars) does not match the snapshot"))
            }
            sleeveColumns = sleeves.scalars
        }
        return .success(PreviousArtifacts(state: state, regimes: labels.regimes, scalars: riskPanel.columns[0],
                                          sleeveScalars: sleeveColumns))
    }
}
