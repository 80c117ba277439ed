import Foundation

/// Integrated loudness and loudness range from the summary ffmpeg's `ebur128` filter prints at the end.
struct LoudnessSummary: Sendable, Equatable {
    var integrated: Double?
    var range: Double?

    /// Reads `I:` and `LRA:` after the last `Summary:` line. Silence measures `-inf` (or the -70 LUFS gate): nil.
    init(errorLines lines: [String]) {
        let summary = lines.lastIndex { $0.contains("Summary:") }.map { Array(lines[$0...]) } ?? []
        func reading(_ label: String) -> Double? {
            for line in summary {
                let words = line.split(separator: " ", omittingEmptySubsequences: true)
                if words.count >= 2, words[0] == label, let value = Double(words[1]), value.isFinite {
                    return value
                }
            }
            return nil
        }
        integrated = reading("I:").flatMap { $0 > -69.9 ? $0 : nil }
        range = integrated == nil ? nil : reading("LRA:")
    }
}
