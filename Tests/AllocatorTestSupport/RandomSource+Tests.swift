import Backtest

/// The package's own generator (``RandomSource``) is the tests' only source
/// of random numbers; these are the few draws the tests need beyond it.
extension RandomSource {
    /// True with probability `p`.
    package mutating func chance(_ p: Double) -> Bool { uniform() < p }

    /// The next random byte (the low 8 bits of the next draw).
    package mutating func byte() -> UInt8 { UInt8(truncatingIfNeeded: next()) }
}
