import Foundation

/// Pacing from the shots: every boundary (cut or gradual) counts as a cut; the rhythm is the cut rate in
/// consecutive windows (10 s, or a sixth of a video shorter than a minute) and the trend is the rhythm's slope.
enum PacingMeasure {
    static func of(_ shots: [SampleAnalysis.Shot], duration: Double) -> SampleAnalysis.Pacing {
        let lengths = shots.map(\.duration)
        let boundaries = shots.dropFirst().map(\.start)
        let minutes = max(duration, 0.001) / 60
        let nominal = duration >= 60 ? 10 : max(duration / 6, 0.001)
        let windowCount = max(1, Int((duration / nominal).rounded()))
        let window = max(duration, 0.001) / Double(windowCount)
        var counts = [Int](repeating: 0, count: windowCount)
        for time in boundaries { counts[min(windowCount - 1, max(0, Int(time / window)))] += 1 }
        let rhythm = counts.map { ShotBuilder.rounded(Double($0) / window * 60) }
        let sorted = lengths.sorted()
        let median =
            sorted.isEmpty
            ? 0
            : sorted.count % 2 == 1
                ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
        return SampleAnalysis.Pacing(
            cutsPerMinute: ShotBuilder.rounded(Double(boundaries.count) / minutes),
            meanShotSeconds: ShotBuilder.rounded(lengths.isEmpty ? 0 : lengths.reduce(0, +) / Double(lengths.count)),
            medianShotSeconds: ShotBuilder.rounded(median),
            shortestShotSeconds: ShotBuilder.rounded(sorted.first ?? 0),
            longestShotSeconds: ShotBuilder.rounded(sorted.last ?? 0),
            rhythm: rhythm, windowSeconds: ShotBuilder.rounded(window),
            trend: trend(rhythm, boundaries: boundaries.count))
    }

    /// `accelerating` or `slowing` when the fitted line changes the rate by more than 40% of its mean over the
    /// video, else `steady`. Fewer than four boundaries make no trend (one cut early is not "slowing").
    static func trend(_ rhythm: [Double], boundaries: Int) -> String {
        let count = Double(rhythm.count)
        let mean = rhythm.reduce(0, +) / max(count, 1)
        guard rhythm.count >= 3, boundaries >= 4, mean > 0 else { return "steady" }
        let centre = (count - 1) / 2
        var numerator = 0.0
        var denominator = 0.0
        for (index, value) in rhythm.enumerated() {
            numerator += (Double(index) - centre) * (value - mean)
            denominator += (Double(index) - centre) * (Double(index) - centre)
        }
        let change = numerator / denominator * (count - 1) / mean
        if change > 0.4 { return "accelerating" }
        if change < -0.4 { return "slowing" }
        return "steady"
    }
}
