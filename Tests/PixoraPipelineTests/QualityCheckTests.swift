import Foundation
import PixoraCore
import PixoraGenerators
import PixoraMedia
import Testing

@testable import PixoraPipeline

/// Each quality check against an asset broken on purpose by ffmpeg, and against the embedded generators' real output.
@Suite("Quality checks of assets and renders", .serialized)
struct QualityCheckTests {
    /// A moving 320×240 24 fps clip of `seconds`, after `filters` (ffmpeg's testsrc2 changes every frame).
    static func clip(
        _ fixtures: MediaFixtures, _ name: String, seconds: Double = 3, size: String = "320x240",
        _ graph: String? = nil
    ) async throws -> URL {
        var arguments = ["-f", "lavfi", "-i", "testsrc2=s=\(size):r=24:d=\(seconds)"]
        if let graph { arguments = graph.isEmpty ? [] : arguments + ["-vf", graph] }
        return try await fixtures.make(
            name, arguments + ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"])
    }

    static let expected = ClipExpectation(width: 320, height: 240, fps: 24, duration: 3)

    func kinds<M>(_ result: QualityResult<M>) -> [QualityProblem.Kind] { result.problems.map(\.kind) }

    @Test("clips: a good one passes; black, frozen, jumping, wrong-size and short ones fail with their measurements")
    func clips() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let fixtures = MediaFixtures(folder: workspace.root)

        let good = try await ClipQuality.check(try await Self.clip(fixtures, "good.mp4"), against: Self.expected)
        #expect(good.passed, "\(good.reasons)")
        #expect(good.measured.frames == 72 && good.measured.width == 320)
        // One frame over is within tolerance; the length check counts frames, not seconds.
        let longer = try await Self.clip(fixtures, "longer.mp4", seconds: 3 + 1.0 / 24)
        #expect(try await ClipQuality.check(longer, against: Self.expected).passed)

        let black = try await fixtures.make(
            "black.mp4", ["-f", "lavfi", "-i", "color=c=black:s=320x240:r=24:d=3", "-pix_fmt", "yuv420p"])
        let blackResult = try await ClipQuality.check(black, against: Self.expected)
        #expect(kinds(blackResult).contains(.black))
        #expect(blackResult.problems.first { $0.kind == .black }?.reason == "black for 3.0 s from 0.0 s")
        #expect(blackResult.summary == "black picture")

        let frozen = try await Self.clip(
            fixtures, "frozen.mp4", seconds: 1, "tpad=stop_mode=clone:stop_duration=2")
        let frozenResult = try await ClipQuality.check(frozen, against: Self.expected)
        #expect(kinds(frozenResult) == [.frozen], "\(frozenResult.reasons)")
        let still = try #require(frozenResult.measured.frozen.first)
        #expect(abs(still.start - 1) < 0.1 && abs(still.end - 3) < 0.1, "\(still)")
        // The same clip passes when the plan asks for that long a hold.
        var holding = Self.expected
        holding.allowedStill = 2.5
        #expect(try await ClipQuality.check(frozen, against: holding).passed)

        let jump = try await fixtures.make(
            "jump.mp4",
            [
                "-f", "lavfi", "-i", "testsrc2=s=320x240:r=24:d=1.5", "-f", "lavfi", "-i",
                "testsrc2=s=320x240:r=24:d=1.5,negate,hue=h=120", "-filter_complex", "[0][1]concat=n=2",
                "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
            ])
        let jumpResult = try await ClipQuality.check(jump, against: Self.expected)
        #expect(kinds(jumpResult) == [.sceneJump], "\(jumpResult.reasons)")
        #expect(abs((jumpResult.measured.cuts.first?.time ?? 0) - 1.5) < 0.05)

        let wide = try await Self.clip(fixtures, "wide.mp4", size: "352x240")
        let wideResult = try await ClipQuality.check(wide, against: Self.expected)
        #expect(kinds(wideResult) == [.wrongSize])
        #expect(wideResult.problems.first?.reason == "352×240 instead of 320×240")

        let short = try await Self.clip(fixtures, "short.mp4", seconds: 2.5)
        let shortResult = try await ClipQuality.check(short, against: Self.expected)
        #expect(kinds(shortResult) == [.wrongLength])
        #expect(shortResult.problems.first?.reason == "60 frames (2.5 s) instead of 72 (3.0 s)")
    }

    @Test("voices: a real narration passes; a silent, a clipped and a truncated one fail")
    func voices() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let fixtures = MediaFixtures(folder: workspace.root)
        let request = SpeechRequest(
            text: "Bees turn nectar into honey by fanning it with their wings for days.", voice: .slt, rate: 1)
        let range = QualityGate.speakingRange(request)

        let spoken = workspace.root.appendingPathComponent("spoken.wav")
        _ = try await EmbeddedSpeechGenerator().makeSpeech(request, to: spoken)
        let good = try await VoiceQuality.check(spoken, speaking: range)
        #expect(good.passed, "\(good.reasons)")
        #expect(good.measured.clippedRuns == 0 && good.measured.speaking > 1)

        let silent = try await fixtures.make(
            "silent.wav", ["-f", "lavfi", "-i", "anullsrc=r=48000:cl=mono", "-t", "3", "-c:a", "pcm_s16le"])
        let silentResult = try await VoiceQuality.check(silent, speaking: range)
        #expect(kinds(silentResult) == [.silent])
        #expect(silentResult.measured.speaking == 0)

        // A tone driven 20 dB past full scale sits on the rails for most of every cycle.
        let clipped = try await fixtures.tone(
            "clipped.wav", frequency: 220, seconds: 3, rate: 48000, extra: ["-af", "volume=20dB", "-c:a", "pcm_s16le"])
        let clippedResult = try await VoiceQuality.check(clipped, speaking: 1...5)
        #expect(kinds(clippedResult) == [.clipped], "\(clippedResult.reasons)")
        #expect(clippedResult.measured.clippedRuns > 100 && clippedResult.measured.firstClip ?? 9 < 0.01)

        let truncated = try await fixtures.tone(
            "truncated.wav", frequency: 220, seconds: 0.3, rate: 48000, extra: ["-c:a", "pcm_s16le"])
        let truncatedResult = try await VoiceQuality.check(truncated, speaking: range)
        #expect(kinds(truncatedResult) == [.wrongLength], "\(truncatedResult.reasons)")
        #expect(abs(truncatedResult.measured.speaking - 0.3) < 0.03)
    }

    @Test("music: whole cycles loop cleanly; a track cut mid-cycle clicks at the seam")
    func musicLoops() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let fixtures = MediaFixtures(folder: workspace.root)
        // 480 Hz at 48 kHz is 100 samples a cycle: 96,000 samples end on a whole cycle, 96,025 at its crest.
        func sine(_ name: String, samples: Int) async throws -> URL {
            try await fixtures.make(
                name,
                [
                    "-f", "lavfi", "-i", "sine=f=480:sample_rate=48000:d=3", "-af",
                    "atrim=end_sample=\(samples),pan=stereo|c0=c0|c1=c0", "-c:a", "pcm_s16le",
                ])
        }
        let clean = try await MusicLoopQuality.check(try await sine("clean.wav", samples: 96_000))
        #expect(clean.passed, "\(clean.reasons)")
        let click = try await MusicLoopQuality.check(try await sine("click.wav", samples: 96_025))
        #expect(kinds(click) == [.loopClick], "\(click.reasons)")
        #expect(click.measured.seamStep > click.measured.localRMS && click.measured.seamStep > 0.1)
        let silent = try await fixtures.make(
            "quiet.wav", ["-f", "lavfi", "-i", "anullsrc=r=48000:cl=stereo", "-t", "2", "-c:a", "pcm_s16le"])
        #expect(kinds(try await MusicLoopQuality.check(silent)) == [.silent])
    }

    @Test("the gate keeps the checks it times only when asked, and a kept check runs the same check again")
    func keptChecks() async throws {
        let gate = QualityGate()
        let runs = Counter()
        _ = try await gate.timed(.voice) { runs.generated() }
        #expect(gate.clock.checks.isEmpty)
        gate.clock.keepChecks()
        _ = try await gate.timed(.clip) { runs.generated() }
        _ = try await gate.timed(.render) { runs.generated() }
        #expect(gate.clock.checks.map(\.kind) == [.clip, .render])
        for check in gate.clock.checks { try await check.run() }
        #expect(runs.generatedCount == 5)
    }

    @Test("a real generated video: every asset and the render pass; a louder or resized copy of the render fails")
    func realVideo() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let pipeline = VideoPipeline(store: workspace.store)
        let plan = try await pipeline.plan(
            prompt: "a 12-second vertical video about how bees make honey", settings: GenerationTests.settings)
        let output = workspace.root.appendingPathComponent("bees.mp4")
        // makeVideo runs every check; none may fire on the embedded generators' output.
        let (video, result) = try await pipeline.makeVideo(plan, to: output)
        #expect(video.assets.generated > 0)
        let state = video.state
        let canvas = state.canvas
        for (index, scene) in video.assets.scenes.enumerated() {
            let clip = try await ClipQuality.check(
                try workspace.store.url(for: scene.clip),
                against: ClipExpectation(
                    width: canvas.width, height: canvas.height, fps: canvas.fps, duration: scene.duration))
            #expect(clip.passed, "scene \(index + 1) clip: \(clip.reasons)")
            if let voice = scene.voice {
                let request = pipeline.speechRequest(plan.scenes[index], plan.settings)
                let spoken = try await VoiceQuality.check(
                    try workspace.store.url(for: voice), speaking: QualityGate.speakingRange(request))
                #expect(spoken.passed, "scene \(index + 1) voice: \(spoken.reasons)")
            }
        }
        #expect(!video.assets.music.isEmpty)
        for music in video.assets.music {
            let loop = try await MusicLoopQuality.check(try workspace.store.url(for: music.track))
            #expect(loop.passed, "music \(music.group + 1): \(loop.reasons)")
        }
        let render = try await RenderQuality.check(output, against: state, sounding: true)
        #expect(render.passed, "\(render.reasons)")
        #expect(abs((render.measured.loudness ?? 0) + 14) <= 1)

        let fixtures = MediaFixtures(folder: workspace.root)
        let loud = try await fixtures.make(
            "loud.mp4", ["-i", output.path, "-c:v", "copy", "-af", "volume=12dB", "-c:a", "aac"])
        let loudResult = try await RenderQuality.check(loud, against: state, sounding: true)
        #expect(kinds(loudResult) == [.loudness, .truePeak], "\(loudResult.reasons)")
        let resized = try await fixtures.make(
            "resized.mp4",
            ["-i", output.path, "-vf", "scale=240:426", "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "copy"])
        #expect(kinds(try await RenderQuality.check(resized, against: state, sounding: true)) == [.wrongSize])
        #expect(result.loudness != nil)
    }
}
