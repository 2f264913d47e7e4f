/// Weights of the calibration score's terms (SPEC §11), each 1 by default;
/// set in the `calibrate:` block's `weights:` mapping (keys `shares`,
/// `transitions`, `thrash`, `stress_missed`, `calm_events`; each ≥ 0).
package struct ScoreWeights: Equatable, Sendable {
    package var shares = 1.0
    package var transitions = 1.0
    package var thrash = 1.0
    package var stressMissed = 1.0
    package var calmEvents = 1.0

    package init() {}

    /// YAML keys in order, with their key paths.
    nonisolated(unsafe) package static let keys: [(String, WritableKeyPath<ScoreWeights, Double>)] = [
        ("shares", \.shares), ("transitions", \.transitions), ("thrash", \.thrash),
        ("stress_missed", \.stressMissed), ("calm_events", \.calmEvents),
    ]
}
