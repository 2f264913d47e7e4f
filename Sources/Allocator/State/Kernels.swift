import CKernels

/// Small numeric loops over contiguous memory with several independent
/// accumulators in flight: sums are split four ways (`s0 … s3` take the
/// elements `t ≡ 0 … 3 mod 4`, the tail goes to `s0`) and combined as
/// `(s0 + s1) + (s2 + s3)`; every caller uses the same order, so results are
/// reproducible bit for bit. The chains are written as two-lane vectors
/// (`(s0, s1)`, `(s2, s3)`): IEEE operations lane by lane, the same numbers as
/// the scalar chains, two elements per instruction.
enum Kernels {
    typealias Pair = SIMD2<Double>

    @inline(__always)
    static func pair(_ x: UnsafePointer<Double>, _ t: Int) -> Pair {
        UnsafeRawPointer(x + t).loadUnaligned(as: Pair.self)
    }

    /// `Σ x[t]` (NaN when any value is NaN).
    @inline(__always)
    static func sum(_ x: UnsafePointer<Double>, _ n: Int) -> Double {
        var a = Pair.zero, b = Pair.zero
        var t = 0
        while t + 4 <= n {
            a += pair(x, t); b += pair(x, t + 2)
            t += 4
        }
        var s0 = a.x
        while t < n { s0 += x[t]; t += 1 }
        return (s0 + a.y) + (b.x + b.y)
    }

    /// `Σ x[t]²`.
    @inline(__always)
    static func sumOfSquares(_ x: UnsafePointer<Double>, _ n: Int) -> Double {
        var a = Pair.zero, b = Pair.zero
        var t = 0
        while t + 4 <= n {
            let u = pair(x, t), v = pair(x, t + 2)
            a += u * u; b += v * v
            t += 4
        }
        var s0 = a.x
        while t < n { s0 += x[t] * x[t]; t += 1 }
        return (s0 + a.y) + (b.x + b.y)
    }

    /// `Σ (x[t] − mean)²`.
    @inline(__always)
    static func squaredDeviations(_ x: UnsafePointer<Double>, _ n: Int, mean: Double) -> Double {
        let m = Pair(repeating: mean)
        var a = Pair.zero, b = Pair.zero
        var t = 0
        while t + 4 <= n {
            let u = pair(x, t) - m, v = pair(x, t + 2) - m
            a += u * u; b += v * v
            t += 4
        }
        var s0 = a.x
        while t < n { let d = x[t] - mean; s0 += d * d; t += 1 }
        return (s0 + a.y) + (b.x + b.y)
    }

    /// `acc[t] += z[t]` with `z = (x − mean)·scale`; returns `Σ z[t]²`, split
    /// two ways (even and odd `t`, the tail to the even sum) and combined as `s0 + s1`.
    @inline(__always)
    static func accumulateStandardised(_ x: UnsafePointer<Double>, _ n: Int, mean: Double, scale: Double,
                                       into acc: UnsafeMutablePointer<Double>) -> Double {
        let m = Pair(repeating: mean), c = Pair(repeating: scale)
        var s = Pair.zero
        var t = 0
        while t + 2 <= n {
            let z = (pair(x, t) - m) * c
            UnsafeMutableRawPointer(acc + t).storeBytes(of: pair(UnsafePointer(acc), t) + z, as: Pair.self)
            s += z * z
            t += 2
        }
        var s0 = s.x
        while t < n { let z = (x[t] - mean) * scale; acc[t] += z; s0 += z * z; t += 1 }
        return s0 + s.y
    }

    /// Σ of `clip(cov/√(vx·vy), −1, 1)` over entries with `usable == 1` and a
    /// defined result; returns the sum and how many were defined. Branch-free
    /// in pairs of two so the square roots and divisions overlap.
    @inline(__always)
    static func sumClippedCorrelations(_ cov: UnsafePointer<Double>, _ vx: UnsafePointer<Double>,
                                       _ vy: UnsafePointer<Double>, _ usable: UnsafePointer<Double>,
                                       _ n: Int) -> (Double, Int) {
        var s0 = 0.0, s1 = 0.0
        var d0 = 0, d1 = 0
        var t = 0
        @inline(__always) func term(_ t: Int) -> (Double, Int) {
            let r = cov[t] / (vx[t] * vy[t]).squareRoot()
            let ok = usable[t] == 1 && !r.isNaN
            return (ok ? min(1, max(-1, r)) : 0, ok ? 1 : 0)
        }
        while t + 2 <= n {
            let (a, ca) = term(t), (b, cb) = term(t + 1)
            s0 += a; s1 += b; d0 += ca; d1 += cb
            t += 2
        }
        if t < n { let (a, ca) = term(t); s0 += a; d0 += ca }
        return (s0 + s1, d0 + d1)
    }

    /// Centred two-pass Pearson correlation over the rows where both `x` and
    /// `y` are present (not NaN); NaN with fewer than 2 such rows or a zero
    /// denominator: `pairsums_two_pass_correlations` (C, see
    /// `PairSumKernels.h`, which states the formula) with `x` and `y` in every lane.
    static func twoPassCorrelation(_ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>, _ w: Int) -> Double {
        let pairs = Int(PAIRSUMS_TWO_PASS_PAIRS)
        return withUnsafeTemporaryAllocation(of: UnsafePointer<Double>?.self, capacity: 2 * pairs) { columns in
            withUnsafeTemporaryAllocation(of: Double.self, capacity: pairs) { out in
                for l in 0..<pairs {
                    columns[l] = x
                    columns[pairs + l] = y
                }
                pairsums_two_pass_correlations(columns.baseAddress!, columns.baseAddress! + pairs, w, out.baseAddress!)
                return out[0]
            }
        }
    }
}
