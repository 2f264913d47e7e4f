import AllocatorTestSupport
import Testing
import TimeSeries
@testable import Allocator

@Suite(.requiresFixtures) struct StateGoldenTests {
    @Test(arguments: Fixtures.runsWithState)
    func featuresMatchReference(run: String) throws {
        let dir = RunDirectory(path: Fixtures.run(run))
        let inputs = try dir.loadStateInputs()
        let (state, accounting) = StateComputation.compute(inputs)
        let reference = try CSVReader.read(path: dir.file(RunDirectory.File.state))
        #expect(state.dates == reference.dates)
        #expect(state.features.map(\.rawValue) == reference.names)
        #expect(accounting.rowsValid == reference.rowCount)
        var worst = 0.0
        for (k, name) in reference.names.enumerated() {
            guard let mine = state.values(StateFeature(rawValue: name)!), mine.count == reference.rowCount else {
                Issue.record("missing \(name)"); continue
            }
            for r in 0..<reference.rowCount {
                let d = abs(mine[r] - reference.columns[k][r])
                worst = max(worst, d)
                if !(d <= 1e-12) {
                    Issue.record("\(run) \(name) \(reference.dates[r]): \(mine[r]) vs \(reference.columns[k][r])")
                    return
                }
            }
        }
        print("[golden] \(run): max abs diff \(worst)")
    }
}
