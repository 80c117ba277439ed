import Foundation
import PixoraCore
import Testing

@testable import PixoraGenerators

@Suite("Rule-based concept writer")
struct ConceptWriterTests {
    let writer = RuleBasedConceptWriter()
    static let settings = Settings(durationSeconds: 30, tone: .informative, seed: 1)

    @Test(
        "three valid concepts on distinct angles: distinct titles, tones and lengths; the first keeps the settings",
        arguments: [
            "how bees make honey", "how to bake sourdough bread", "5 tips for better sleep",
            "the history of the bicycle", "volcanoes",
        ])
    func threeDistinct(topic: String) async throws {
        let concepts = try await writer.concepts(topic: topic, settings: Self.settings, count: 3)
        #expect(concepts.count == 3)
        for concept in concepts {
            #expect(concept.validate().isEmpty, "\(concept): \(concept.validate())")
            #expect(!concept.title.contains("{") && !concept.logline.contains("{"), "unfilled template: \(concept)")
        }
        #expect(Set(concepts.map(\.title)).count == 3, "\(concepts.map(\.title))")
        #expect(Set(concepts.map(\.logline)).count == 3)
        #expect(Set(concepts.map(\.tone)).count == 3)
        #expect(Set(concepts.map(\.durationSeconds)).count == 3)
        #expect(concepts[0].tone == .informative && concepts[0].durationSeconds == 30)
    }

    @Test("the first concept takes the angle the topic asks for, in the topic's own words")
    func naturalAngleFirst() async throws {
        let bread = try await writer.concepts(topic: "how to bake sourdough bread", settings: Self.settings, count: 3)
        #expect(bread[0].title == "How to Bake Sourdough Bread" || bread[0].title.hasSuffix(": A Beginner's Guide"))
        let sleep = try await writer.concepts(topic: "5 tips for better sleep", settings: Self.settings, count: 3)
        #expect(sleep[0].title.hasPrefix("5 "), "\(sleep[0].title)")
        #expect(sleep[0].title.hasSuffix("Better Sleep"), "\(sleep[0].title)")
        let bees = try await writer.concepts(topic: "how bees make honey", settings: Self.settings, count: 3)
        #expect(bees.allSatisfy { $0.title.contains("Bees") || $0.title.contains("How Bees Make Honey") })
    }

    @Test("the same topic, settings and count give the same concepts; another seed or topic gives others")
    func deterministic() async throws {
        let first = try await writer.concepts(topic: "how bees make honey", settings: Self.settings, count: 3)
        #expect(first == (try await writer.concepts(topic: "how bees make honey", settings: Self.settings, count: 3)))
        var reseeded: [[StoryConcept]] = []
        for seed in UInt64(2)...5 {
            var settings = Self.settings
            settings.seed = seed
            reseeded.append(try await writer.concepts(topic: "how bees make honey", settings: settings, count: 3))
        }
        #expect(reseeded.contains { $0 != first }, "four other seeds all gave the same concepts")
        let other = try await writer.concepts(topic: "how volcanoes erupt", settings: Self.settings, count: 3)
        #expect(Set(other.map(\.title)).isDisjoint(with: first.map(\.title)))
    }

    @Test("up to six concepts each take a different angle; an audience named in the topic is every concept's")
    func sixAndAudience() async throws {
        let six = try await writer.concepts(topic: "the moon for kids", settings: Self.settings, count: 6)
        #expect(six.count == 6)
        #expect(Set(six.map(\.title)).count == 6)
        #expect(six.allSatisfy { $0.audience == "Children and their families" })
        #expect(six.allSatisfy { $0.validate().isEmpty })
    }

    @Test("an empty topic, a count outside 1…6 and invalid settings are refused")
    func refusals() async throws {
        await #expect(throws: UsageError.self) {
            try await writer.concepts(topic: "  ", settings: Self.settings, count: 3)
        }
        await #expect(throws: UsageError.self) {
            try await writer.concepts(topic: "bees", settings: Self.settings, count: 0)
        }
        await #expect(throws: UsageError.self) {
            try await writer.concepts(topic: "bees", settings: Self.settings, count: 7)
        }
        await #expect(throws: InvalidDocument.self) {
            try await writer.concepts(topic: "bees", settings: Settings(durationSeconds: 500), count: 3)
        }
    }

    @Test("a concept with empty text, too long a title or a length outside 5…120 s names each problem")
    func validation() {
        let concept = StoryConcept(
            title: String(repeating: "t", count: 81), logline: " ", audience: "kids", tone: .calm,
            durationSeconds: 121)
        #expect(concept.validate().map(\.path) == ["title", "logline", "durationSeconds"])
    }
}
