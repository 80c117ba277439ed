import Foundation
import Synchronization

/// The embedded editor assistant: turns a plain-language instruction ("make scene 2 longer and use slide
/// transitions", "quieter music", "add the title 'Bees' at the start") into editor operations. Rule-based and
/// deterministic; an instruction may hold several requests joined by "and", commas or "then".
public enum EditorAssistant {
    public struct Answer: Sendable, Hashable {
        /// One sentence for the person, listing what changed.
        public var reply: String
        public var operations: [EditorOperation]
        public var result: EditResult

        public init(reply: String, operations: [EditorOperation], result: EditResult) {
            self.reply = reply
            self.operations = operations
            self.result = result
        }
    }

    /// Nothing in the instruction could be turned into an edit.
    public struct NotUnderstood: Error, Sendable, CustomStringConvertible {
        public var instruction: String
        public var description: String {
            "I could not turn “\(instruction)” into an edit. Try for example: “make scene 2 longer”, “quieter music”, "
                + "“use slide transitions”, “turn captions off”, “add the title 'Hello' at the start”, “move scene 3 to the start”, "
                + "“make it black and white”, “fade the title in”."
        }
    }

    public static let maximumLength = 500

    public static func answer(_ instruction: String, state: EditorState) throws -> Answer {
        let text = instruction.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else {
            throw InvalidDocument(
                document: "instruction", issues: [.init("instruction", "is empty; say what to change")])
        }
        guard text.count <= maximumLength else {
            throw InvalidDocument(
                document: "instruction",
                issues: [.init("instruction", "is \(text.count) characters; at most \(maximumLength) are allowed")])
        }
        // Quoted text (overlay words) is set aside so its commas and "and"s do not split the sentence.
        var quotes: [String] = []
        let masked = Patterns.quoted.replace(in: text) { match in
            quotes.append(match)
            return " \u{1}\(quotes.count - 1)\u{1} "
        }
        let clauses = Patterns.clauseBreak.split(masked.lowercased())
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        var working = state
        var operations: [EditorOperation] = []
        var changes: [String] = []
        for clause in clauses {
            let reader = Reader(clause: clause, quotes: quotes, state: working)
            if let missing = reader.scenes.first(where: { !working.clips.indices.contains($0) }) {
                throw InvalidDocument(
                    document: "instruction",
                    issues: [
                        .init(
                            "instruction",
                            "there is no scene \(missing + 1); this video has \(working.clips.count) scene\(working.clips.count == 1 ? "" : "s")"
                        )
                    ])
            }
            let wanted = reader.operations()
            guard !wanted.isEmpty else { continue }
            let result = try working.applying(wanted)
            working = result.state
            operations += wanted
            changes += result.changes
        }
        guard !operations.isEmpty else { throw NotUnderstood(instruction: text) }
        let reply = changes.isEmpty ? "Nothing needed to change." : "Done: " + changes.joined(separator: "; ") + "."
        return Answer(reply: reply, operations: operations, result: EditResult(state: working, changes: changes))
    }
}

/// Patterns compiled once.
enum Patterns {
    static let quoted = Pattern(#"[\"“”'‘’«»]([^\"“”‘’«»]{1,300}?)[\"“”'‘’«»](?=\s|$|[.,;!?])"#)
    static let clauseBreak = Pattern(
        #"\s*(?:;|,|\.\s|\bthen\b|\band\b(?=\s+(?:make|use|add|remove|delete|turn|set|move|put|swap|lower|raise|mute|show|hide|change|give|cut|shorten|lengthen|extend|speed|slow|quieter|louder|all|music|voice|captions|subtitles|transitions)))\s*"#
    )
    static let number = #"(\d+(?:\.\d+)?|an?|one|two|three|four|five|six|seven|eight|nine|ten|half an?|half)"#
    static let ordinal =
        #"(\d+|one|two|three|four|five|six|seven|eight|nine|ten|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|final)"#
    static let scene = Pattern(
        #"(?:\b(?:scene|clip|shot|part)\s+(?:number\s+)?"# + ordinal + #"\b|\b(?:the\s+)?"# + ordinal
            + #"\s+(?:scene|clip|shot|part)\b)"#)
    static let seconds = Pattern(number + #"\s*(?:s|secs?|seconds?)\b"#)
    static let percent = Pattern(#"(\d+(?:\.\d+)?)\s*(?:%|percent\b)"#)
}

/// A compiled regular expression with the few helpers the assistants need (the editor's and the plan chat's).
public struct Pattern: Sendable {
    public let regex: NSRegularExpression

    private static let cache = PatternCache()

    /// The pattern compiled once per process (the reader asks the same few dozen questions of every clause).
    public static func cached(_ text: String) -> Pattern { cache.pattern(text) }

    public init(_ pattern: String) {
        regex = try! NSRegularExpression(pattern: pattern, options: [.caseInsensitive])
    }

    public func matches(_ text: String) -> Bool {
        regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    /// Capture groups of every match (a missing group is "").
    public func all(_ text: String) -> [[String]] {
        regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { match in
            (0..<match.numberOfRanges).map { index in
                Range(match.range(at: index), in: text).map { String(text[$0]) } ?? ""
            }
        }
    }

    /// The text between matches.
    public func split(_ text: String) -> [String] {
        var parts: [String] = []
        var cursor = text.startIndex
        for match in regex.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
            guard let whole = Range(match.range, in: text) else { continue }
            parts.append(String(text[cursor..<whole.lowerBound]))
            cursor = whole.upperBound
        }
        return parts + [String(text[cursor...])]
    }

    public func replace(in text: String, _ transform: (String) -> String) -> String {
        var result = ""
        var cursor = text.startIndex
        for match in regex.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
            guard let whole = Range(match.range, in: text), let inner = Range(match.range(at: 1), in: text) else {
                continue
            }
            result += text[cursor..<whole.lowerBound]
            result += transform(String(text[inner]))
            cursor = whole.upperBound
        }
        return result + text[cursor...]
    }
}

/// Reads one clause against the current state.
struct Reader {
    let clause: String
    let quotes: [String]
    let state: EditorState

    func has(_ pattern: String) -> Bool { Pattern.cached(pattern).matches(clause) }

    /// Scene numbers named in the clause, 0-based, in order.
    var scenes: [Int] {
        Patterns.scene.all(clause).compactMap { groups in
            let word = groups[1].isEmpty ? groups[2] : groups[1]
            return Self.index(word, count: state.clips.count)
        }
    }

    static func index(_ word: String, count: Int) -> Int? {
        if word == "last" || word == "final" { return count - 1 }
        let ordinals = [
            "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
            "ninth": 9, "tenth": 10,
        ]
        guard let number = Int(word) ?? ordinals[word] ?? Self.words[word].map(Int.init) else { return nil }
        return number - 1
    }

    static let words: [String: Double] = [
        "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
        "nine": 9, "ten": 10,
        "half": 0.5, "half a": 0.5, "half an": 0.5,
    ]

    static func number(_ word: String) -> Double? { Double(word) ?? words[word] }

    /// "by 2 seconds" / "to 5 s" amounts in the clause.
    var seconds: [Double] { Patterns.seconds.all(clause).compactMap { Self.number($0[1]) } }

    var quote: String? {
        guard let match = Pattern.cached(#"\x{01}(\d+)\x{01}"#).all(clause).first, let index = Int(match[1]),
            quotes.indices.contains(index)
        else { return nil }
        return quotes[index]
    }

    /// How strongly: "a bit" / "slightly" soften, "much" / "a lot" strengthen.
    var strength: Double {
        if has(#"\b(a (little )?bit|slightly|a little|a touch)\b"#) { return 0.5 }
        if has(#"\b(much|a lot|way|far|significantly|really)\b"#) { return 2 }
        return 1
    }

    func operations() -> [EditorOperation] {
        if quote != nil, let overlay = overlayOperations() { return overlay }
        if let animation = animationOperations() { return animation }
        if let look = lookOperations() { return look }
        if has(#"\b(text|titles?|overlays?|headings?|labels?)\b"#)
            && has(#"\b(remove|delete|clear|drop|get rid of|no)\b"#) && !has(#"\b(captions?|subtitles?)\b"#)
        {
            return state.overlays.map { .removeOverlay($0.id) }
        }
        if has(#"\b(captions?|subtitles?)\b"#) { return captionOperations() }
        if has(#"\b(transitions?|cuts?|fades?|dissolves?|crossfades?|cross-fades?|slides?|wipes?|circle|radial)\b"#),
            let result = transitionOperations()
        {
            return result
        }
        if has(#"\bduck(ing)?\b"#) {
            return [.setDucking(!has(#"\b(no|stop|without|off|disable|don't|do not)\b"#))]
        }
        if has(
            #"\b(music|soundtrack|background|song|score|voice|narration|narrator|voice-?over|speech|speaker|volume)\b"#),
            let result = volumeOperations()
        {
            return result
        }
        if let result = sceneOperations() { return result }
        return []
    }

    // MARK: Scenes

    func sceneOperations() -> [EditorOperation]? {
        let named = scenes
        if has(#"\bswap\b"#), named.count >= 2, named[0] != named[1] {
            let (a, b) = (min(named[0], named[1]), max(named[0], named[1]))
            return [.moveClip(from: a, to: b), .moveClip(from: b - 1, to: a)]
        }
        guard let scene = named.first else { return nil }
        if has(#"\b(remove|delete|drop|cut out|get rid of)\b"#) { return [.removeClip(scene)] }
        if has(#"\b(move|put|place|bring)\b"#) {
            let count = state.clips.count
            var target: Int?
            if has(#"\b(start|beginning|front|first)\b"#) && named.count == 1 { target = 0 }
            if has(#"\b(end|last)\b"#) && named.count == 1 && !has(#"scene\s+last"#) { target = count - 1 }
            if let position = Pattern.cached(#"\bposition\s+(\d+)"#).all(clause).first.flatMap({ Int($0[1]) }) {
                target = position - 1
            }
            if named.count >= 2 {
                if has(#"\bafter\b"#) { target = named[1] > scene ? named[1] : named[1] + 1 }
                if has(#"\bbefore\b"#) { target = named[1] > scene ? named[1] - 1 : named[1] }
            }
            if let target { return [.moveClip(from: scene, to: min(max(target, 0), count - 1))] }
            return nil
        }
        let current = state.clips[scene].duration
        let amount = seconds.first
        if has(#"\b(longer|lengthen|extend|slower|more time)\b"#) {
            return [.trimClip(scene, duration: clampDuration(current + (amount ?? 2 * strength)))]
        }
        if has(#"\b(shorter|shorten|trim|faster|quicker|less time|tighten)\b"#) {
            return [.trimClip(scene, duration: clampDuration(current - (amount ?? 1.5 * strength)))]
        }
        if let amount, has(#"\b(to|last|lasts|be|for|make|set|long)\b"#) {
            return [.trimClip(scene, duration: clampDuration(amount))]
        }
        return nil
    }

    func clampDuration(_ value: Double) -> Double {
        min(
            max((value * 100).rounded() / 100, EditorState.clipDurationRange.lowerBound),
            EditorState.clipDurationRange.upperBound)
    }

    // MARK: Transitions

    var transitionKind: TransitionKind? {
        let direction =
            has(#"\bright\b"#) ? "right" : has(#"\bup(wards)?\b"#) ? "up" : has(#"\bdown(wards)?\b"#) ? "down" : "left"
        if has(#"\b(hard |straight |simple )?cuts?\b"#) && !has(#"\bcut out\b"#)
            && !has(#"\b(slides?|wipes?|fades?|dissolves?)\b"#)
        {
            return .cut
        }
        if has(#"\bno transitions?\b"#) { return .cut }
        if has(#"\bslides?\b"#) { return TransitionKind(rawValue: "slide" + direction) }
        if has(#"\bwipes?\b"#) { return TransitionKind(rawValue: "wipe" + direction) }
        if has(#"\b(through|to|via) black\b|\bblack\b"#) { return .fadeblack }
        if has(#"\b(through|to|via) white\b|\bwhite\b"#) { return .fadewhite }
        if has(#"\b(dissolves?|crossfades?|cross-fades?)\b"#) { return .dissolve }
        if has(#"\bfades?\b"#) { return .fade }
        if has(#"\bcircle"#) { return .circleopen }
        if has(#"\bradial\b"#) { return .radial }
        if has(#"\bsmooth\b"#) { return .smoothleft }
        return nil
    }

    func transitionOperations() -> [EditorOperation]? {
        let kind = transitionKind
        var duration = seconds.first
        let cuts = state.transitions
        guard !cuts.isEmpty else { return nil }
        if duration == nil {
            let current = cuts.filter { $0.kind != .cut }.map(\.duration)
            let average = current.isEmpty ? 0.6 : current.reduce(0, +) / Double(current.count)
            if has(#"\b(longer|slower|gentler|softer)\b"#) {
                duration = (average * (1 + 0.5 * strength) * 100).rounded() / 100
            }
            if has(#"\b(shorter|faster|quicker|snappier|tighter)\b"#) {
                duration = max((average / (1 + 0.6 * strength) * 100).rounded() / 100, 0.1)
            }
        }
        if let duration, duration > Transition.maximumDuration { return nil }
        guard kind != nil || duration != nil else { return nil }
        // One cut: "between scene 2 and 3", "after scene 2", "transition 2".
        var named = scenes
        // "between scene 1 and 2": the second number needs no "scene".
        if named.count == 1,
            let other = Pattern.cached(
                #"\bbetween\b.*\band\s+(?:scene\s+)?(\d+|one|two|three|four|five|six|seven|eight|nine|ten|last)\b"#
            ).all(clause).first,
            let index = Self.index(other[1], count: state.clips.count)
        {
            named.append(index)
        }
        var cut: Int?
        if named.count >= 2 {
            cut = min(named[0], named[1])
        } else if let scene = named.first, has(#"\bafter\b"#) {
            cut = scene
        } else if let scene = named.first, has(#"\bbefore\b"#) {
            cut = scene - 1
        } else if let number = Pattern.cached(#"\b(?:transition|cut)\s+(?:number\s+)?(\d+)"#).all(clause).first.flatMap(
            { Int($0[1]) })
        {
            cut = number - 1
        }
        if let cut {
            guard cuts.indices.contains(cut) else { return nil }
            return [
                .setTransition(
                    cut, kind: kind, duration: kind == .cut ? nil : duration.map { min($0, state.transitionLimit(cut)) }
                )
            ]
        }
        return [.setAllTransitions(kind: kind, duration: kind == .cut ? nil : duration)]
    }

    // MARK: Audio

    func volumeOperations() -> [EditorOperation]? {
        let music = has(#"\b(music|soundtrack|background|song|score)\b"#)
        let voice = has(#"\b(voice|narration|narrator|voice-?over|speech|speaker)\b"#)
        let track: EditorOperation.Track = music || !voice ? .music : .voice
        let current = track == .music ? state.audio.music.volume : state.audio.voice.volume
        var volume: Double?
        if has(#"\b(mute|silence|silent|no|remove|without|off|kill|stop)\b"#) && !has(#"\bunmute\b"#) {
            volume = 0
        } else if let percent = Patterns.percent.all(clause).first.flatMap({ Double($0[1]) }) {
            volume = percent / 100
        } else if has(#"\b(quieter|softer|lower|down|reduce|decrease|less|turn down|quiet|soft)\b"#) {
            volume = current * pow(0.6, strength)
        } else if has(#"\b(louder|higher|up|raise|increase|boost|more|turn up|loud)\b"#) {
            volume = current == 0 ? (track == .music ? 0.32 : 1) : current * pow(1.5, strength)
        } else if has(#"\b(unmute|back|restore|on)\b"#) {
            volume = track == .music ? 0.32 : 1
        }
        guard let volume else { return nil }
        let clamped = (min(max(volume, 0), 4) * 1000).rounded() / 1000
        if track == .voice, let scene = scenes.first {
            let segments = state.voiceSegments(of: scene)
            guard let first = segments.first else { return nil }
            let base = state.audio.voice.segments[first].volume
            let factor = current == 0 ? 1 : clamped / current
            return [.setClipVolume(scene, (min(max(base * factor, 0), 4) * 1000).rounded() / 1000)]
        }
        return [.setTrackVolume(track, clamped)]
    }

    // MARK: Captions

    func captionOperations() -> [EditorOperation] {
        var operations: [EditorOperation] = []
        if has(#"\b(off|hide|no|remove|disable|without|stop|drop)\b"#) {
            operations.append(.setCaptions(enabled: false))
        } else {
            var style = TextStylePatch()
            var changed = false
            let size = state.captions.style.size
            if has(#"\b(bigger|larger|big|large|increase)\b"#) {
                style.size = min(size * (1 + 0.25 * strength), 0.2)
                changed = true
            }
            if has(#"\b(smaller|tiny|small|decrease)\b"#) {
                style.size = max(size / (1 + 0.25 * strength), 0.02)
                changed = true
            }
            for (word, colour) in Self.colours where has("\\b\(word)\\b") {
                style.color = colour
                changed = true
                break
            }
            if has(#"\b(box|background|backdrop)\b"#) {
                style.box = !has(#"\b(no|without|remove)\b"#)
                changed = true
            }
            if style.size != nil { style.size = ((style.size ?? 0) * 1000).rounded() / 1000 }
            var mode: CaptionMode?
            if has(#"\b(word[- ]by[- ]word|one word at a time|karaoke|highlight\w*)\b"#) {
                mode = .words
            } else if has(#"\b(phrase[- ]by[- ]phrase|a line at a time|whole (lines|phrases|sentences))\b"#) {
                mode = .phrase
            }
            if changed || mode != nil || has(#"\b(on|show|enable|add|turn on|with)\b"#) {
                operations.append(.setCaptions(enabled: true, style: changed ? style : nil, mode: mode))
            }
        }
        return operations
    }

    static let colours: [(String, String)] = [
        ("yellow", "#FFD84D"), ("white", "#FFFFFF"), ("black", "#000000"), ("red", "#FF4D4D"), ("green", "#4DDB7A"),
        ("blue", "#4DA3FF"), ("orange", "#FF9F40"), ("pink", "#FF7AC6"), ("purple", "#B07CFF"),
    ]

    // MARK: Text overlays

    func overlayOperations() -> [EditorOperation]? {
        guard let text = quote?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        if has(#"\b(change|rename|replace|edit)\b"#), let first = state.overlays.first {
            var operation = EditorOperation(.updateOverlay)
            operation.id = first.id
            operation.text = text
            return [operation]
        }
        guard has(#"\b(add|put|show|write|display|insert|title|text|overlay|heading|label|caption)\b"#) else {
            return nil
        }
        let total = state.duration
        let starts = state.clipStarts
        var start = 0.0
        var end = min(3, total)
        if has(#"\b(whole|entire|all the time|throughout|full)\b"#) {
            end = total
        } else if has(#"\b(end|ending|outro|finish|last)\b"#) && scenes.isEmpty {
            start = max(total - 3, 0)
            end = total
        } else if let scene = scenes.first {
            start = starts[scene]
            end = min(starts[scene] + state.clips[scene].duration, total)
        }
        if let amount = seconds.first, has(#"\bfor\b"#) { end = min(start + amount, total) }
        var y = 0.15
        if has(#"\b(bottom|lower)\b"#) { y = 0.78 }
        if has(#"\b(middle|center|centre)\b"#) { y = 0.5 }
        var draft = OverlayDraft(
            text: text, start: (start * 1000).rounded() / 1000, end: (end * 1000).rounded() / 1000, y: y)
        if !has(#"\btitle\b"#) { draft.style = TextStylePatch(size: 0.045) }
        return [.addOverlay(draft)]
    }
}

final class PatternCache: Sendable {
    private let compiled = Mutex<[String: Pattern]>([:])

    func pattern(_ text: String) -> Pattern {
        if let found = compiled.withLock({ $0[text] }) { return found }
        let made = Pattern(text)
        compiled.withLock { $0[text] = made }
        return made
    }
}
