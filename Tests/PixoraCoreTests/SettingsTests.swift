import PixoraCore
import Testing

@Suite("Settings and prompt hints")
struct SettingsTests {
    @Test(
        "canvas sizes follow aspect ratio and quality",
        arguments: [
            (AspectRatio.vertical, Quality.p720, 720, 1280), (.landscape, .p720, 1280, 720), (.square, .p720, 720, 720),
            (.vertical, .p1080, 1080, 1920), (.landscape, .p480, 854, 480), (.vertical, .p480, 480, 854),
        ])
    func canvas(aspect: AspectRatio, quality: Quality, width: Int, height: Int) {
        let canvas = Settings(aspectRatio: aspect, quality: quality).canvas
        #expect(canvas.width == width && canvas.height == height)
    }

    @Test("out-of-range settings are reported per field")
    func validation() {
        let issues = Settings(durationSeconds: 200, speechRate: 3, fps: 60).validate().map(\.description)
        #expect(
            issues == [
                "durationSeconds: must be between 5 and 120 seconds, got 200",
                "speechRate: must be between 0.5 and 2.0, got 3",
                "fps: must be 24, 25 or 30, got 60",
            ])
    }

    @Test("the prompt's words give duration, format and topic")
    func hints() {
        let hints = PromptHints(prompt: "a 30-second vertical video about how bees make honey")
        #expect(hints.durationSeconds == 30)
        #expect(hints.aspectRatio == .vertical)
        #expect(hints.topic == "how bees make honey")
        #expect(PromptHints(prompt: "a one minute square clip on volcanoes").durationSeconds == 60)
        #expect(PromptHints(prompt: "a one minute square clip on volcanoes").aspectRatio == .square)
        #expect(PromptHints(prompt: "a landscape video explaining rainbows, 45 seconds").durationSeconds == 45)
        #expect(PromptHints(prompt: "a video about a cat").durationSeconds == nil)
        #expect(PromptHints(prompt: "fashion of the 1990s").durationSeconds == nil)
        #expect(PromptHints(prompt: "music of the 80s").durationSeconds == nil)
        #expect(PromptHints(prompt: "a 90 sec clip about jazz").durationSeconds == 90)
        #expect(PromptHints(prompt: "a 2-minute explainer on tides").durationSeconds == 120)
        #expect(PromptHints(prompt: "a half a minute story").durationSeconds == 30)
        #expect(PromptHints(prompt: "a relaxing video about the ocean").tone == .calm)
    }

    @Test("content keys depend on generator, version and every input")
    func contentKeys() throws {
        struct Inputs: Encodable {
            var text: String
            var rate: Double
        }
        let base = try ContentKey(generator: "g", version: 1, inputs: Inputs(text: "a", rate: 1))
        #expect(base == (try ContentKey(generator: "g", version: 1, inputs: Inputs(text: "a", rate: 1))))
        #expect(base != (try ContentKey(generator: "g", version: 2, inputs: Inputs(text: "a", rate: 1))))
        #expect(base != (try ContentKey(generator: "h", version: 1, inputs: Inputs(text: "a", rate: 1))))
        #expect(base != (try ContentKey(generator: "g", version: 1, inputs: Inputs(text: "b", rate: 1))))
        #expect(base != (try ContentKey(generator: "g", version: 1, inputs: Inputs(text: "a", rate: 1.1))))
        #expect(base.hex.count == 64)
        #expect(ContentKey(hex: base.hex) == base)
        #expect(ContentKey(hex: "../etc") == nil)
    }
}
