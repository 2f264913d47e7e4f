/// Window sums of every pair of columns over the rows where both are present,
/// kept for the pairwise-complete correlation (upper triangle, row-major `K×K`):
/// `n = Σ mᵢmⱼ`, `Σx = Σ xᵢmⱼ`, `Σx² = Σ xᵢ²mⱼ`, `Σy = Σ mᵢxⱼ`, `Σy² = Σ mᵢxⱼ²`,
/// `Σxy = Σ xᵢxⱼ` with `x` zero-filled and `m` the presence (1/0).
///
/// Rolled forward one row at a time (`S(r) = S(r−1) + term(row r) − term(row r−w)`)
/// and rebuilt exactly from the window's rows at every anchor row
/// `r ≡ w−1 (mod w)`; `scale[c]` is the largest `x²` of column `c` added since
/// the rebuild, which bounds the rounding a roll may have left.
///
/// Held by reference; ``makeUnique()`` copies before a write when shared, so
/// owners keep value semantics.
final class PairSums: @unchecked Sendable {
    let assetCount: Int
    let count: UnsafeMutablePointer<Double>
    let sumX: UnsafeMutablePointer<Double>
    let squaresX: UnsafeMutablePointer<Double>
    let sumY: UnsafeMutablePointer<Double>
    let squaresY: UnsafeMutablePointer<Double>
    let cross: UnsafeMutablePointer<Double>
    let scale: UnsafeMutablePointer<Double>
    /// The row these sums describe (−1: none yet).
    var row = -1
    /// Scratch for the rows being added and removed: values, presence, values out, presence out (`4K`).
    let rowScratch: UnsafeMutablePointer<Double>
    private let storage: UnsafeMutablePointer<Double>
    private let size: Int

    init(assetCount k: Int) {
        assetCount = k
        size = 6 * k * k + k
        storage = .allocate(capacity: size)
        storage.initialize(repeating: 0, count: size)
        count = storage
        sumX = count + k * k
        squaresX = sumX + k * k
        sumY = squaresX + k * k
        squaresY = sumY + k * k
        cross = squaresY + k * k
        scale = cross + k * k
        rowScratch = .allocate(capacity: 4 * k)
        rowScratch.initialize(repeating: 0, count: 4 * k)
    }

    deinit {
        storage.deallocate()
        rowScratch.deallocate()
    }

    func copy() -> PairSums {
        let c = PairSums(assetCount: assetCount)
        c.storage.update(from: storage, count: size)
        c.row = row
        return c
    }

    /// Zeroes every sum.
    func clear() {
        storage.update(repeating: 0, count: size)
    }

    /// Adds the terms of row `(x, m)` and removes those of row `(xOut, mOut)` (pass `nil` to only add).
    func update(adding x: UnsafePointer<Double>, _ m: UnsafePointer<Double>,
                removing out: (x: UnsafePointer<Double>, m: UnsafePointer<Double>)?) {
        let k = assetCount
        for i in 0..<k { scale[i] = max(scale[i], x[i] * x[i]) }
        for i in 0..<k {
            let xi = x[i], mi = m[i]
            let bi = out?.x[i] ?? 0, ni = out?.m[i] ?? 0
            if mi == 0 && ni == 0 { continue }
            let line = i * k
            let n = count + line, sx = sumX + line, qx = squaresX + line
            let sy = sumY + line, qy = squaresY + line, c = cross + line
            let xi2 = xi * xi, bi2 = bi * bi
            if let out {
                let bx = out.x, bm = out.m
                for j in (i + 1)..<max(i + 1, k) {
                    n[j] = (n[j] + mi * m[j]) - ni * bm[j]
                    sx[j] = (sx[j] + xi * m[j]) - bi * bm[j]
                    qx[j] = (qx[j] + xi2 * m[j]) - bi2 * bm[j]
                    sy[j] = (sy[j] + mi * x[j]) - ni * bx[j]
                    qy[j] = (qy[j] + mi * (x[j] * x[j])) - ni * (bx[j] * bx[j])
                    c[j] = (c[j] + xi * x[j]) - bi * bx[j]
                }
            } else {
                for j in (i + 1)..<max(i + 1, k) {
                    n[j] += mi * m[j]
                    sx[j] += xi * m[j]
                    qx[j] += xi2 * m[j]
                    sy[j] += mi * x[j]
                    qy[j] += mi * (x[j] * x[j])
                    c[j] += xi * x[j]
                }
            }
        }
    }
}
