import Foundation
import PixoraCore
import Testing

@testable import PixoraGenerators

/// The embedded planner's sentences read well whatever the prompt: the prompt's words are woven in with the case
/// a sentence needs, punctuation is single, and the narration names what the prompt names instead of filler.
@Suite("Narration wording")
struct NarrationWordingTests {
    static let prompts = [
        "Why the sky turns orange at sunset, explained simply",
        "A calm story of a lighthouse keeper's night, from the first storm clouds to a quiet sunrise over the sea",
        "How Bees Make Honey",
        "What is photosynthesis?",
        "\"Quantum computing\" in plain English",
        "how volcanoes erupt.",
        "Bees",
        "Explain how NASA lands rovers on Mars",
        "5 tips for better sleep",
        "how to bake sourdough bread, step by step",
        "The history of the bicycle!",
        "introducing our new coffee app for busy mornings",
        "a 30-second vertical video about the Eiffel Tower at night",
        "I want a video about my grandmother's vegetable garden in spring",
        "A journey through the ancient trade routes that connected distant empires, carrying silk, spices and "
            + "ideas across deserts, mountains and seas for more than a thousand years of shared history",
    ]

    /// Sentences the planner used to pad scenes with; they name nothing of the prompt.
    static let fillers: Set<String> = [
        "Let's find out.", "Here is how it works.", "Stay with me.", "Look closely.", "Every detail counts.",
        "This is where it begins.", "Watch closely.", "Little by little, it adds up.",
        "And it happens again and again.",
        "Nothing is wasted.", "That is the real secret.", "It is truly remarkable.", "See you next time.",
        "Stay curious.",
    ]

    static let notContent: Set<String> = [
        "about", "video", "second", "seconds", "vertical", "calm", "story", "explain", "explained", "simply", "plain",
        "english", "step", "want", "from", "with", "that", "this", "what", "more", "than", "through", "across",
        "years", "thousand", "history", "tips", "introducing",
    ]

    static func sentences(_ text: String) -> [String] {
        var result: [String] = []
        var current = ""
        for character in text {
            current.append(character)
            if ".!?".contains(character) {
                result.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
            }
        }
        let rest = current.trimmingCharacters(in: .whitespaces)
        if !rest.isEmpty { result.append(rest) }
        return result
    }

    static func words(_ text: String) -> [String] {
        text.split { !$0.isLetter && $0 != "'" && $0 != "’" }.map(String.init)
    }

    /// Capitalised words the prompt itself has after its first word: names the narration may keep.
    static func names(in prompt: String) -> Set<String> {
        Set(words(prompt).dropFirst().filter { $0.first?.isUppercase == true }.map { $0 })
    }

    @Test("sentences are well formed for any prompt", arguments: prompts)
    func wellFormed(prompt: String) async throws {
        for (duration, tone) in [(10.0, Tone.playful), (20, .calm), (30, .informative), (60, .dramatic)] {
            let plan = try await RuleBasedPlanner().plan(
                prompt: prompt, settings: Settings(durationSeconds: duration, tone: tone), script: nil)
            let names = Self.names(in: prompt)
            for scene in plan.scenes {
                let label = "\(prompt) \(duration): \(scene.narration)"
                // A scene says something: not a bare label such as "Number 3.".
                #expect(Self.words(scene.narration).count >= 3, "too little to say: \(label)")
                #expect(
                    scene.narration.range(of: #"[.,!?;:]\s*[.,!?;:]"#, options: .regularExpression) == nil,
                    "doubled punctuation: \(label)")
                #expect(!scene.narration.contains("  "), "double space: \(label)")
                for sentence in Self.sentences(scene.narration) {
                    #expect(sentence.first?.isUppercase == true || sentence.first?.isNumber == true, "\(label)")
                    #expect(sentence.last.map { ".!?".contains($0) } == true, "unfinished: \(label)")
                    #expect(!Self.fillers.contains(sentence), "filler '\(sentence)': \(label)")
                    // A capital after the first word is "I", an acronym or a name the prompt gave mid-sentence.
                    for word in Self.words(sentence).dropFirst() where word.first?.isUppercase == true {
                        let allowed =
                            word == "I" || word.hasPrefix("I'") || word.dropFirst().contains(where: \.isUppercase)
                            || names.contains(word)
                        #expect(allowed, "'\(word)' mid-sentence: \(label)")
                    }
                }
            }
            // The prompt's own content words are spoken: at least one always; from 20 s on, 60 % of them (at most
            // four needed: a 200-character prompt has more than a short video can say).
            let spoken = Set(Self.words(plan.script.lowercased()))
            let content = Set(
                Self.words(PromptHints(prompt: prompt).topic.lowercased()).filter {
                    $0.count >= 4 && !Self.notContent.contains($0) && !TopicAnalysis.stopWords.contains($0)
                })
            let said = content.filter(spoken.contains)
            #expect(!said.isEmpty || content.isEmpty, "\(prompt) \(duration): none of \(content) in \(plan.script)")
            if duration >= 20 {
                #expect(
                    Double(said.count) >= min(Double(content.count) * 0.6, 4),
                    "\(prompt) \(duration): \(said.count)/\(content.count) of \(content.sorted()) in \(plan.script)")
            }
        }
    }

    @Test("a prompt of endless words still plans scenes a plan may have, each at most 30 s")
    func endlessWords() async throws {
        for prompt in [String(repeating: "0", count: 500), String(repeating: "honeycomb", count: 40) + ", bees"] {
            let plan = try await RuleBasedPlanner().plan(prompt: prompt, settings: Settings(), script: nil)
            #expect(plan.validate().isEmpty, "\(plan.validate())")
            #expect(plan.scenes.allSatisfy { $0.duration <= Plan.sceneDurationRange.upperBound })
            #expect(plan.scenes.allSatisfy { $0.narration.count < 400 })
        }
    }

    @Test("a prompt is woven in lower case with its qualifiers dropped")
    func topicWording() {
        let sky = TopicAnalysis(topic: "Why the sky turns orange at sunset, explained simply")
        #expect(sky.gist == "why the sky turns orange at sunset")
        #expect(
            TemplateFiller(analysis: sky).fill("Ever wondered {topic}?")
                == "Ever wondered why the sky turns orange at sunset?")
        let lighthouse = TopicAnalysis(
            topic: "a lighthouse keeper's night, from the first storm clouds to a quiet sunrise over the sea",
            framing: "A calm story of ")
        #expect(lighthouse.kind == .story)
        #expect(lighthouse.gist == "a lighthouse keeper's night")
        #expect(lighthouse.details == ["From the first storm clouds to a quiet sunrise over the sea."])
        #expect(TopicAnalysis(topic: "How Bees Make Honey").gist == "how bees make honey")
        #expect(TopicAnalysis(topic: "how NASA lands rovers on Mars").subject == "NASA")
        #expect(TopicAnalysis(topic: "how the heart pumps blood").action == "pumps blood")
        #expect(TopicWording.midSentence("New York at night") == "New York at night")
        #expect(SentenceTidy.tidy("Ever wondered why?. Yes ,really!!") == "Ever wondered why? Yes, really!")
    }
}
