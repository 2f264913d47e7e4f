import TimeSeries

/// `allocator_state_v1_meta.json` (SPEC §2), keys in contract order.
public struct StateMetadata: Sendable {
    /// The state version written to the metadata.
    public static let version = "v1.0"

    /// Features computed, in contract order.
    public var featuresPresent: [StateFeature]
    /// Rows requested, valid and dropped.
    public var accounting: StateAccounting
    /// First valid date.
    public var effectiveStart: TradingDate?
    /// Last valid date.
    public var effectiveEnd: TradingDate?
    /// Start of the requested window (`meta.json`, else the first common date).
    public var requestedStart: TradingDate?
    /// End of the requested window (`meta.json`, else the last common date).
    public var requestedEnd: TradingDate?

    /// Optional features not computed.
    public var featuresMissing: [StateFeature] {
        StateFeature.optional.filter { !featuresPresent.contains($0) }
    }

    /// Calendar days from requested to effective start.
    public var effectiveStartShiftDays: Int? {
        guard let r = requestedStart, let e = effectiveStart else { return nil }
        return r.days(to: e)
    }

    /// Builds the metadata of a computed state; the requested window comes
    /// from the run's `meta.json`, else the first/last common date.
    public init(state: AllocatorState, accounting: StateAccounting, commonDates: [TradingDate],
                requested: (start: TradingDate?, end: TradingDate?)) {
        self.init(features: state.features, validDates: (state.dates.first, state.dates.last), accounting: accounting,
                  commonDates: (commonDates.first, commonDates.last), requested: requested)
    }

    /// The metadata of a state with `features` whose valid rows run from
    /// `validDates.first` to `validDates.last`, aligned on common dates from
    /// `commonDates.first` to `commonDates.last` (what ``init(state:accounting:commonDates:requested:)``
    /// reads from the whole state; `allocator update` knows it without reading the earlier rows back).
    package init(features: [StateFeature], validDates: (first: TradingDate?, last: TradingDate?), accounting: StateAccounting,
                 commonDates: (first: TradingDate?, last: TradingDate?), requested: (start: TradingDate?, end: TradingDate?)) {
        featuresPresent = features
        self.accounting = accounting
        effectiveStart = validDates.first
        effectiveEnd = validDates.last
        requestedStart = requested.start ?? commonDates.first
        requestedEnd = requested.end ?? commonDates.last
    }

    package func json(generatedAt: String = Timestamp.now()) -> JSONValue {
        .object([
            ("allocator_state_version", .string(StateMetadata.version)),
            ("lookbacks", .object(StateLookbacks.ordered.map { ($0.0, .int($0.1)) })),
            ("required_features", .array(StateFeature.required.map { .string($0.rawValue) })),
            ("optional_features", .array(StateFeature.optional.map { .string($0.rawValue) })),
            ("features_present", .array(featuresPresent.map { .string($0.rawValue) })),
            ("features_missing", .array(featuresMissing.map { .string($0.rawValue) })),
            ("rows_requested", .int(accounting.rowsRequested)),
            ("rows_valid", .int(accounting.rowsValid)),
            ("rows_dropped", .int(accounting.rowsDropped)),
            ("effective_start_date", .date(effectiveStart)),
            ("effective_end_date", .date(effectiveEnd)),
            ("requested_start_date", .date(requestedStart)),
            ("requested_end_date", .date(requestedEnd)),
            ("effective_start_shift_days", effectiveStartShiftDays.map { .int($0) } ?? .null),
            ("generated_at", .string(generatedAt)),
        ])
    }
}
