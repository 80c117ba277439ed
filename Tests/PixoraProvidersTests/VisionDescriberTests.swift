import Foundation
import PixoraCore
import PixoraMedia
import PixoraProviders
import PixoraTestSupport
import Testing

@Suite("Sample description by a vision model")
struct VisionDescriberTests {
    /// The talking-head sample with keyframes written as small JPEGs by ffmpeg.
    static func sampleWithKeyframes() async throws -> (SampleAnalysis, URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vision-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var analysis = talkingHeadSample()
        for index in analysis.shots.indices {
            let name = String(format: "shot-%03d.jpg", index + 1)
            try await ffmpegFixture(
                ["-f", "lavfi", "-i", "color=c=navy:s=96x54", "-frames:v", "1"], to: folder.appendingPathComponent(name)
            )
            analysis.shots[index].keyframe = name
        }
        return (analysis, folder)
    }

    static func describer(_ base: String) -> VisionSampleDescriber {
        VisionSampleDescriber(
            client: ChatClient(
                endpoint: LanguageModelEndpoint(baseURL: base + "/v1", apiKey: "sk-test", model: "gpt-4o"),
                policy: RetryPolicy(attempts: 1, baseDelay: 0, maximumDelay: 0, timeout: 120), logger: quietLogger),
            maxPictures: 3, logger: quietLogger)
    }

    @Test("keyframes go as JPEG data URLs with the measured facts; the model's answer is the description")
    func described() async throws {
        let (analysis, folder) = try await Self.sampleWithKeyframes()
        defer { try? FileManager.default.removeItem(at: folder) }
        let answer =
            #"{"contentType": "product demo", "style": "vibrant", "mood": "energetic", "#
            + #""audience": "shoppers", "summary": "A presenter shows a gadget in four steady shots."}"#
        let emulator = ProviderEmulator([.init(body: ProviderEmulator.chatCompletion(answer))])
        let description = try await emulator.run { base in
            try await Self.describer(base).describe(analysis, keyframes: folder)
        }
        #expect(description.contentType == "product demo")
        #expect(description.style == .vibrant && description.mood == .energetic)
        #expect(description.source == "llm.gpt-4o")
        let request = try #require(emulator.requests.first)
        #expect(request.path == "/v1/chat/completions")
        #expect(request.headers["authorization"] == "Bearer sk-test")
        let messages = try #require(request.json["messages"] as? [[String: Any]])
        let parts = try #require(messages.last?["content"] as? [[String: Any]])
        let images = parts.filter { $0["type"] as? String == "image_url" }
        // Four shots, at most three pictures, spread over them.
        #expect(images.count == 2 || images.count == 3)
        let url = (images.first?["image_url"] as? [String: Any])?["url"] as? String ?? ""
        #expect(url.hasPrefix("data:image/jpeg;base64,/9j/"))
        let facts = parts.first?["text"] as? String ?? ""
        #expect(facts.contains("4 shots") && facts.contains("speech 90%"))
        let format = request.json["response_format"] as? [String: Any]
        #expect(format?["type"] as? String == "json_schema")
    }

    @Test("a failed call, an answer that is not JSON, or a style Pixora does not render keep the rules' words")
    func fallsBack() async throws {
        let (analysis, folder) = try await Self.sampleWithKeyframes()
        defer { try? FileManager.default.removeItem(at: folder) }
        let unknownStyle = #"{"contentType": "x", "style": "baroque", "mood": "calm", "audience": "a", "summary": "b"}"#
        let replies: [ProviderEmulator.Reply] = [
            .init(status: 400, body: #"{"error": {"message": "this model does not accept images"}}"#),
            .init(body: ProviderEmulator.chatCompletion("It looks like a nice video.")),
            .init(body: ProviderEmulator.chatCompletion(unknownStyle)),
        ]
        for reply in replies {
            let emulator = ProviderEmulator([reply])
            let description = try await emulator.run { base in
                try await Self.describer(base).describe(analysis, keyframes: folder)
            }
            #expect(description == analysis.description)
            #expect(emulator.requests.count == 1)
        }
        // No keyframes: nothing to show the model, no call.
        let emulator = ProviderEmulator([])
        let description = try await emulator.run { base in
            try await Self.describer(base).describe(analysis, keyframes: nil)
        }
        #expect(description == analysis.description && emulator.requests.isEmpty)
    }
}
