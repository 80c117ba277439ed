import Foundation
import PixoraCore
import PixoraMedia
import Testing

@Suite("pixora remix", .serialized)
struct RemixCommandTests {
    @Test("analysis → plan → instructions → a 9:16 video with the uploaded music, and the files beside it")
    func remix() async throws {
        let cli = try CLI()
        defer { cli.remove() }
        let sample = try await AnalyzeCommandTests.sample(in: cli)
        let music = cli.path("bed.wav")
        try await ToolRunner.run(
            .ffmpeg, ["-v", "error", "-y", "-f", "lavfi", "-i", "sine=frequency=330:duration=3", music])
        let result = try await cli.run([
            "remix", sample, "--out", cli.path("remix.mp4"), "--topic", "how bees make honey",
            "--instruction", "make it 8 seconds", "--instruction", "more dramatic", "--music", music,
            "--quality", "480p",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("make it 8 seconds → "))

        let info = try await MediaProbe.probe(URL(fileURLWithPath: cli.path("remix.mp4")))
        let video = try #require(info.video)
        // 9:16 with both sides even: 480×854 at 480p.
        let ratio = Double(video.width ?? 0) / Double(video.height ?? 1)
        #expect(abs(ratio - 9.0 / 16) < 0.005, "\(video)")
        #expect(abs(info.duration - 8) < 0.6, "\(info.duration)")
        #expect(info.audio != nil)

        let analysis = try JSONDecoder().decode(
            SampleAnalysis.self, from: Data(contentsOf: URL(fileURLWithPath: cli.path("remix.analysis.json"))))
        #expect(analysis.shots.count == 2)
        let keyframes = try FileManager.default.contentsOfDirectory(atPath: cli.path("remix.keyframes"))
        #expect(keyframes.count == 2)
        let plan = try Plan.load(Data(contentsOf: URL(fileURLWithPath: cli.path("remix.plan.json"))))
        #expect(plan.settings.aspectRatio == .vertical)
        #expect(plan.media?.music != nil)
        #expect(plan.scenes.allSatisfy { $0.mood == .dramatic })
        #expect(FileManager.default.fileExists(atPath: cli.path("remix.editor-state.json")))
    }

    @Test("a sample that is not a video, or a remix longer than 60 s, is a usage error (exit 2)")
    func refusals() async throws {
        let cli = try CLI()
        defer { cli.remove() }
        let text = cli.path("notes.mp4")
        try Data("not a video".utf8).write(to: URL(fileURLWithPath: text))
        let wrong = try await cli.run(["remix", text, "--out", cli.path("a.mp4")])
        #expect(wrong.status == 2)
        #expect(wrong.stderr.contains("not a readable video"), "\(wrong.stderr)")
        #expect(!FileManager.default.fileExists(atPath: cli.path("a.mp4")))

        let sample = try await AnalyzeCommandTests.sample(in: cli)
        let long = try await cli.run(["remix", sample, "--duration", "90"])
        #expect(long.status == 2)
        #expect(long.stderr.contains("5 to 60 seconds"), "\(long.stderr)")
    }
}
