/// Window sums of every pair of columns over the rows where both are present,
/// kept for the pairwise-complete correlation (upper triangle, row-major `K×K`):
/// `n = Σ mᵢmⱼ`, `Σx = Σ xᵢmⱼ`, `Σx² = Σ xᵢ²mⱼ`, `Σy = Σ mᵢxⱼ`, `Σy² = Σ mᵢxⱼ²`,
/// `Σxy = Σ xᵢxⱼ` with `x` zero-filled and `m` the presence (1/0).
///
/// Rolled forward one row at a time (`S(r) = S(r−1) + term(row r) − term(row r−w)`)
/// and rebuilt exactly from the window's rows at every anchor row
/// `r ≡ w−1 (mod w)`; `scale[c]` is the largest `x²` of column `c` added since
/// the rebuild, which bounds the rounding a roll may have left. The rolls are
/// applied a block of lines at a time by ``PairRunKernel`` (see ``PairLine``).
///
/// A scratch instance holds only `lines` lines (a block of a run that does
/// not keep its sums): ``line(_:)`` then addresses line `i` relative to
/// ``firstLine``.
///
/// Held by reference; owners copy before a write when shared, so they keep value semantics.
final class PairSums: @unchecked Sendable {
    let assetCount: Int
    /// Lines held: `assetCount` for the persistent sums, fewer for a scratch block.
    let lineCount: Int
    let count: UnsafeMutablePointer<Double>
    let sumX: UnsafeMutablePointer<Double>
    let squaresX: UnsafeMutablePointer<Double>
    let sumY: UnsafeMutablePointer<Double>
    let squaresY: UnsafeMutablePointer<Double>
    let cross: UnsafeMutablePointer<Double>
    let scale: UnsafeMutablePointer<Double>
    /// The row these sums describe (−1: none yet).
    var row = -1
    /// The column of the first line held (0 for the persistent sums).
    var firstLine = 0
    private let storage: UnsafeMutablePointer<Double>
    private let size: Int

    init(assetCount k: Int, lines: Int? = nil) {
        assetCount = k
        lineCount = lines ?? k
        let plane = lineCount * k
        size = 6 * plane + k
        storage = .allocate(capacity: size)
        storage.initialize(repeating: 0, count: size)
        count = storage
        sumX = count + plane
        squaresX = sumX + plane
        sumY = squaresX + plane
        squaresY = sumY + plane
        cross = squaresY + plane
        scale = cross + plane
    }

    deinit { storage.deallocate() }

    func copy() -> PairSums {
        let c = PairSums(assetCount: assetCount, lines: lineCount)
        c.storage.update(from: storage, count: size)
        c.row = row
        c.firstLine = firstLine
        return c
    }

    /// Zeroes every sum.
    func clear() {
        storage.update(repeating: 0, count: size)
    }

    /// Line `i` (column `i` against every `j > i`), indexed by `j`.
    @inline(__always)
    func line(_ i: Int) -> PairLine {
        let offset = (i - firstLine) * assetCount
        return PairLine(count: count + offset, sumX: sumX + offset, squaresX: squaresX + offset,
                        sumY: sumY + offset, squaresY: squaresY + offset, cross: cross + offset)
    }

    /// Makes a scratch block address `lines` (a persistent instance holds every line already).
    @inline(__always)
    func prepare(_ lines: Range<Int>) {
        if lineCount < assetCount {
            precondition(lines.count <= lineCount)
            firstLine = lines.lowerBound
        }
    }
}
