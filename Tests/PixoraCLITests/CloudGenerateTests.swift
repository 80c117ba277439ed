import Foundation
import PixoraCore
import PixoraMedia
import PixoraTestSupport
import Testing

/// The model's plan for the full run: three scenes with distinct moods.
private let modelAnswer: String = {
    let scenes: [[String: Any]] = [
        [
            "narration": "Every drop of honey starts as nectar in a flower.",
            "visual": "A honeybee on a lavender flower at sunrise", "keyPhrase": "Nectar", "mood": "calm",
            "transition": "dissolve",
        ],
        [
            "narration": "Back in the hive, worker bees fan it with their wings until it thickens.",
            "visual": "Bees fanning wings over honeycomb cells", "keyPhrase": "Fanning", "mood": "energetic",
            "transition": "wipeleft",
        ],
        [
            "narration": "Sealed under wax, it keeps for years.", "visual": "Capped honeycomb glowing amber",
            "keyPhrase": "Sealed", "mood": "warm", "transition": "fade",
        ],
    ]
    let object: [String: Any] = [
        "title": "Liquid Gold: How Bees Make Honey", "summary": "From flower to comb.", "scenes": scenes,
    ]
    return ProviderEmulator.chatCompletion(
        String(decoding: try! JSONSerialization.data(withJSONObject: object), as: UTF8.self))
}()

@Suite("pixora generate with every role on emulated cloud providers")
struct CloudGenerateTests {
    @Test(
        "the plan is the one the language model returned; pictures, clips and music from fal.ai, voices from ElevenLabs; a valid MP4"
    )
    func everyRoleInTheCloud() async throws {
        let cli = try CLI()
        defer { cli.remove() }
        let media = try await EmulatorMedia.make()
        let llm = ProviderEmulator([.init(body: modelAnswer)])
        let fal = FalEmulator(media: media)
        let eleven = ElevenLabsEmulator(media: media)
        let output = cli.path("bees.mp4")
        let result = try await llm.run { llmBase in
            try await fal.server.run { falBase in
                try await eleven.server.run { elevenBase in
                    try await cli.run(
                        [
                            "generate", "how bees make honey", "--duration", "12", "--quality", "480p", "--aspect",
                            "16:9", "--out", output, "--quiet",
                        ],
                        environment: [
                            "OPENAI_BASE_URL": llmBase + "/v1", "OPENAI_API_KEY": "sk-emulated",
                            "FAL_KEY": "fal-test-key", "FAL_QUEUE_URL": falBase,
                            "PIXORA_FAL_POLL_SECONDS": "0.02", "ELEVENLABS_API_KEY": "eleven-test-key",
                            "ELEVENLABS_BASE_URL": elevenBase,
                        ])
                }
            }
        }
        #expect(result.status == 0, "\(result.stderr)")
        let plan = try Plan.load(Data(contentsOf: URL(fileURLWithPath: cli.path("bees.plan.json"))))
        #expect(plan.title == "Liquid Gold: How Bees Make Honey")
        #expect(
            plan.scenes.map(\.narration) == [
                "Every drop of honey starts as nectar in a flower.",
                "Back in the hive, worker bees fan it with their wings until it thickens.",
                "Sealed under wax, it keeps for years.",
            ])
        #expect(plan.scenes.map(\.mood) == [.calm, .energetic, .warm])
        #expect(plan.scenes.dropLast().map(\.transition.kind) == [.dissolve, .wipeleft])

        let models = fal.submissions.map(\.model)
        #expect(models.filter { $0 == "fal-ai/flux-pro/v1.1-ultra" }.count == 3)
        #expect(models.filter { $0 == "fal-ai/kling-video/v1.6/pro/image-to-video" }.count == 3)
        #expect(models.contains("cassetteai/music-generator"))
        #expect(eleven.voicesUsed.count == 3)

        let info = try await MediaProbe.probe(URL(fileURLWithPath: output))
        #expect(info.video?.codec == "h264" && info.video?.height == 480 && info.video?.pixelFormat == "yuv420p")
        #expect(info.audio?.codec == "aac" && info.audio?.sampleRate == 48000)
        #expect(info.duration > 8 && info.duration < 16, "duration \(info.duration)")
        let loudness = try await MediaCheck.loudness(of: URL(fileURLWithPath: output))
        #expect(abs(loudness.integrated + 14) <= 1.5, "integrated \(loudness.integrated)")
    }

    @Test("a refused key stops the run with the provider's message and no output file")
    func refusedKey() async throws {
        let cli = try CLI()
        defer { cli.remove() }
        let llm = ProviderEmulator([.init(status: 401, body: #"{"error":{"message":"Incorrect API key provided"}}"#)])
        let output = cli.path("x.mp4")
        let result = try await llm.run { base in
            try await cli.run(
                ["generate", "bees", "--duration", "5", "--out", output, "--quiet"],
                environment: ["OPENAI_BASE_URL": base + "/v1", "OPENAI_API_KEY": "sk-secret-value"])
        }
        #expect(result.status == 1)
        #expect(result.stderr.contains("HTTP 401: Incorrect API key provided"))
        #expect(!result.stderr.contains("sk-secret-value"))
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test(
        "--agent: the model directs with tools (script, scenes, a transition, media, an edit, finish), errors go back to it, and the video renders"
    )
    func director() async throws {
        let cli = try CLI()
        defer { cli.remove() }
        let script = "Bees visit flowers for nectar. They carry it home to the hive. There they turn it into honey."
        let calls: [(String, [String: Any])] = [
            ("plan_scenes", [:]),  // Fine on its own, but the director wants its own words first:
            ("write_script", ["script": script]),
            ("plan_scenes", [:]),
            ("set_transition", ["scene": 9, "kind": "wipeleft"]),  // No scene 9: the tool says so.
            ("set_transition", ["scene": 1, "kind": "wipeleft"]),
            ("generate_media", [:]),
            ("apply_edits", ["operations": [["op": "setTrackVolume", "track": "music", "volume": 0.1]]]),
            ("finish", [:]),
        ]
        let llm = ProviderEmulator(
            calls.enumerated().map { index, call in
                .init(body: ProviderEmulator.toolCall(call.0, arguments: call.1, id: "call_\(index)"))
            })
        let output = cli.path("directed.mp4")
        let result = try await llm.run { base in
            try await cli.run(
                [
                    "generate", "how bees make honey", "--agent", "--duration", "10", "--quality", "480p", "--out",
                    output, "--quiet",
                ],
                environment: [
                    "OPENAI_BASE_URL": base + "/v1", "OPENAI_API_KEY": "sk-emulated",
                    "PIXORA_PLANNER_PROVIDER": "embedded",
                ])
        }
        #expect(result.status == 0, "\(result.stderr)")
        #expect(llm.requests.count == calls.count)
        let tools = (llm.requests.first?.json["tools"] as? [[String: Any]] ?? []).compactMap {
            ($0["function"] as? [String: Any])?["name"] as? String
        }
        #expect(
            tools == [
                "write_script", "plan_scenes", "revise_scene", "set_transition", "generate_media", "apply_edits",
                "finish",
            ])
        // The wrong scene number went back to the model as the tool's answer.
        let messages = llm.requests[4].json["messages"] as? [[String: Any]] ?? []
        #expect((messages.last?["content"] as? String)?.contains("scene must be a number from 1 to") == true)

        let plan = try Plan.load(Data(contentsOf: URL(fileURLWithPath: cli.path("directed.plan.json"))))
        #expect(plan.scenes.map(\.narration).joined(separator: " ") == script)
        #expect(plan.scenes.first?.transition.kind == .wipeleft)
        let state = try EditorState.load(Data(contentsOf: URL(fileURLWithPath: cli.path("directed.editor-state.json"))))
        #expect(state.audio.music.volume == 0.1)
        let info = try await MediaProbe.probe(URL(fileURLWithPath: output))
        #expect(info.video?.height == 480 && info.audio?.codec == "aac")
        #expect(abs(info.duration - state.duration) < 0.1)
    }

    @Test("--agent without a language model is a usage error")
    func directorNeedsModel() async throws {
        let cli = try CLI()
        defer { cli.remove() }
        let result = try await cli.run(
            ["generate", "bees", "--agent", "--out", cli.path("x.mp4")],
            environment: ["OPENAI_API_KEY": "", "OPENAI_BASE_URL": ""])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--agent needs a language model"))
    }
}

@Suite("pixora providers check")
struct ProvidersCheckTests {
    @Test("answering providers are ok; a refused fal key fails the check with exit 1; the keys are never printed")
    func check() async throws {
        let cli = try CLI()
        defer { cli.remove() }
        let llm = ProviderEmulator([.init(body: ProviderEmulator.chatCompletion("ok"))])
        let fal = FalEmulator(key: "fal-good-key", media: try await EmulatorMedia.make())
        let (good, bad) = try await llm.run { llmBase in
            try await fal.server.run { falBase in
                let environment = [
                    "OPENAI_BASE_URL": llmBase + "/v1", "OPENAI_API_KEY": "sk-secret-1", "FAL_QUEUE_URL": falBase,
                ]
                var goodEnvironment = environment
                goodEnvironment["FAL_KEY"] = "fal-good-key"
                var badEnvironment = environment
                badEnvironment["FAL_KEY"] = "fal-wrong-key"
                badEnvironment["PIXORA_PLANNER_PROVIDER"] = "embedded"
                badEnvironment["PIXORA_ASSISTANT_PROVIDER"] = "embedded"
                return (
                    try await cli.run(["providers", "check"], environment: goodEnvironment),
                    try await cli.run(["providers", "check"], environment: badEnvironment)
                )
            }
        }
        #expect(good.status == 0, "\(good.stdout)\(good.stderr)")
        #expect(good.stdout.contains("ok   planner"))
        #expect(good.stdout.contains("ok   image, video, speech, music  fal.ai"))
        #expect(bad.status == 1)
        #expect(bad.stdout.contains("FAIL image, video, speech, music  fal.ai"))
        #expect(bad.stdout.contains("the key was refused (HTTP 401)"))
        for output in [good.stdout + good.stderr, bad.stdout + bad.stderr] {
            #expect(
                !output.contains("sk-secret-1") && !output.contains("fal-good-key") && !output.contains("fal-wrong-key")
            )
        }
    }
}
