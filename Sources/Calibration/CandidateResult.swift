/// One evaluated candidate: its index in generation order, its parameter
/// values, its score on the train period (or the whole run) and on the test period.
package struct CandidateResult: Equatable, Sendable {
    package var index: Int
    package var values: [Double]
    package var train: PeriodScore
    package var test: PeriodScore?

    package init(index: Int, values: [Double], train: PeriodScore, test: PeriodScore?) {
        self.index = index
        self.values = values
        self.train = train
        self.test = test
    }

    /// The ranking of `candidates.csv`: by train score, then index; a NaN score last.
    package static func ranked(_ a: CandidateResult, _ b: CandidateResult) -> Bool {
        let x = a.train.score, y = b.train.score
        if x.isNaN != y.isNaN { return y.isNaN }
        if x != y && !x.isNaN { return x < y }
        return a.index < b.index
    }
}
