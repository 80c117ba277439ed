import Foundation

/// The part of an ASS script that can draw on a stretch of the timeline: its header and styles, and only the
/// events shown during that stretch. A segment's pixels depend on exactly this text, so it goes into the
/// segment's cache key; libass draws an event only while it is shown, so the rest of the script changes nothing.
public enum SubtitleWindow {
    /// The script with only the events that overlap `from..<to` (seconds), or nil when none does. An event one
    /// centisecond (the script's resolution) either side counts, so a frame on its boundary is never missed.
    public static func events(of script: String, from start: Double, to end: Double) -> String? {
        var kept: [Substring] = []
        var shown = false
        for line in script.split(separator: "\n", omittingEmptySubsequences: false) {
            guard line.hasPrefix("Dialogue:") else {
                kept.append(line)
                continue
            }
            let fields = line.dropFirst("Dialogue:".count).split(separator: ",", maxSplits: 3)
            guard fields.count == 4, let from = seconds(fields[1]), let to = seconds(fields[2]) else {
                // Not a line SubtitleDocument writes: keep it, so nothing is ever dropped by mistake.
                kept.append(line)
                shown = true
                continue
            }
            if from < end + 0.01 && to > start - 0.01 {
                kept.append(line)
                shown = true
            }
        }
        return shown ? kept.joined(separator: "\n") : nil
    }

    /// `H:MM:SS.cc` as seconds.
    static func seconds(_ text: Substring) -> Double? {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: ":")
        guard parts.count == 3, let hours = Double(parts[0]), let minutes = Double(parts[1]),
            let seconds = Double(parts[2])
        else { return nil }
        return hours * 3600 + minutes * 60 + seconds
    }
}
