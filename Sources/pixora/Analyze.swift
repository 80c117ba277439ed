import ArgumentParser
import Foundation
import Logging
import PixoraCore
import PixoraMedia
import PixoraProviders

struct Analyze: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Analyse a sample video: shots, pacing, palette, sound and a description.",
        discussion: "Prints a readable summary, or with --json the full report (the one a remix project stores).")

    @Argument(help: "The video to analyse.")
    var file: String

    @Flag(name: .long, help: "Print the report as JSON (sorted keys) instead of a summary.")
    var json = false

    @Option(name: .long, help: "Write one keyframe per shot (shot-001.jpg, …) into this folder.")
    var keyframes: String?

    func run() async throws {
        for tool in [SystemTool.ffmpeg, .ffprobe] where tool.locate() == nil {
            throw MediaError.toolMissing(tool: tool.name, package: tool.debianPackage)
        }
        // With PIXORA_VISION_MODEL set, the model describes the sample from the keyframes (written with --keyframes).
        var logger = Logger(label: "pixora.analyze")
        logger.logLevel = .warning
        let describer = try ProviderSettings.from(configuration: .current).sampleDescriber(logger: logger)
        let analysis = try await SampleAnalyzer(describer: describer).analyze(
            video: URL(fileURLWithPath: file), keyframesTo: keyframes.map { URL(fileURLWithPath: $0) })
        if json {
            FileHandle.standardOutput.write(try CanonicalJSON.encode(analysis, pretty: true) + Data("\n".utf8))
        } else {
            print(Self.summary(analysis))
        }
    }

    static func summary(_ analysis: SampleAnalysis) -> String {
        let facts = analysis.container
        var lines = [
            "duration:  \(n(analysis.durationSeconds)) s, \(facts.width)×\(facts.height) at \(n(facts.fps)) fps, "
                + "\(facts.videoCodec)\(facts.audioCodec.map { " + \($0)" } ?? ", no audio")",
            "type:      \(analysis.description.contentType), style \(analysis.description.style.rawValue), "
                + "mood \(analysis.description.mood.rawValue)",
            "pacing:    \(analysis.shots.count) shots, \(n(analysis.pacing.cutsPerMinute)) cuts/min, "
                + "median shot \(n(analysis.pacing.medianShotSeconds)) s, \(analysis.pacing.trend)",
            "palette:   "
                + analysis.palette.map { "\($0.hex) \(Int(($0.share * 100).rounded()))%" }
                .joined(separator: ", "),
        ]
        let audio = analysis.audio
        if audio.present {
            var sound =
                "sound:     speech \(percent(audio.speechShare)), music \(percent(audio.musicShare)), "
                + "silence \(percent(audio.silenceShare))"
            if let loudness = audio.integratedLoudness { sound += ", \(n(loudness)) LUFS" }
            if let range = audio.loudnessRange { sound += " (range \(n(range)) LU)" }
            if let tempo = audio.tempoBPM { sound += ", \(n(tempo)) BPM" }
            lines.append(sound)
        } else {
            lines.append("sound:     none")
        }
        lines.append("shots:")
        for shot in analysis.shots {
            let entry = shot.entry == .gradual ? "gradual \(n(shot.transitionSeconds)) s" : shot.entry.rawValue
            lines.append(
                "  \(shot.index). \(n(shot.start))–\(n(shot.end)) s  \(entry), brightness \(n(shot.brightness)), "
                    + "motion \(n(shot.motion)), \(shot.colours.joined(separator: " "))"
                    + (shot.keyframe.map { "  \($0)" } ?? ""))
        }
        lines.append("")
        lines.append(analysis.description.summary)
        return lines.joined(separator: "\n")
    }

    private static func n(_ value: Double) -> String { String(format: "%.2f", value) }
    private static func percent(_ value: Double) -> String { "\(Int((value * 100).rounded()))%" }
}
