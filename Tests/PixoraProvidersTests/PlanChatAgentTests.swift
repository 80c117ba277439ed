import Foundation
import PixoraCore
import PixoraMedia
import PixoraPipeline
import PixoraProviders
import PixoraTestSupport
import Testing

/// A 24 s talking-head sample: four 6 s shots, the third one dark and fast.
func talkingHeadSample() -> SampleAnalysis {
    let shots = (0..<4).map { (index: Int) -> SampleAnalysis.Shot in
        let start = Double(index) * 6
        let entry: SampleAnalysis.ShotEntry = index == 0 ? .start : .cut
        let odd = index == 2
        return SampleAnalysis.Shot(
            index: index + 1, start: start, end: start + 6, entry: entry, transitionSeconds: 0, keyframe: nil,
            colours: ["#202830"], brightness: odd ? 0.2 : 0.55, motion: odd ? 0.8 : 0.1)
    }
    return SampleAnalysis(
        durationSeconds: 24,
        container: .init(
            formatName: "mp4", sizeBytes: 1, bitRate: nil, width: 720, height: 1280, fps: 30, videoCodec: "h264",
            audioCodec: "aac", hasAudio: true),
        shots: shots,
        pacing: .init(
            cutsPerMinute: 7.5, meanShotSeconds: 6, medianShotSeconds: 6, shortestShotSeconds: 6,
            longestShotSeconds: 6, rhythm: [7.5], windowSeconds: 24, trend: "steady"),
        palette: [.init(hex: "#202830", share: 1)],
        audio: .init(
            present: true, integratedLoudness: -18, loudnessRange: 4, segments: [], tempoBPM: nil, speechShare: 0.9,
            musicShare: 0, silenceShare: 0.1),
        description: .init(
            contentType: "talking head", style: .minimal, mood: .calm, audience: "general", summary: "Someone talks.",
            source: "rules"))
}

func planChat(_ base: String) -> LanguageModelPlanChat {
    LanguageModelPlanChat(
        client: ChatClient(
            endpoint: LanguageModelEndpoint(baseURL: base + "/v1", apiKey: "sk-test", model: "gpt-4o-mini"),
            policy: RetryPolicy(attempts: 1, baseDelay: 0, maximumDelay: 0, timeout: 120), logger: quietLogger),
        logger: quietLogger)
}

/// A Chat Completions answer that calls several tools at once.
func toolCalls(_ calls: [(String, [String: Any])]) -> String {
    let list: [[String: Any]] = calls.enumerated().map { index, call in
        let arguments = String(decoding: try! JSONSerialization.data(withJSONObject: call.1), as: UTF8.self)
        return ["id": "call_\(index)", "type": "function", "function": ["name": call.0, "arguments": arguments]]
    }
    let object: [String: Any] = [
        "id": "chatcmpl-emulated", "object": "chat.completion", "created": 1_700_000_000, "model": "emulated",
        "choices": [
            [
                "index": 0, "finish_reason": "tool_calls",
                "message": ["role": "assistant", "content": NSNull(), "tool_calls": list] as [String: Any],
            ] as [String: Any]
        ],
    ]
    return String(decoding: try! JSONSerialization.data(withJSONObject: object), as: UTF8.self)
}

@Suite("Plan chat on a language model with tool calling, falling back to the rules")
struct PlanChatAgentTests {
    let sample = talkingHeadSample()

    func plan() async throws -> Plan {
        try await RemixPlanner().plan(analysis: sample, topic: "how bees make honey", settings: Settings())
    }

    @Test("the model's tool calls are applied in order; the plan, shots and tools were described to it")
    func applied() async throws {
        let plan = try await plan()
        let emulator = ProviderEmulator([
            .init(body: toolCalls([("setDuration", ["seconds": 12]), ("setStyle", ["style": "retro"])]))
        ])
        let context = RemixContext(analysis: sample, topic: "how bees make honey")
        let outcome = try await emulator.run { base in
            await planChat(base).respond(to: "half as long, retro", plan: plan, context: context)
        }
        #expect(outcome.answeredBy == "llm.gpt-4o-mini")
        #expect(outcome.operations == [.setDuration(seconds: 12), .setStyle(.retro)])
        #expect(abs((outcome.plan?.plannedDuration ?? 0) - 12) < 0.05)
        #expect(outcome.plan?.settings.style == .retro)
        #expect(outcome.reply.hasPrefix("Made it 12 s (was 24 s)") && outcome.reply.contains("retro"))
        let request = try #require(emulator.requests.first?.json)
        let tools = try #require(request["tools"] as? [[String: Any]])
        let names = tools.compactMap { ($0["function"] as? [String: Any])?["name"] as? String }
        #expect(names.count == PlanOperation.Kind.allCases.count && names.contains("matchSampleShot"))
        let system = ((request["messages"] as? [[String: Any]])?.first?["content"] as? String) ?? ""
        #expect(system.contains("- scene 1, id s1: 6 s, calm"))
        #expect(system.contains("- shot 3: 6 s, motion 0.8, brightness 0.2, begins with cut"))
        #expect(system.contains("Uploads: none."))
    }

    @Test("a refused call goes back with the reason; the corrected call is applied")
    func corrected() async throws {
        let plan = try await plan()
        let emulator = ProviderEmulator([
            .init(body: ProviderEmulator.toolCall("setMusic", arguments: ["source": "upload"])),
            .init(body: ProviderEmulator.toolCall("setMusic", arguments: ["source": "generated"], id: "call_2")),
        ])
        let context = RemixContext(analysis: sample, topic: "bees")
        let outcome = try await emulator.run { base in
            await planChat(base).respond(to: "put music under it", plan: plan, context: context)
        }
        #expect(outcome.operations == [.setMusic(.generated)])
        #expect(outcome.plan?.settings.music == true)
        let second = try #require(emulator.requests.last?.json["messages"] as? [[String: Any]])
        let toolMessage = try #require(second.last)
        #expect(toolMessage["tool_call_id"] as? String == "call_1")
        #expect((toolMessage["content"] as? String)?.contains("There is no uploaded music") == true)
    }

    @Test("a failing model, an unusable answer or calls that never fit fall back to the rules")
    func fallback() async throws {
        let plan = try await plan()
        let context = RemixContext(analysis: sample, topic: "bees")
        let broken = ProviderEmulator([.init(status: 500, body: #"{"error":{"message":"down"}}"#)])
        let down = try await broken.run { base in
            await planChat(base).respond(to: "make it 12 seconds", plan: plan, context: context)
        }
        #expect(down.answeredBy == "rules" && down.operations == [.setDuration(seconds: 12)])

        let garbled = ProviderEmulator([
            .init(body: ProviderEmulator.toolCall("setDuration", arguments: ["seconds": "twelve"])),
            .init(body: ProviderEmulator.toolCall("explode", arguments: [:], id: "call_2")),
        ])
        let unusable = try await garbled.run { base in
            await planChat(base).respond(to: "use 3 scenes", plan: plan, context: context)
        }
        #expect(unusable.answeredBy == "rules" && unusable.plan?.scenes.count == 3)
        #expect(garbled.requests.count == 2)
    }

    @Test("words instead of a call: the rules answer if they can, else the model's sentence, nothing changed")
    func words() async throws {
        let plan = try await plan()
        let context = RemixContext(analysis: sample, topic: "bees")
        let talker = ProviderEmulator([
            .init(body: ProviderEmulator.chatCompletion("I can only change the plan.")),
            .init(body: ProviderEmulator.chatCompletion("I can only change the plan.")),
        ])
        let (understood, chatter) = try await talker.run { base in
            (
                await planChat(base).respond(to: "remove the last scene", plan: plan, context: context),
                await planChat(base).respond(to: "what is the weather?", plan: plan, context: context)
            )
        }
        #expect(understood.answeredBy == "rules" && understood.plan?.scenes.count == plan.scenes.count - 1)
        #expect(chatter.plan == nil && chatter.reply == "I can only change the plan.")
        #expect(chatter.answeredBy == "llm.gpt-4o-mini")
    }
}
