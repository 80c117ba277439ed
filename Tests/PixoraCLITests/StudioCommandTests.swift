import Foundation
import PixoraCore
import PixoraMedia
import Testing

@Suite("pixora studio", .serialized)
struct StudioCommandTests {
    @Test("a 6 s 480p walk to WebM, then a hero rerun that pays for the hero and what follows it, not the rest")
    func walkAndRerun() async throws {
        let cli = try CLI()
        defer { cli.remove() }
        let out = cli.folder.appendingPathComponent("studio")
        let result = try await cli.run([
            "studio", "how bees make honey", "--out", out.path, "--duration", "6", "--quality", "480p", "--format",
            "webm", "--rerun", "hero",
        ])
        #expect(result.status == 0, "\(result.stderr)")

        let workflow = try JSONDecoder().decode(
            StudioWorkflow.self, from: Data(contentsOf: out.appendingPathComponent("workflow.json")))
        #expect(workflow.steps.allSatisfy { $0.state == .done }, "\(workflow.steps.map(\.state))")
        #expect(workflow[.hero].runs == 2)
        #expect(workflow[.audio].runs == 1)
        let timeline = try #require(workflow.outputs.edit).editorState
        let info = try await MediaProbe.probe(out.appendingPathComponent("video.webm"))
        let video = try #require(info.video)
        #expect(video.codec == "vp9")
        #expect(video.width == 854 && video.height == 480, "\(video)")
        #expect(info.audio?.codec == "opus")
        #expect(abs(info.duration - timeline.duration) <= 0.2, "\(info.duration) against \(timeline.duration)")
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("thumbnail.jpg").path))

        let canvas = workflow.settings.canvas
        let frames = try #require(workflow.outputs.frames).scenes
        #expect(!frames.isEmpty)
        for scene in frames {
            for moment in ["start", "end"] {
                let picture = try await MediaProbe.probe(
                    out.appendingPathComponent("frames/\(scene.sceneId)-\(moment).png"))
                #expect(picture.video?.codec == "png")
                #expect(picture.video?.width == canvas.width && picture.video?.height == canvas.height)
            }
        }
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("hero-1.png").path))

        let rerun = Self.credits(in: result.stdout, after: "rerun: hero")
        for step in [StudioStep.idea, .storyboard, .audio] { #expect(rerun[step] == 0, "\(step): \(result.stdout)") }
        for step in [StudioStep.hero, .frames, .clips] {
            #expect((rerun[step] ?? 0) > 0, "\(step): \(result.stdout)")
        }
    }

    @Test("an unknown model, an effect that matches nothing or an unknown step is a usage error (exit 2)")
    func refusals() async throws {
        let cli = try CLI()
        defer { cli.remove() }
        let cases: [(flags: [String], message: String)] = [
            (["--effect", "s1=a tuba solo"], "no effect matches"),
            (["--model", "s1=nope"], "unknown video model nope"),
            (["--rerun", "polish"], "unknown step 'polish'"),
            (["--model", "nope"], "--model takes SCENE=VALUE"),
        ]
        for (flags, message) in cases {
            let out = cli.path("refused")
            let result = try await cli.run(
                ["studio", "how bees make honey", "--out", out, "--duration", "6", "--quality", "480p"] + flags)
            #expect(result.status == 2, "\(flags): \(result.stderr)")
            #expect(result.stderr.contains(message), "\(flags): \(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: out + "/video.mp4"))
        }
    }

    /// The credits printed per step in the section that starts with `heading`.
    static func credits(in stdout: String, after heading: String) -> [StudioStep: Int] {
        var found: [StudioStep: Int] = [:]
        for line in stdout.split(separator: "\n").drop(while: { !$0.hasPrefix(heading) }).dropFirst() {
            let words = line.split(separator: " ")
            guard words.count > 3, words[3] == "credits", let step = StudioStep(rawValue: String(words[0])),
                let credits = Int(words[2]), found[step] == nil
            else { continue }
            found[step] = credits
        }
        return found
    }
}
