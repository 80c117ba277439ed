import Foundation
import PixoraCore
import PixoraProviders
import PixoraTestSupport
import Testing

/// Two 4-second scenes with a 1-second fade, music at 0.3.
func smallTimeline() -> EditorState {
    let clip = { (n: Int) in
        Clip(
            id: "s\(n)", sceneId: "s\(n)", asset: AssetRef(String(repeating: "\(n)", count: 64) + ".mp4")!, duration: 4)
    }
    return EditorState(
        title: "Bees", canvas: Canvas(width: 640, height: 360, fps: 30), clips: [clip(1), clip(2)],
        transitions: [Transition(kind: .fade, duration: 1)], captions: Captions(enabled: true, cues: []),
        audio: AudioMix(
            voice: AudioTrack(segments: []),
            music: AudioTrack(
                volume: 0.3,
                segments: [
                    AudioSegment(asset: AssetRef(String(repeating: "a", count: 64) + ".wav")!, start: 0, duration: 7)
                ])))
}

func assistant(_ base: String, steps: Int = 3) -> LanguageModelAssistant {
    LanguageModelAssistant(
        client: ChatClient(
            endpoint: LanguageModelEndpoint(baseURL: base + "/v1", apiKey: "sk-test", model: "gpt-4o-mini"),
            policy: RetryPolicy(attempts: 1, baseDelay: 0, maximumDelay: 0, timeout: 120), logger: quietLogger),
        maxSteps: steps)
}

@Suite("Editor assistant on a language model with tool calling")
struct AssistantAgentTests {
    @Test("the model's apply_edits call is applied; the timeline and the tool were described to it")
    func applied() async throws {
        let emulator = ProviderEmulator([
            .init(
                body: ProviderEmulator.toolCall(
                    "apply_edits",
                    arguments: [
                        "reply": "I lowered the music.",
                        "operations": [["op": "setTrackVolume", "track": "music", "volume": 0.1]],
                    ]))
        ])
        let (answer, words) = try await emulator.run { base in
            try await assistant(base).answer("the music is too loud", state: smallTimeline())
        }
        #expect(words == nil)
        #expect(answer?.result.state.audio.music.volume == 0.1)
        #expect(answer?.reply == "I lowered the music.")
        let request = try #require(emulator.requests.first?.json)
        let tools = try #require(request["tools"] as? [[String: Any]])
        #expect((tools.first?["function"] as? [String: Any])?["name"] as? String == "apply_edits")
        let system = ((request["messages"] as? [[String: Any]])?.first?["content"] as? String) ?? ""
        #expect(system.contains("clip 1 (scene 2): starts at 3 s, 4 s long"))
        #expect(system.contains("music volume 0.3"))
    }

    @Test("operations that do not fit go back to the model with the reason; its corrected call is applied")
    func corrected() async throws {
        let emulator = ProviderEmulator([
            .init(
                body: ProviderEmulator.toolCall(
                    "apply_edits",
                    arguments: ["reply": "", "operations": [["op": "trimClip", "clip": 2, "duration": 6]]])),
            .init(
                body: ProviderEmulator.toolCall(
                    "apply_edits",
                    arguments: ["reply": "", "operations": [["op": "trimClip", "clip": 1, "duration": 6]]], id: "call_2"
                )),
        ])
        let (answer, _) = try await emulator.run { base in
            try await assistant(base).answer("make scene 2 longer", state: smallTimeline())
        }
        #expect(answer?.result.state.clips[1].duration == 6)
        #expect(answer?.reply == "Done: Scene 2 is now 6 s long (was 4 s).")
        let second = try #require(emulator.requests.last?.json["messages"] as? [[String: Any]])
        let toolMessage = try #require(second.last)
        #expect(toolMessage["role"] as? String == "tool" && toolMessage["tool_call_id"] as? String == "call_1")
        #expect((toolMessage["content"] as? String)?.contains("operations[0].clip: there is no clip 2") == true)
    }

    @Test("an answer in words is passed on; a model that never finishes stops at the step limit")
    func wordsAndStepLimit() async throws {
        let talker = ProviderEmulator([.init(body: ProviderEmulator.chatCompletion("Which scene do you mean?"))])
        let (answer, words) = try await talker.run { base in
            try await assistant(base).answer("make it longer", state: smallTimeline())
        }
        #expect(answer == nil && words == "Which scene do you mean?")

        let stubborn = ProviderEmulator(
            [],
            otherwise: .init(
                body: ProviderEmulator.toolCall(
                    "apply_edits", arguments: ["reply": "", "operations": [["op": "removeClip", "clip": 5]]])))
        await #expect {
            try await stubborn.run { base in
                try await assistant(base, steps: 2).answer("remove scene 6", state: smallTimeline())
            }
        } throws: { error in
            "\(error)".contains("did not finish in 2 steps")
        }
        #expect(stubborn.requests.count == 2)
    }
}
