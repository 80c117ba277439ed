import PixoraCore

/// The part a scene plays in the story; decides its sentences, picture and mood.
enum BeatRole: String, Sendable {
    case hook, setup, step, insight, close
}

/// A scene-sized piece of a narrative template.
struct Beat: Sendable {
    var role: BeatRole
    /// Opening sentences; one is chosen by seed.
    var sentences: [String]
    /// Sentences added when the scene has time for more.
    var extras: [String]
    /// A sentence of at most six words for very short scenes.
    var short: String
    var keyPhrases: [String]
    /// Words that add motifs to the picture beyond the topic's own words.
    var imagery: [String]
}

/// Narrative templates per content kind. Placeholders: {topic} {Topic} {subject} {Subject} {action} {n} {Headline},
/// and [plural|singular] for verb agreement with the subject.
enum NarrativeTemplates {
    static func hook(_ kind: ContentKind) -> Beat {
        switch kind {
        case .process:
            return Beat(
                role: .hook,
                sentences: [
                    "Have you ever wondered {topic}?", "Here is {topic}, explained in under a minute.",
                    "{Topic} is more surprising than you might think.",
                ],
                extras: [
                    "The answer is a small miracle of nature and timing.",
                    "It happens all around us, every single day.",
                ],
                short: "Ever wondered {topic}?", keyPhrases: ["{Headline}"], imagery: ["sun", "sky"])
        case .howTo:
            return Beat(
                role: .hook,
                sentences: [
                    "Want to learn how to {action}? Let's make it simple.",
                    "Learning how to {action} is easier than it looks.", "Here is how to {action}, step by step.",
                ],
                extras: [
                    "You only need a little patience and a clear plan.",
                    "By the end, you will be ready to try it yourself.",
                ],
                short: "Let's learn to {action}.", keyPhrases: ["{Headline}"], imagery: ["lightbulb", "book"])
        case .list:
            return Beat(
                role: .hook,
                sentences: [
                    "Here are the essentials about {subject}, one at a time.",
                    "Let's count down what really matters about {subject}.",
                    "These are the ideas about {subject} worth remembering.",
                ],
                extras: ["Number three might surprise you.", "Keep watching until the end."],
                short: "A quick list on {subject}.", keyPhrases: ["{Headline}"], imagery: ["star", "chart"])
        case .story:
            return Beat(
                role: .hook,
                sentences: [
                    "This is the story of {subject}.",
                    "Every great journey begins somewhere, and this one begins with {subject}.",
                    "Long ago, there was {subject}, and a journey waiting to happen.",
                ],
                extras: ["Nobody could have guessed how it would end.", "It is a story of courage, luck and change."],
                short: "This is {subject}'s story.", keyPhrases: ["{Headline}"], imagery: ["moon", "path"])
        case .history:
            return Beat(
                role: .hook,
                sentences: [
                    "The history of {subject} is full of surprises.",
                    "How did {subject} become what [they are|it is] today?",
                    "To understand {subject}, we have to travel back in time.",
                ],
                extras: ["It all began long before most people realise.", "Each era left its mark."],
                short: "A short history of {subject}.", keyPhrases: ["{Headline}"], imagery: ["clock", "book"])
        case .promo:
            return Beat(
                role: .hook,
                sentences: [
                    "Meet {subject}, made for the way you live.",
                    "What if every day could be a little easier? Meet {subject}.", "Say hello to {subject}.",
                ],
                extras: ["It was built around one simple idea.", "You are going to love this."],
                short: "Meet {subject}.", keyPhrases: ["{Headline}", "Meet {Subject}"], imagery: ["star", "sun"])
        case .explainer:
            return Beat(
                role: .hook,
                sentences: [
                    "Let's explore {topic}.", "There is more to {topic} than meets the eye.",
                    "Here is what makes {topic} so fascinating.",
                ],
                extras: [
                    "Once you see it, you will never look at it the same way.",
                    "It touches more of our lives than we notice.",
                ],
                short: "Let's explore {topic}.", keyPhrases: ["{Headline}"], imagery: ["globe", "sun"])
        }
    }

    static func setup(_ kind: ContentKind) -> Beat {
        switch kind {
        case .howTo:
            return Beat(
                role: .setup,
                sentences: [
                    "First, gather everything you need and clear a little space.",
                    "Before you start, set a simple goal and get your tools ready.",
                ],
                extras: ["Good preparation saves time later.", "Nothing fancy is required."],
                short: "First, get ready.", keyPhrases: ["Get ready", "What you need"], imagery: ["book", "clock"])
        case .story:
            return Beat(
                role: .setup,
                sentences: [
                    "In a quiet corner of the world, life moved at its own gentle pace.",
                    "At first, everything seemed ordinary and calm.",
                ],
                extras: ["But change was already on its way.", "Few noticed the first signs."],
                short: "It began quietly.", keyPhrases: ["Once upon a time", "The beginning"],
                imagery: ["house", "tree", "hill"])
        case .history:
            return Beat(
                role: .setup,
                sentences: [
                    "It started with a simple idea and a handful of curious people.",
                    "In the beginning, {subject} looked very different.",
                ],
                extras: ["Progress was slow, but it was steady.", "Nobody imagined where it would lead."],
                short: "It started small.", keyPhrases: ["The beginning", "Early days"], imagery: ["book", "clock"])
        case .promo:
            return Beat(
                role: .setup,
                sentences: [
                    "We all know the feeling: too much to do, and too little time.",
                    "Every day, people struggle with the same small frustrations.",
                ],
                extras: ["It does not have to be that way.", "There is a better way."],
                short: "Sound familiar?", keyPhrases: ["The problem", "Sound familiar?"], imagery: ["clock", "cloud"])
        case .process, .list, .explainer:
            return Beat(
                role: .setup,
                sentences: [
                    "It all starts with {subject}.", "To understand it, we need to look closely at {subject}.",
                    "Everything begins with {subject} and the world around [them|it].",
                ],
                extras: ["At first glance, it seems simple.", "Small details make all the difference."],
                short: "It starts with {subject}.", keyPhrases: ["Where it starts", "A closer look", "The basics"],
                imagery: ["flower", "leaf", "tree"])
        }
    }

    /// The numbered middle scenes.
    static func step(_ kind: ContentKind, number: Int, of total: Int) -> Beat {
        let ordinal =
            number == 1
            ? "First" : (number == total ? "Finally" : ["Next", "Then", "After that", "Now"][(number - 2) % 4])
        switch kind {
        case .howTo:
            return Beat(
                role: .step,
                sentences: [
                    "\(ordinal), take one small, careful step and check your progress.",
                    "\(ordinal), focus on the basics and keep your movements steady.",
                    "\(ordinal), repeat what works and adjust what does not.",
                    "\(ordinal), slow down and pay attention to the details.",
                    "\(ordinal), check the result against your goal.",
                    "\(ordinal), build on what you have already done.",
                ],
                extras: ["Take your time here.", "Mistakes are part of learning."],
                short: "\(ordinal), keep going.", keyPhrases: ["Step {n}"], imagery: ["gear", "lightbulb", "path"])
        case .list:
            return Beat(
                role: .step,
                sentences: [
                    "Number {n}: small habits around {subject} add up over time.",
                    "Number {n}: the simplest ideas about {subject} are often the strongest.",
                    "Number {n}: look closer, and {subject} [reveal|reveals] something new.",
                ],
                extras: ["It is easy to overlook.", "Experts agree on this one."],
                short: "Number {n}.", keyPhrases: ["#{n}"], imagery: ["star", "chart", "lightbulb"])
        case .story:
            return Beat(
                role: .step,
                sentences: [
                    "\(ordinal), a challenge appeared that nobody could ignore.",
                    "\(ordinal), the journey grew harder, but hope held on.",
                    "\(ordinal), an unexpected friend changed everything.", "\(ordinal), a hard choice had to be made.",
                    "\(ordinal), an old secret finally came to light.", "\(ordinal), the first real victory arrived.",
                ],
                extras: ["Every choice mattered.", "The path ahead was uncertain."],
                short: "\(ordinal), things changed.", keyPhrases: ["Chapter {n}"],
                imagery: ["mountain", "path", "storm"])
        case .history:
            return Beat(
                role: .step,
                sentences: [
                    "Over the years, new discoveries pushed {subject} forward.",
                    "Then came a turning point that changed {subject} forever.",
                    "Each generation added something new to {subject}.",
                    "Inventors kept asking how {subject} could be better.",
                    "New materials made {subject} lighter, faster and stronger.",
                    "Soon, {subject} spread far beyond where [they|it] began.",
                ],
                extras: ["The world was paying attention.", "Nothing would be the same again."],
                short: "Then things changed.", keyPhrases: ["A turning point", "Era {n}"],
                imagery: ["gear", "city", "clock"])
        case .promo:
            return Beat(
                role: .step,
                sentences: [
                    "It is fast, simple and ready when you are.", "Everything you need is right where you expect it.",
                    "It works quietly in the background, so you can focus on what matters.",
                    "It fits right into the way you already work.", "Every detail was designed with you in mind.",
                    "It grows with you, from day one to day one thousand.",
                ],
                extras: ["No complicated setup.", "It just works."],
                short: "Simple and fast.", keyPhrases: ["Feature {n}", "Simple", "Fast"],
                imagery: ["lightbulb", "phone", "chart"])
        case .process, .explainer:
            return Beat(
                role: .step,
                sentences: [
                    "\(ordinal), {subject} [get|gets] to work, one small task at a time.",
                    "\(ordinal), every small action builds on the one before it.",
                    "\(ordinal), patience and repetition slowly transform everything.",
                    "\(ordinal), the pieces start to come together.",
                    "\(ordinal), a small change makes a big difference.",
                    "\(ordinal), the process repeats, a little better each time.",
                ],
                extras: ["It takes more effort than you would expect.", "Nothing here happens by accident."],
                short: "\(ordinal), the work begins.", keyPhrases: ["Step {n}"], imagery: ["gear", "path", "water"])
        }
    }

    static func insight(_ kind: ContentKind) -> Beat {
        switch kind {
        case .story:
            return Beat(
                role: .insight,
                sentences: [
                    "In the end, the greatest change was on the inside.", "And at last, everything fell into place.",
                ],
                extras: ["It was worth every step.", "The journey had changed everything."],
                short: "Everything changed.", keyPhrases: ["The turning point"], imagery: ["sun", "heart"])
        case .promo:
            return Beat(
                role: .insight,
                sentences: [
                    "People who try it say they never want to go back.",
                    "Thousands of people already use it every day.",
                ],
                extras: ["The results speak for themselves.", "It is easy to see why."],
                short: "People love it.", keyPhrases: ["Loved by many"], imagery: ["heart", "people"])
        default:
            return Beat(
                role: .insight,
                sentences: [
                    "The secret is teamwork, timing and a lot of patience.",
                    "What looks simple is actually a finely tuned system.",
                    "Here is the surprising part: every detail matters.",
                ],
                extras: ["Remove one piece, and the whole thing changes.", "That is what makes it remarkable."],
                short: "Every detail matters.", keyPhrases: ["The secret", "Why it matters"],
                imagery: ["lightbulb", "star"])
        }
    }

    static func close(_ kind: ContentKind, tone: Tone) -> Beat {
        let sentences: [String]
        switch kind {
        case .howTo:
            sentences = [
                "Now it is your turn: go and {action}.", "Practice a little each day, and you will master it.",
            ]
        case .promo:
            sentences = ["Try {subject} today and feel the difference.", "{subject}: made for you. Try it today."]
        case .story:
            sentences = ["And that is the story of {subject}.", "Some stories end, but this one is just beginning."]
        default:
            sentences = [
                "And that is {topic}.", "Next time you think of {subject}, remember the whole story.",
                "Now you know {topic}.",
            ]
        }
        let toneExtra: String
        switch tone {
        case .playful: toneExtra = "Pretty amazing, right?"
        case .dramatic: toneExtra = "And the story is far from over."
        case .calm: toneExtra = "Take a breath, and enjoy the view."
        case .inspiring: toneExtra = "Imagine what you could do next."
        case .informative: toneExtra = "Thanks for watching."
        }
        return Beat(
            role: .close, sentences: sentences, extras: [toneExtra, "Share it with someone curious."],
            short: kind == .promo ? "Try it today." : "Now you know.",
            keyPhrases: kind == .promo ? ["Try it today"] : ["Now you know", "The end"], imagery: ["sunset", "star"])
    }

    /// Sentences any beat of a role can add when a little time is left. They name the topic's own thing, so time
    /// left over is spent on the prompt's words rather than on "Watch closely." ({thing}: the subject, or what a
    /// how-to makes).
    static func fillers(_ role: BeatRole) -> [String] {
        switch role {
        case .hook: ["Let's take a closer look at {thing}."]
        case .setup: ["Look closely at {thing}.", "Think about {thing} for a moment."]
        case .step: ["Every part of {thing} plays a role.", "Keep an eye on {thing}.", "Picture {thing} up close."]
        case .insight: ["That is what makes {thing} special."]
        case .close: ["Remember {thing} next time.", "Share {thing} with someone curious."]
        }
    }

    /// The beats of a video with `count` scenes: hook, setup, numbered steps, insight, close.
    static func beats(_ kind: ContentKind, tone: Tone, count: Int) -> [Beat] {
        switch count {
        case ...1: return [hook(kind)]
        case 2: return [hook(kind), close(kind, tone: tone)]
        case 3: return [hook(kind), step(kind, number: 1, of: 1), close(kind, tone: tone)]
        case 4: return [hook(kind), setup(kind), step(kind, number: 1, of: 1), close(kind, tone: tone)]
        default:
            let steps = count - 4
            return [hook(kind), setup(kind)] + (1...steps).map { step(kind, number: $0, of: steps) } + [
                insight(kind), close(kind, tone: tone),
            ]
        }
    }

    /// The mood a beat gets in a given tone. `late` marks the second half of the steps, where longer videos
    /// build energy, so their music changes with the story (a new music group) instead of looping one mood.
    static func mood(for role: BeatRole, tone: Tone, late: Bool) -> Mood {
        switch (tone, role) {
        case (.playful, _): return late ? .energetic : .playful
        case (.calm, .insight): return .warm
        case (.calm, _): return .calm
        case (.dramatic, .hook): return .dramatic
        case (.dramatic, .close): return .uplifting
        case (.dramatic, .insight): return .somber
        case (.dramatic, _): return late ? .energetic : .mysterious
        case (.inspiring, .setup): return .warm
        case (.inspiring, .step): return late ? .uplifting : .warm
        case (.inspiring, _): return .uplifting
        case (.informative, .hook), (.informative, .close): return .uplifting
        case (.informative, .step): return late ? .energetic : .warm
        case (.informative, _): return .warm
        }
    }
}

/// Fills a template's placeholders for one topic.
struct TemplateFiller: Sendable {
    var analysis: TopicAnalysis

    func fill(_ template: String, number: Int = 0) -> String {
        let subject = analysis.subject
        var text =
            template
            .replacingOccurrences(of: "{Topic}", with: analysis.gist.capitalizedFirst)
            .replacingOccurrences(of: "{topic}", with: analysis.gist)
            .replacingOccurrences(of: "{Headline}", with: headline)
            .replacingOccurrences(of: "{Subject}", with: subject.headline)
            .replacingOccurrences(of: "{subject}", with: subject)
            .replacingOccurrences(of: "{thing}", with: thing)
            .replacingOccurrences(of: "{action}", with: analysis.action.isEmpty ? "do it" : analysis.action)
            .replacingOccurrences(of: "{n}", with: String(number))
        // [plural|singular] agreement with the subject.
        while let open = text.firstIndex(of: "["), let close = text[open...].firstIndex(of: "]") {
            let options = text[text.index(after: open)..<close].split(separator: "|", omittingEmptySubsequences: false)
            let choice =
                options.count == 2 ? String(analysis.isPlural ? options[0] : options[1]) : String(options.first ?? "")
            text.replaceSubrange(open...close, with: choice)
        }
        return SentenceTidy.tidy(text.capitalizedFirst)
    }

    /// What filler sentences name: the subject, or for a how-to what it makes ("sourdough bread"), not "you".
    var thing: String {
        guard analysis.subject == "you" else { return analysis.subject }
        let object = analysis.action.split(separator: " ").dropFirst().joined(separator: " ")
        return object.isEmpty ? analysis.gist : object
    }

    /// The topic as a key phrase of at most six words (it is set large on the picture), else its subject.
    var headline: String { heading(longest: 6) }

    /// The video's title: the gist up to eight words ("Why the Sky Turns Orange at Sunset"), else its subject.
    var title: String { heading(longest: 8) }

    func heading(longest: Int) -> String {
        let words = analysis.gist.split(separator: " ")
        return (words.count <= longest ? analysis.gist : analysis.subject).headline
    }
}
