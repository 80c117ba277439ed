import PixoraCore

/// A way into a topic for a concept: explain it, teach it, tell it as a story, list facts, trace its history or
/// test what people believe. Templates use `TemplateFiller`'s placeholders plus `{Action}` (the action as a
/// headline); "personal" ones serve how-to topics, whose subject is "you".
enum ConceptAngle: String, CaseIterable, Sendable {
    case explainer, howTo, story, list, history, myths

    /// The angle a topic asks for by itself.
    static func natural(for kind: ContentKind) -> ConceptAngle {
        switch kind {
        case .process, .explainer: .explainer
        case .howTo: .howTo
        case .list, .promo: .list
        case .story: .story
        case .history: .history
        }
    }

    /// The other angles, most broadly useful first: a story and a list suit almost any topic.
    static let fallbacks: [ConceptAngle] = [.story, .list, .explainer, .howTo, .myths, .history]

    func titles(personal: Bool) -> [String] {
        switch (self, personal) {
        case (.explainer, false):
            ["{Subject}, Explained", "The Science Behind {Subject}", "Inside the World of {Subject}"]
        case (.explainer, true): ["{Headline}, Explained", "The Science of Getting It Right: {Action}"]
        case (.howTo, false): ["A Beginner's Guide to {Subject}", "Getting Started with {Subject}"]
        case (.howTo, true): ["How to {Action}", "{Action}: A Beginner's Guide"]
        case (.story, false): ["A Day in the Life of {Subject}", "The Secret Life of {Subject}"]
        case (.story, true): ["The Day I Learned to {Action}", "My First Try: {Action}"]
        case (.list, false): ["{n} Surprising Facts About {Subject}", "{n} Things You Didn't Know About {Subject}"]
        case (.list, true): ["{n} Tips to {Action} Better", "{n} Mistakes to Avoid When You {Action}"]
        case (.history, false): ["The Untold Story of {Subject}", "How {Subject} Came to Be"]
        case (.history, true): ["A Short History of How We {Action}", "How People Learned to {Action}"]
        case (.myths, false): ["{Subject}: Myths vs. Facts", "What Everyone Gets Wrong About {Subject}"]
        case (.myths, true): ["{Action}: Myths vs. Facts", "What Everyone Gets Wrong When They {Action}"]
        }
    }

    func loglines(personal: Bool) -> [String] {
        switch (self, personal) {
        case (.explainer, false):
            [
                "{topic}: what actually happens, step by step, and the one detail most people miss.",
                "A clear look at {topic}: the parts, the process, and why it matters.",
            ]
        case (.explainer, true): ["What really happens when you {action}, and why each step matters."]
        case (.howTo, false):
            [
                "Everything you need to start with {subject}: what to get, what to do first, and the usual mistakes.",
                "A practical first look at {subject}, with one clear step per scene.",
            ]
        case (.howTo, true):
            ["A practical walk-through to {action}: what you need, the key steps, and the mistakes to avoid."]
        case (.story, false):
            [
                "Follow {subject} from morning to night and see {topic} as a story, not a lecture.",
                "One small journey that shows {topic}, with a beginning, a turn and an ending.",
            ]
        case (.story, true):
            ["A first-timer sets out to {action}: the doubts, the small wins and the moment it finally works."]
        case (.list, false):
            [
                "{n} quick, surprising facts about {subject}, each with a picture you will remember.",
                "{n} short scenes, one fact each, about {subject}: fast, visual and easy to share.",
            ]
        case (.list, true): ["{n} quick tips that make it easier to {action}, one per scene."]
        case (.history, false):
            [
                "Where {subject} came from, the turning points along the way, and where the story goes next.",
                "The people, accidents and discoveries behind {subject}, told in order.",
            ]
        case (.history, true): ["How people first learned to {action}, and how it changed over time."]
        case (.myths, false):
            [
                "Common beliefs about {subject}, tested one by one: which hold up and which do not.",
                "What people get wrong about {subject}, and what is true instead.",
            ]
        case (.myths, true): ["The advice everyone repeats about how to {action}, checked one claim at a time."]
        }
    }

    var audiences: [String] {
        switch self {
        case .explainer: ["Curious adults who like to know how things work", "Students who want a clear explanation"]
        case .howTo: ["Beginners who want to try it themselves", "Busy people who want the short version"]
        case .story: ["Families and younger viewers", "Anyone who prefers a story to a lecture"]
        case .list: ["Social media viewers who want quick facts", "Quiz lovers and trivia fans"]
        case .history: ["History buffs and documentary fans", "Curious viewers who like the story behind things"]
        case .myths: ["Sceptics who like to check the facts", "Viewers who enjoy a good surprise"]
        }
    }

    /// Tones that suit the angle, most fitting first.
    var tones: [Tone] {
        switch self {
        case .explainer: [.informative, .calm]
        case .howTo: [.inspiring, .informative]
        case .story: [.playful, .inspiring, .dramatic]
        case .list: [.playful, .informative]
        case .history: [.dramatic, .calm]
        case .myths: [.dramatic, .playful]
        }
    }

    /// The length the angle tells best in, in seconds.
    var length: Int {
        switch self {
        case .explainer, .myths: 30
        case .howTo: 45
        case .story, .history: 60
        case .list: 20
        }
    }
}
