import Allocator

/// Why a calibration cannot run; every case names what was wrong and what was expected.
package enum CalibrationError: Error, CustomStringConvertible, Equatable {
    /// The `calibrate:` block or a flag is wrong (file:line and key path in `detail` when from YAML).
    case invalidPlan(String)
    /// A run-directory or configuration failure.
    case run(AllocatorError)
    /// Shards cannot be merged.
    case merge(String)

    package var description: String {
        switch self {
        case .invalidPlan(let d): return d
        case .run(let e): return "\(e.typeName): \(e.description)"
        case .merge(let d): return "cannot merge shards: \(d)"
        }
    }

    package static func == (a: CalibrationError, b: CalibrationError) -> Bool { a.description == b.description }
}
