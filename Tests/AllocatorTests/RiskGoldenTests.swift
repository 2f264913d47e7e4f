import AllocatorTestSupport
import Testing
import TimeSeries
@testable import Allocator

/// State → regime → risk → applied on the reference runs, against the reference's files.
@Suite(.requiresFixtures) struct RiskGoldenTests {
    struct Pipeline {
        var dir: String
        var risk: RiskSeries
        var applied: AppliedScalars

        init(_ dir: String) throws {
            self.dir = dir
            let state = AllocatorState(panel: try CSVReader.read(path: dir + "/allocator_state_v1.csv"))
            let regimes = try RegimeClassifier().classify(state)
            risk = try RiskTransformer().transform(regimes)
            let rebalances = try CSVReader.read(path: dir + "/weights.csv").dates
            applied = AppliedScalars.compute(risk: risk, rebalanceDates: rebalances, missingAs: 1.0)
        }
    }

    static let runs = RegimeGoldenTests.runs

    /// Every key but `generated_at` equal, and the same keys in the same order.
    static func expectSameMetadata(_ ours: JSONValue, _ reference: JSONValue) throws {
        let reparsed = try JSONParser.parse(Array(ours.serialized().utf8))
        guard case .object(let refPairs) = reference, case .object(let ourPairs) = reparsed else {
            Issue.record("metadata is not an object"); return
        }
        #expect(ourPairs.map(\.0) == refPairs.map(\.0))
        for (key, value) in refPairs where key != "generated_at" {
            #expect(reparsed[key] == value, "key \(key)")
        }
    }

    static func expectClose(_ ours: Panel, _ reference: Panel, column: String) {
        #expect(ours.dates == reference.dates)
        #expect(ours.names == reference.names)
        guard let a = ours.column(named: column), let b = reference.column(named: column), a.count == b.count else {
            Issue.record("column \(column) missing or of another length"); return
        }
        let worst = zip(a, b).map { abs($0 - $1) }.max() ?? 0
        #expect(worst <= 1e-12, "largest difference \(worst)")
    }

    @Test(arguments: runs)
    func riskScalarsMatchReference(run: String) throws {
        let dir = Fixtures.run(run)
        let p = try Pipeline(dir)
        let ours = try CSVReader.parse(bytes: RiskArtifacts.csv(p.risk), file: "ours")
        let reference = try CSVReader.read(path: dir + "/" + RiskArtifacts.csvFile)
        Self.expectClose(ours, reference, column: "risk_scalar")
        #expect(Array(RiskArtifacts.csv(p.risk).prefix(18)) == Array("date,risk_scalar\n2".utf8))
    }

    @Test(arguments: runs)
    func riskMetadataMatchesReference(run: String) throws {
        let dir = Fixtures.run(run)
        let p = try Pipeline(dir)
        try Self.expectSameMetadata(RiskArtifacts.metadata(p.risk, config: RiskConfig(), generatedAt: "x"),
                                    Fixtures.json(dir, RiskArtifacts.metadataFile))
    }

    @Test(arguments: runs)
    func appliedScalarsMatchReference(run: String) throws {
        let dir = Fixtures.run(run)
        let p = try Pipeline(dir)
        let bytes = AppliedScalarArtifacts.csv(p.applied)
        #expect(Array(bytes.prefix(25)) == Array("date,risk_scalar_applied\n".utf8))
        let ours = try CSVReader.parse(bytes: bytes, file: "ours")
        let reference = try CSVReader.read(path: dir + "/" + AppliedScalarArtifacts.csvFile)
        Self.expectClose(ours, reference, column: "risk_scalar_applied")
        #expect(p.applied.values.count == 263)
    }

    @Test(arguments: runs)
    func appliedMetadataMatchesReference(run: String) throws {
        let dir = Fixtures.run(run)
        let p = try Pipeline(dir)
        try Self.expectSameMetadata(AppliedScalarArtifacts.metadata(p.applied, generatedAt: "x"),
                                    Fixtures.json(dir, AppliedScalarArtifacts.metadataFile))
    }

    @Test(arguments: runs)
    func artifactBytesEqualReference(run: String) throws {
        let dir = Fixtures.run(run)
        let p = try Pipeline(dir)
        #expect(RiskArtifacts.csv(p.risk) == (try FileBytes.read(path: dir + "/" + RiskArtifacts.csvFile)))
        // Rows byte for byte; the header is SPEC §1's `date,…` where the reference left it empty.
        #expect(Array(AppliedScalarArtifacts.csv(p.applied)) == Array("date".utf8)
                + (try FileBytes.read(path: dir + "/" + AppliedScalarArtifacts.csvFile)))
    }
}

/// The whole chain from the run's raw inputs (state computed here, not read from the reference).
@Suite(.requiresFixtures) struct EndToEndGoldenTests {
    @Test(arguments: RegimeGoldenTests.runs)
    func inputsToAppliedScalarsMatchReference(run: String) throws {
        let dir = Fixtures.run(run)
        let inputs = try RunDirectory(path: dir).loadStateInputs()
        let state = StateComputation.compute(inputs).state
        let regimes = try RegimeClassifier().classify(state)
        #expect(RegimeArtifacts.csv(regimes) == (try FileBytes.read(path: dir + "/" + RegimeArtifacts.csvFile)))
        let risk = try RiskTransformer().transform(regimes)
        let reference = try CSVReader.read(path: dir + "/" + RiskArtifacts.csvFile)
        RiskGoldenTests.expectClose(try CSVReader.parse(bytes: RiskArtifacts.csv(risk), file: "ours"), reference, column: "risk_scalar")
        let applied = AppliedScalars.compute(risk: risk, rebalanceDates: try CSVReader.read(path: dir + "/weights.csv").dates)
        RiskGoldenTests.expectClose(try CSVReader.parse(bytes: AppliedScalarArtifacts.csv(applied), file: "ours"),
                                    try CSVReader.read(path: dir + "/" + AppliedScalarArtifacts.csvFile), column: "risk_scalar_applied")
        try RiskGoldenTests.expectSameMetadata(RegimeArtifacts.metadata(regimes, thresholds: RegimeThresholds(), generatedAt: "x"),
                                               Fixtures.json(dir, RegimeArtifacts.metadataFile))
        try RiskGoldenTests.expectSameMetadata(RiskArtifacts.metadata(risk, config: RiskConfig(), generatedAt: "x"),
                                               Fixtures.json(dir, RiskArtifacts.metadataFile))
        try RiskGoldenTests.expectSameMetadata(AppliedScalarArtifacts.metadata(applied, generatedAt: "x"),
                                               Fixtures.json(dir, AppliedScalarArtifacts.metadataFile))
    }
}
