import Foundation

/// Decides whether the change between frame `i - 1` and frame `i` is a hard cut, from the series of per-frame
/// changes around it. A cut is a big, isolated jump: big in absolute terms, several times the typical change on
/// the calmer side of it (so steady fast motion, which changes every frame a lot, never counts), and clearly above
/// both neighbours (so the steady steps of a fade never count either).
struct CutRule: Sendable {
    /// Frames looked at on each side (about half a second).
    let window: Int
    var minimumChange = 0.08
    var relativeFactor = 2.5
    var relativeMargin = 0.03
    var neighbourFactor = 2.0

    init(fps: Double) {
        window = max(4, Int((fps * 0.5).rounded()))
    }

    /// `change[k]` is the change into frame k (pixels and colour histogram), `steps[k]` its pixel part; index 0
    /// is the first frame (0). Frames past the end of the series are not looked at, so the last frames can be
    /// decided when the stream ends. The neighbour test uses pixels alone: as a dissolve blends, whole flat areas
    /// cross a histogram bin edge in the same frame, which spikes the histogram part but not the pixels.
    func isCut(at index: Int, change: [Double], steps: [Double]) -> Bool {
        guard index > 0, index < change.count else { return false }
        let value = change[index]
        guard value >= minimumChange else { return false }
        let before = change[max(1, index - window)..<index]
        let after = change[(index + 1)..<min(change.count, index + 1 + window)]
        // At the very start or end one side is (nearly) empty: judge by the other.
        let sides = [before, after].filter { $0.count >= 3 }
        let calmer = sides.isEmpty ? 0 : sides.map(Self.median).min() ?? 0
        guard value >= relativeFactor * calmer + relativeMargin else { return false }
        let neighbours = max(index > 1 ? steps[index - 1] : 0, index + 1 < steps.count ? steps[index + 1] : 0)
        return steps[index] >= neighbourFactor * neighbours
    }

    /// The median, or 0 for no values (the start or end of the video: nothing moves there).
    static func median(_ values: ArraySlice<Double>) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        return sorted.count % 2 == 1
            ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }
}
