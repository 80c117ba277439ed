import Foundation
import PixoraCore

/// Reads one request of a chat message against the plan as it is at that point.
struct PlanChatReader {
    enum Step: Hashable {
        case operation(PlanOperation)
        case refusal(String)
    }

    let clause: PlanChatClause
    let plan: Plan
    let context: RemixContext
    let text: String

    init(clause: PlanChatClause, plan: Plan, context: RemixContext) {
        self.clause = clause
        self.plan = plan
        self.context = context
        text = clause.text.lowercased()
    }

    static let ordinal =
        #"(\d+|one|two|three|four|five|six|seven|eight|nine|ten|first|second|third|fourth|fifth|sixth|"#
        + #"seventh|eighth|ninth|tenth|last|final)"#
    static let sceneRef = #"(?:scene\s+(?:number\s+)?"# + ordinal + #"|(?:the\s+)?"# + ordinal + #"\s+scene)"#
    static let count =
        #"(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"#
        + #"forty|fifty|sixty)"#

    func has(_ pattern: String) -> Bool { Pattern.cached(pattern).matches(text) }
    /// The capture groups of the first match in the person's own spelling ("" for a group that did not take part).
    func groups(_ pattern: String) -> [String]? { Pattern.cached(pattern).all(clause.text).first }

    func operations() -> [Step] {
        if let steps = sceneWords() ?? structure() { return steps }
        return length() + pacing() + look() + sound()
    }

    // MARK: Scenes

    /// The position a scene word names ("2", "second", "last"), if the plan has it.
    func position(_ word: String) -> Int? {
        let word = word.lowercased()
        if word == "last" || word == "final" { return plan.scenes.count - 1 }
        let ordinals = [
            "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
            "ninth": 9, "tenth": 10,
        ]
        guard let number = Int(word) ?? ordinals[word] ?? Self.numbers[word] else { return nil }
        return number - 1
    }

    /// The scene id a pair of reference groups names, or a refusal that names the scenes there are.
    func scene(_ first: String, _ second: String) -> Result<String, Refusal> {
        let word = first.isEmpty ? second : first
        guard let index = position(word), plan.scenes.indices.contains(index) else {
            return .failure(
                Refusal(
                    "There is no scene \(word.prefix(20)); the plan has "
                        + "\(plan.scenes.count) scene\(plan.scenes.count == 1 ? "" : "s")."
                ))
        }
        return .success(plan.scenes[index].id)
    }

    struct Refusal: Error {
        var message: String
        init(_ message: String) { self.message = message }
    }

    /// Rewrites and additions: requests that carry words for a scene.
    func sceneWords() -> [Step]? {
        let saying = #"\s*(?::|\bto say\b|\bsaying\b|\bto\b|\bwith\b|\bas\b)\s*(.+)$"#
        if let g = groups(
            #"\b(?:rewrite|rephrase|replace|change)\s+(?:the\s+)?(?:narration|words|text)?\s*(?:of|in|for)?\s*"#
                + Self.sceneRef + #"(?:'s\s+(?:narration|words|text))?"# + saying)
        {
            return step(scene(g[1], g[2]).map { .rewriteScene(id: $0, narration: words(g[3]), visual: nil) })
        }
        if let g = groups(#"\b"# + Self.sceneRef + #"\s+(?:should\s+)?shows?\s+(.+)$"#)
            ?? groups(#"\bin\s+"# + Self.sceneRef + #",?\s+show\s+(.+)$"#)
        {
            return step(scene(g[1], g[2]).map { .rewriteScene(id: $0, narration: nil, visual: words(g[3])) })
        }
        if let g = groups(
            #"\b(?:change|set|replace)\s+(?:the\s+)?(?:picture|visual|image)\s+(?:of|in|for)\s+"# + Self.sceneRef
                + saying)
        {
            return step(scene(g[1], g[2]).map { .rewriteScene(id: $0, narration: nil, visual: words(g[3])) })
        }
        guard
            let g = groups(
                #"\badd\s+(?:a|an|another|one more)?\s*(?:new\s+|extra\s+)?scene\b(?:\s+(?:about|"#
                    + #"showing|with|of|on|where|that shows)\s+(.+?))?"#
                    + #"(?:\s+(after|before)\s+"# + Self.sceneRef + #"|\s+at\s+the\s+(start|beginning|"#
                    + #"end))?\s*[.!]?$"#)
        else { return nil }
        let subject = words(g[1])
        guard !subject.isEmpty else {
            return [.refusal("Say what the new scene is about, e.g. “add a scene about the harvest after scene 2”.")]
        }
        var after: String? = plan.scenes.last?.id
        if !g[2].isEmpty {
            switch scene(g[3], g[4]) {
            case .failure(let refusal): return [.refusal(refusal.message)]
            case .success(let id):
                let index = plan.scenes.firstIndex { $0.id == id }!
                after = g[2].lowercased() == "after" ? id : (index == 0 ? nil : plan.scenes[index - 1].id)
            }
        } else if ["start", "beginning"].contains(g[5].lowercased()) {
            after = nil
        }
        // A narrated plan gets a line about the new subject; a music-driven one stays quiet.
        let narrated = plan.scenes.filter { !$0.narration.isEmpty }.count * 2 > plan.scenes.count
        let line = narrated ? subject.prefix(1).uppercased() + subject.dropFirst() + "." : ""
        return [.operation(.addScene(after: after, narration: line, visual: subject, duration: nil))]
    }

    /// Removing, moving and matching a sample shot.
    func structure() -> [Step]? {
        if let g = groups(#"\b(?:remove|delete|drop|cut|get rid of)\s+(?:the\s+)?"# + Self.sceneRef) {
            return step(scene(g[1], g[2]).map { .removeScene(id: $0) })
        }
        if let g = groups(
            #"\bmove\s+(?:the\s+)?"# + Self.sceneRef
                + #"\s+(?:to\s+)?(?:the\s+)?(?:(start|beginning|front|end|back)|position\s+(\d+)|(after|before)\s+"#
                + Self.sceneRef + ")")
        {
            let moving = scene(g[1], g[2])
            let last = plan.scenes.count - 1
            var destination: Result<Int, Refusal>
            if !g[3].isEmpty {
                destination = .success(["end", "back"].contains(g[3].lowercased()) ? last : 0)
            } else if let number = Int(g[4]) {
                destination = .success(number - 1)
            } else {
                destination = scene(g[6], g[7]).map { id in
                    let target = plan.scenes.firstIndex { $0.id == id }!
                    let from = moving.map { id in plan.scenes.firstIndex { $0.id == id }! }
                    let before = (try? from.get()).map { $0 < target } ?? false
                    // Positions count in the list without the moving scene.
                    return g[5].lowercased() == "after"
                        ? (before ? target : target + 1) : (before ? target - 1 : target)
                }
            }
            return step(moving.flatMap { id in destination.map { .moveScene(id: id, to: $0) } })
        }
        if let g = groups(
            #"(?:\b"# + Self.sceneRef + #"\b.*?)?\blike\s+(?:the\s+)?(?:sample'?s\s+)?shot\s+(?:number\s+)?(\d+)"#)
        {
            guard let shot = Int(g[3]) else { return [.refusal("Say which shot of the sample, e.g. “shot 3”.")] }
            if g[1].isEmpty && g[2].isEmpty { return [.operation(.matchSampleShot(sceneId: nil, shot: shot))] }
            return step(scene(g[1], g[2]).map { .matchSampleShot(sceneId: $0, shot: shot) })
        }
        return nil
    }

    // MARK: Length and pacing

    static let numbers: [String: Int] = [
        "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
        "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    ]

    static func number(_ word: String) -> Double? { Double(word) ?? numbers[word.lowercased()].map(Double.init) }

    var pacingWords: Bool {
        has(
            #"\b(faster|quicker|snappier|more cuts|shorter (scenes|shots|cuts)|speed (it )?up|"#
                + #"more scenes|slower|fewer cuts|less cuts|longer (scenes|shots)|slow (it )?down|"#
                + #"fewer scenes|less scenes)\b"#
        )
    }

    func length() -> [Step] {
        var steps: [Step] = []
        let total = plan.plannedDuration
        if let g = groups(#"\b"# + Self.count + #"\s*-?\s*(?:s|secs?|seconds?)\b"#), let seconds = Self.number(g[1]) {
            steps.append(.operation(.setDuration(seconds: seconds)))
        } else if has(#"\b(a|one|1)\s*-?\s*minutes?\b"#) {
            steps.append(.operation(.setDuration(seconds: 60)))
        } else if has(#"\bhalf a minute\b"#) {
            steps.append(.operation(.setDuration(seconds: 30)))
        } else if has(#"\b(shorter|longer)\b"#) && groups(#"\b"# + Self.sceneRef + #"\b"#) != nil && !pacingWords {
            // One scene's length is not a plan change the rules make (its words decide it); say so.
            steps.append(
                .refusal(
                    "I change the length of the whole video (“make it 30 seconds”) or how many scenes it has; "
                        + "one scene's length follows its words, or trim it in the editor after generating."))
        } else if !pacingWords && has(#"\bshorter\b"#) {
            let wanted = max((total * 0.75).rounded(), RemixLimits.shortestVideo)
            steps.append(
                wanted < total - 0.05
                    ? .operation(.setDuration(seconds: wanted))
                    : .refusal("The video is already \(total.formattedTenths) s, the shortest a remix may be."))
        } else if !pacingWords && has(#"\blonger\b"#) {
            let wanted = min((total * 1.25).rounded(), RemixLimits.longestVideo)
            steps.append(
                wanted > total + 0.05
                    ? .operation(.setDuration(seconds: wanted))
                    : .refusal("The video is already \(total.formattedTenths) s, the longest a remix may be."))
        }
        if let g = groups(#"\b"# + Self.count + #"\s+scenes?\b"#), let count = Self.number(g[1]) {
            steps.append(.operation(.setSceneCount(Int(count))))
        }
        return steps
    }

    func pacing() -> [Step] {
        guard !has(#"\b"# + Self.count + #"\s+scenes?\b"#) else { return [] }
        let strong = has(#"\b(much|a lot|way|far|really)\b"#) ? 2.0 : 1.5
        if has(#"\b(faster|quicker|snappier|more cuts|shorter (scenes|shots|cuts)|speed (it )?up|more scenes)\b"#) {
            return [.operation(.scalePacing(factor: strong))]
        }
        if has(#"\b(slower|fewer cuts|less cuts|longer (scenes|shots)|slow (it )?down|fewer scenes|less scenes)\b"#) {
            return [.operation(.scalePacing(factor: 1 / strong))]
        }
        return []
    }

    // MARK: Look and sound

    static let moods: [(Mood, String)] = [
        (.dramatic, #"\b(dramatic|epic|intense)\b"#),
        (.calm, #"\b(calm|calmer|relaxed|relaxing|peaceful|chill|gentler)\b"#),
        (.uplifting, #"\b(uplifting|happier|happy|upbeat|positive|cheerful|brighter mood)\b"#),
        (.energetic, #"\b(energetic|more energy|exciting|punchy)\b"#),
        (.playful, #"\b(playful|fun|funny|funnier)\b"#),
        (.mysterious, #"\b(mysterious|darker|eerie|moody)\b"#),
        (.somber, #"\b(somber|sombre|sad|sadder|melancholic)\b"#),
        (.warm, #"\b(warm|warmer|cosy|cozy)\b"#),
    ]

    static let styles: [(VisualStyle, String)] = [
        (.cinematic, #"\b(cinematic|film look|movie look)\b"#),
        (.minimal, #"\b(minimal|minimalist|minimalistic)\b"#),
        (.vibrant, #"\b(vibrant|colou?rful|bold colou?rs)\b"#),
        (.retro, #"\b(retro|vintage|old-school)\b"#),
        (.pastel, #"\b(pastel|soft colou?rs)\b"#),
    ]

    func look() -> [Step] {
        var steps: [Step] = []
        if let mood = Self.moods.first(where: { has($0.1) })?.0 {
            if let g = groups(#"\b"# + Self.sceneRef + #"\b"#) {
                steps += step(scene(g[1], g[2]).map { .setMood(mood, sceneId: $0) })
            } else {
                steps.append(.operation(.setMood(mood, sceneId: nil)))
                let tone = SampleLook.tone(for: mood)
                if tone != plan.settings.tone { steps.append(.operation(.setTone(tone))) }
            }
        }
        if let style = Self.styles.first(where: { has($0.1) })?.0 {
            steps.append(.operation(.setStyle(style)))
        }
        return steps
    }

    func sound() -> [Step] {
        var steps: [Step] = []
        let voice = #"(voice|voices|narration|narrator|voice-?over|speech|talking|speaking)"#
        if has(#"\b(no|without|remove|drop|mute|turn off|disable|stop)\s+(the\s+|a\s+)?"# + voice + #"\b"#)
            || has(#"\b"# + voice + #"\s+off\b|\bsilent\b|\bmusic only\b|\bjust music\b"#)
        {
            steps.append(.operation(.setNarration(false)))
        } else if has(
            #"\b(add|with|turn on|enable|bring back|put back|use)\s+(the\s+|a\s+|"#
                + #"some\s+)?"# + voice + #"\b"#)
            || has(#"\bnarrate\b|\b"# + voice + #"\s+on\b"#)
        {
            steps.append(.operation(.setNarration(true)))
        }
        if has(#"\b(no|without|remove|drop|mute|turn off|disable|stop)\s+(the\s+)?music\b|\bmusic off\b"#) {
            steps.append(.operation(.setMusic(.none)))
        } else if has(
            #"\b(my|our)\s+(own\s+)?(music|song|track|audio|soundtrack)\b|\buploaded\s+(music|song|"#
                + #"track|audio)\b|\b(music|song|track) i uploaded\b"#
        ) {
            steps.append(.operation(.setMusic(.upload)))
        } else if has(
            #"\b(generate[ds]?|compose[ds]?|create|make)\s+(the\s+|some\s+|new\s+)?music\b|"#
                + #"\bgenerated music\b|\b(add|with|turn on)\s+(the\s+|some\s+)?music\b|\bmusic on\b"#
        ) {
            steps.append(.operation(.setMusic(.generated)))
        }
        return steps
    }

    // MARK: Helpers

    /// Words the person gave, quotes restored, cleaned to one line.
    func words(_ part: String) -> String {
        TextSanitizer.singleLine(clause.restored(part)).trimmingCharacters(in: .whitespaces.union(["“", "”", "\""]))
    }

    func step(_ result: Result<PlanOperation, Refusal>) -> [Step] {
        switch result {
        case .success(let operation): [.operation(operation)]
        case .failure(let refusal): [.refusal(refusal.message)]
        }
    }
}
