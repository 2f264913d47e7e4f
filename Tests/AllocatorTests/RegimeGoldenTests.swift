import AllocatorTestSupport
import Testing
import TimeSeries
@testable import Allocator

@Suite(.requiresFixtures) struct RegimeGoldenTests {
    static let runs = ["baseline_20200106_20251031", "allocpass2_20200106_20251031"]

    @Test(arguments: runs)
    func regimesMatchReferenceOnEveryDate(run: String) throws {
        let dir = Fixtures.run(run)
        let state = AllocatorState(panel: try CSVReader.read(path: dir + "/allocator_state_v1.csv"))
        let series = try RegimeClassifier().classify(state)
        let reference = try FileBytes.read(path: dir + "/" + RegimeArtifacts.csvFile)
        #expect(series.count == 1696)
        #expect(RegimeArtifacts.csv(series) == reference)
    }

    @Test(arguments: runs)
    func regimeMetadataMatchesReference(run: String) throws {
        let dir = Fixtures.run(run)
        let state = AllocatorState(panel: try CSVReader.read(path: dir + "/allocator_state_v1.csv"))
        let series = try RegimeClassifier().classify(state)
        let reference = try Fixtures.json(dir, RegimeArtifacts.metadataFile)
        let ours = try JSONParser.parse(Array(
            RegimeArtifacts.metadata(series, thresholds: RegimeThresholds(), generatedAt: "x").serialized().utf8))
        guard case .object(let refPairs) = reference, case .object(let ourPairs) = ours else {
            Issue.record("metadata is not an object"); return
        }
        #expect(ourPairs.map(\.0) == refPairs.map(\.0))
        for (key, value) in refPairs where key != "generated_at" {
            #expect(ours[key] == value, "key \(key)")
        }
    }
}
