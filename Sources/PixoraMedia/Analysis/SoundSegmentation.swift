import Foundation

/// Turns per-second sound kinds into segments: a lone second that disagrees with both neighbours takes their kind
/// (a breath in music, a held note in speech), then runs of one kind become segments.
enum SoundSegmentation {
    static func segments(_ windows: [SoundWindow], duration: Double) -> [SampleAnalysis.SoundSegment] {
        var kinds = windows.map(\.kind)
        if kinds.count >= 3 {
            let original = kinds
            for index in 1..<(kinds.count - 1)
            where original[index - 1] == original[index + 1] && original[index] != original[index - 1] {
                kinds[index] = original[index - 1]
            }
        }
        var segments: [SampleAnalysis.SoundSegment] = []
        for (window, kind) in zip(windows, kinds) {
            if let last = segments.last, last.kind == kind {
                segments[segments.count - 1].end = window.end
            } else {
                segments.append(.init(start: window.start, end: window.end, kind: kind))
            }
        }
        if !segments.isEmpty { segments[segments.count - 1].end = max(segments[segments.count - 1].end, duration) }
        return segments.map {
            .init(start: ShotBuilder.rounded($0.start), end: ShotBuilder.rounded(min($0.end, duration)), kind: $0.kind)
        }
    }

    /// Shares of the whole duration per kind.
    static func shares(_ segments: [SampleAnalysis.SoundSegment]) -> [SampleAnalysis.SoundKind: Double] {
        let total = segments.reduce(0) { $0 + ($1.end - $1.start) }
        guard total > 0 else { return [:] }
        return segments.reduce(into: [:]) { shares, segment in
            shares[segment.kind, default: 0] += (segment.end - segment.start) / total
        }
    }
}
