import Testing
@testable import Allocator

@Test func featureOrderIsTheContract() {
    #expect(StateFeature.allCases.map(\.rawValue) == [
        "port_rvol_20d", "port_rvol_60d", "vol_accel", "dd_level", "dd_slope_10d",
        "corr_20d", "corr_60d", "corr_shock", "trend_breadth_20d", "sleeve_concentration_60d",
    ])
}
