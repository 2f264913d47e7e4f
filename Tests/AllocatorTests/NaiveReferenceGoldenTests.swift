import AllocatorTestSupport
import Testing
import TimeSeries
@testable import Allocator

/// The naive reference itself against the Python reference's CSVs, so that
/// agreeing with it means agreeing with pandas.
@Suite(.requiresFixtures) struct NaiveReferenceGoldenTests {
    @Test(arguments: ["test_stage4a_complete", "test_allocator_finalized", "test_allocator_state_integration", "baseline_20200106_20251031"])
    func naiveReferenceMatchesPython(run: String) throws {
        let dir = Fixtures.run(run)
        let inputs = try RunDirectory(path: dir).loadStateInputs()
        let naive = NaiveState.compute(inputs)
        let reference = try CSVReader.read(path: dir + "/" + RunDirectory.File.state)
        #expect(naive.dates == reference.dates)
        #expect(naive.features == reference.names)
        guard naive.dates == reference.dates, naive.features == reference.names else { return }
        expectColumnsAgree(reference.columns, naive, "\(run) (Python reference vs naive)")
        let worst = naive.rows.indices.map { r in
            naive.rows[r].indices.map { abs(naive.rows[r][$0] - reference.columns[$0][r]) }.max() ?? 0
        }.max() ?? 0
        print("[naive] \(run): max abs diff to the Python reference \(worst)")
    }
}
