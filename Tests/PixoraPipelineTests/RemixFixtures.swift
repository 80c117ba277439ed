import PixoraCore
import PixoraMedia
import Testing

@testable import PixoraPipeline

/// Sample analyses written by hand, shaped like the analyzer's reports.
enum RemixFixtures {
    struct ShotSpec {
        var length: Double
        var brightness = 0.5
        var motion = 0.4
        var gradual = 0.0
        var colours = ["#336699", "#f0e0d0"]
    }

    static func analysis(
        _ shots: [ShotSpec], speech: Double, music: Double, style: VisualStyle = .cinematic, mood: Mood = .warm,
        contentType: String = "montage"
    ) -> SampleAnalysis {
        var start = 0.0
        let made = shots.enumerated().map { index, spec in
            defer { start += spec.length }
            return SampleAnalysis.Shot(
                index: index + 1, start: start, end: start + spec.length,
                entry: index == 0 ? .start : spec.gradual > 0 ? .gradual : .cut, transitionSeconds: spec.gradual,
                keyframe: String(format: "shot-%03d.jpg", index + 1), colours: spec.colours,
                brightness: spec.brightness, motion: spec.motion)
        }
        let total = shots.reduce(0) { $0 + $1.length }
        let lengths = shots.map(\.length).sorted()
        let silence = max(0, 1 - speech - music)
        return SampleAnalysis(
            durationSeconds: total,
            container: .init(
                formatName: "mov,mp4", sizeBytes: 4_000_000, bitRate: 1_000_000, width: 1080, height: 1920, fps: 30,
                videoCodec: "h264", audioCodec: "aac", hasAudio: true),
            shots: made,
            pacing: .init(
                cutsPerMinute: Double(shots.count - 1) / total * 60, meanShotSeconds: total / Double(shots.count),
                medianShotSeconds: lengths[lengths.count / 2], shortestShotSeconds: lengths.first ?? 0,
                longestShotSeconds: lengths.last ?? 0, rhythm: [], windowSeconds: 10, trend: "steady"),
            palette: [.init(hex: "#336699", share: 0.6), .init(hex: "#f0e0d0", share: 0.4)],
            audio: .init(
                present: true, integratedLoudness: -16, loudnessRange: 6,
                segments: [.init(start: 0, end: total, kind: speech >= music ? .speech : .music)],
                tempoBPM: music > 0.3 ? 120 : nil, speechShare: speech, musicShare: music, silenceShare: silence),
            description: .init(
                contentType: contentType, style: style, mood: mood, audience: "general",
                summary: "A \(contentType).", source: "rules"))
    }

    /// 30 s of 1.2 s shots, bright and moving fast, over music: a music video.
    static let fast = analysis(
        (0..<25).map { _ in ShotSpec(length: 1.2, brightness: 0.65, motion: 0.8) }, speech: 0.05, music: 0.9,
        style: .vibrant, mood: .energetic, contentType: "music video")

    /// 30 s of 6 s still shots joined by 0.8 s dissolves, someone talking: a calm explainer.
    static let slow = analysis(
        (0..<5).map { index in ShotSpec(length: 6, brightness: 0.5, motion: 0.1, gradual: index == 0 ? 0 : 0.8) },
        speech: 0.85, music: 0.05, style: .minimal, mood: .calm, contentType: "talking head")

    /// Ten minutes of 3 s shots, alternately dark-still and bright-moving, over music.
    static let long = analysis(
        (0..<200).map { index in
            index.isMultiple(of: 2)
                ? ShotSpec(length: 3, brightness: 0.15, motion: 0.1)
                : ShotSpec(length: 3, brightness: 0.8, motion: 0.7)
        }, speech: 0.2, music: 0.7, style: .cinematic, mood: .dramatic)

    static let topic = "how bees make honey"

    static var settings: Settings { Settings(seed: 7) }

    static let music = AssetRef(String(repeating: "b", count: 64) + ".wav")!
    static let voiceOver = AssetRef(String(repeating: "c", count: 64) + ".wav")!

    static func context(_ analysis: SampleAnalysis = slow, uploads: PlanMedia = PlanMedia()) -> RemixContext {
        RemixContext(analysis: analysis, topic: topic, uploads: uploads)
    }

    /// A remix plan as every change must leave it: valid, at most 60 s, scenes of 1.5 to 15 s.
    static func expectWithinLimits(_ plan: Plan, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(plan.validate().isEmpty, sourceLocation: sourceLocation)
        #expect(plan.plannedDuration <= 60.001, sourceLocation: sourceLocation)
        #expect(plan.scenes.allSatisfy { $0.duration <= 15 && $0.duration >= 1.5 }, sourceLocation: sourceLocation)
    }

    static func plan(_ analysis: SampleAnalysis = slow, duration: Double? = nil) async throws -> Plan {
        try await RemixPlanner().plan(analysis: analysis, topic: topic, settings: settings, duration: duration)
    }
}
