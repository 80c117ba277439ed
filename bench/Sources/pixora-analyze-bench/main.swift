import Foundation
import PixoraMedia

// Analyses one sample video and prints one line: wall seconds, the video's length, their ratio and what was
// found. `bench/analyze.sh` runs it under /usr/bin/time for the peak memory. A target of its own (PixoraCore and
// PixoraMedia only) so its release build does not wait for the server's dependencies.
//   pixora-analyze-bench FILE [KEYFRAME-DIR]

let arguments = Array(CommandLine.arguments.dropFirst())
guard let path = arguments.first else {
    print("usage: pixora-analyze-bench FILE [KEYFRAME-DIR]")
    exit(2)
}
let start = ContinuousClock.now
let analysis = try await SampleAnalyzer().analyze(
    video: URL(fileURLWithPath: path), keyframesTo: arguments.dropFirst().first.map { URL(fileURLWithPath: $0) })
let elapsed = ContinuousClock.now - start
let wall = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
// The analyser's own peak memory (its ffmpeg children are measured by /usr/bin/time around this process).
let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
let peakKB =
    status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") }
    .flatMap { $0.split(separator: " ").dropFirst().first }.flatMap { Int($0) } ?? 0
let line = [
    "wall=\(String(format: "%.2f", wall))", "duration=\(String(format: "%.1f", analysis.durationSeconds))",
    "realtime=\(String(format: "%.1f", analysis.durationSeconds / wall))", "shots=\(analysis.shots.count)",
    "cutsPerMinute=\(String(format: "%.1f", analysis.pacing.cutsPerMinute))",
    "speech=\(String(format: "%.2f", analysis.audio.speechShare))",
    "music=\(String(format: "%.2f", analysis.audio.musicShare))",
    "tempo=\(analysis.audio.tempoBPM.map { String(format: "%.1f", $0) } ?? "-")", "selfPeakMB=\(peakKB / 1024)",
]
print(line.joined(separator: " "))
