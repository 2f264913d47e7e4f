import Allocator

/// `candidates.csv` (SPEC §11): `candidate`, one column per searched
/// parameter (its metadata name), then ``PeriodScore/columns`` for the train
/// period (or the whole run), then the same with a `test_` prefix when the
/// run was split; rows sorted by score, then candidate.
package enum CalibrationTable {
    /// The header for `parameters`, with or without the test columns.
    package static func header(parameters: [String], split: Bool) -> [String] {
        ["candidate"] + parameters + PeriodScore.columns + (split ? PeriodScore.columns.map { "test_" + $0 } : [])
    }

    /// Columns written as whole numbers.
    package static func integerColumns(parameters: [String]) -> Set<String> {
        var set: Set<String> = ["candidate"]
        for c in PeriodScore.integerColumns { set.insert(c); set.insert("test_" + c) }
        for p in parameters where CalibrationParameter.isInteger(p) { set.insert(p) }
        return set
    }

    /// The table of `results`, ranked.
    package static func table(_ results: [CandidateResult], parameters: [String], split: Bool) -> CandidateTable {
        let rows = results.sorted(by: CandidateResult.ranked).map { r in
            [Double(r.index)] + r.values + r.train.values + (split ? (r.test?.values ?? Array(repeating: .nan, count: PeriodScore.columns.count)) : [])
        }
        return CandidateTable(header: header(parameters: parameters, split: split), rows: rows,
                              integerColumns: integerColumns(parameters: parameters))
    }

    /// The results of a table read back.
    ///
    /// - Throws: ``CalibrationError/merge(_:)`` when the header is not the one these parameters give.
    package static func results(_ table: CandidateTable, parameters: [String], split: Bool, file: String) throws(CalibrationError) -> [CandidateResult] {
        let expected = header(parameters: parameters, split: split)
        guard table.header == expected else {
            throw .merge("\(file): header `\(table.header.joined(separator: ","))` is not `\(expected.joined(separator: ","))`")
        }
        let p = parameters.count, m = PeriodScore.columns.count
        return table.rows.map { row in
            CandidateResult(index: Int(row[0]), values: Array(row[1..<(1 + p)]),
                            train: PeriodScore(values: row[(1 + p)..<(1 + p + m)]),
                            test: split ? PeriodScore(values: row[(1 + p + m)..<(1 + p + 2 * m)]) : nil)
        }
    }
}
