import Foundation
import PixoraCore
import PixoraMedia
import Testing

@Suite("pixora analyze", .serialized)
struct AnalyzeCommandTests {
    /// 4 s: testsrc2 then smptebars (a cut at 2 s), with a tone.
    static func sample(in cli: CLI) async throws -> String {
        let path = cli.path("sample.mp4")
        try await ToolRunner.run(
            .ffmpeg,
            [
                "-hide_banner", "-nostdin", "-loglevel", "error", "-y",
                "-f", "lavfi", "-i", "testsrc2=s=320x180:r=25:d=2", "-f", "lavfi", "-i", "smptebars=s=320x180:r=25:d=2",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:d=4", "-filter_complex",
                "[0:v]setsar=1[a];[1:v]setsar=1[b];[a][b]concat=n=2:v=1:a=0[v]", "-map", "[v]", "-map", "2:a",
                "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", path,
            ])
        return path
    }

    @Test("--json prints the report: shots with the cut, pacing, palette, audio, description; keyframes are written")
    func json() async throws {
        let cli = try CLI()
        defer { cli.remove() }
        let sample = try await Self.sample(in: cli)
        let result = try await cli.run(["analyze", sample, "--json", "--keyframes", cli.path("frames")])
        #expect(result.status == 0, "\(result.stderr)")
        let analysis = try JSONDecoder().decode(SampleAnalysis.self, from: Data(result.stdout.utf8))
        #expect(abs(analysis.durationSeconds - 4) <= 0.1)
        #expect(analysis.shots.count == 2 && abs(analysis.shots[1].start - 2) <= 0.04, "\(analysis.shots)")
        #expect(abs(analysis.pacing.cutsPerMinute - 15) <= 0.5)
        #expect(!analysis.palette.isEmpty && analysis.audio.present && analysis.audio.integratedLoudness != nil)
        #expect(analysis.description.source == "rules")
        for shot in analysis.shots {
            let name = try #require(shot.keyframe)
            #expect(FileManager.default.fileExists(atPath: cli.path("frames/\(name)")))
        }
        // Sorted keys, pretty-printed, the names scripts read.
        for key in ["\"audio\"", "\"cutsPerMinute\"", "\"description\"", "\"durationSeconds\"", "\"palette\""] {
            #expect(result.stdout.contains(key))
        }
        #expect(result.stdout.range(of: "\"audio\"")!.lowerBound < result.stdout.range(of: "\"shots\"")!.lowerBound)
    }

    @Test("without --json a readable summary lists the shots and the sound")
    func summary() async throws {
        let cli = try CLI()
        defer { cli.remove() }
        let sample = try await Self.sample(in: cli)
        let result = try await cli.run(["analyze", sample])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("pacing:    2 shots"), "\(result.stdout)")
        #expect(result.stdout.contains("2. 2.00–4.00 s  cut"))
        #expect(result.stdout.contains("sound:     speech"))
    }

    @Test("a missing file or one that is not a video exits with 2 and says why")
    func badInput() async throws {
        let cli = try CLI()
        defer { cli.remove() }
        let missing = try await cli.run(["analyze", cli.path("nothing.mp4")])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("does not exist"), "\(missing.stderr)")
        try Data("hello\n".utf8).write(to: URL(fileURLWithPath: cli.path("notes.mp4")))
        let text = try await cli.run(["analyze", cli.path("notes.mp4"), "--json"])
        #expect(text.status == 2)
        #expect(text.stderr.contains("is not a video"), "\(text.stderr)")
        #expect(text.stdout.isEmpty)
    }
}
