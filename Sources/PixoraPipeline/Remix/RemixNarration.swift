import PixoraCore
import PixoraGenerators

/// Spreads the narration written for the topic over the scenes cut from the sample, so each scene says what falls
/// in its stretch of time; a scene that cannot hold its words is joined with the next.
enum RemixNarration {
    /// One scene's worth of sample with the words spoken over it.
    struct Part: Sendable, Hashable {
        var slot: ShotRhythm.Slot
        var sentences: [String]
        var narration: String { sentences.joined(separator: " ") }
    }

    /// The sentences of a narration, each with its closing punctuation.
    static func sentences(in text: String) -> [String] {
        var result: [String] = []
        var current = ""
        for character in text {
            current.append(character)
            if ".!?".contains(character) {
                result.append(current)
                current = ""
            }
        }
        result.append(current)
        return result.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }

    /// A music-driven video's words: the opening sentence and the closing one.
    static func bookends(_ narrations: [String]) -> [String] {
        let first = narrations.first.flatMap { sentences(in: $0).first }
        let last = narrations.count > 1 ? narrations.last.flatMap { sentences(in: $0).first } : nil
        return [first, last].compactMap { $0 }
    }

    /// The words laid over the sample's rhythm, in order. Each sentence goes to the scene where its place in the
    /// text falls in the video, or later when the words before it are running behind; a scene too short for its
    /// first sentence takes in the next stretch of the rhythm, and a scene that is full hands over to the next.
    /// Words that find no time left are not spoken (they stay in the plan's script): the video keeps the length
    /// and the pacing it was planned with. With `bookends`, the first sentence opens the video and the last
    /// closes it.
    static func spread(
        _ sentences: [String], over slots: [ShotRhythm.Slot], bookends: Bool = false, settings: Settings
    ) -> [Part] {
        guard !slots.isEmpty else { return [] }
        let total = slots.reduce(0) { $0 + $1.length }
        var ends: [Double] = []
        for slot in slots { ends.append((ends.last ?? 0) + slot.length / total) }
        let weights = sentences.map { Double($0.count + 1) }
        let totalWeight = weights.reduce(0, +)
        var parts = [Part(slot: slots[0], sentences: [])]
        var next = 1
        var before = 0.0
        func fits(_ part: Part, with sentence: String) -> Bool {
            needs(part.sentences + [sentence], settings: settings) <= part.slot.length
        }
        for (index, sentence) in sentences.enumerated() {
            let middle = (before + weights[index] / 2) / totalWeight
            before += weights[index]
            var ideal = ends.firstIndex { middle < $0 } ?? slots.count - 1
            if bookends { ideal = index == 0 ? 0 : slots.count - 1 }
            // Running ahead of the words: the stretches in between stay without words.
            if !parts[parts.count - 1].sentences.isEmpty || ideal > next - 1 {
                while next <= ideal && next < slots.count {
                    parts.append(Part(slot: slots[next], sentences: []))
                    next += 1
                }
            }
            while true {
                let last = parts.count - 1
                let closing = bookends && index == sentences.count - 1 && index > 0 && next == slots.count
                if fits(parts[last], with: sentence) || closing {
                    parts[last].sentences.append(sentence)
                    break
                }
                guard next < slots.count else { break }
                if parts[last].sentences.isEmpty {
                    parts[last].slot.shots += slots[next].shots
                    parts[last].slot.length += slots[next].length
                } else {
                    parts.append(Part(slot: slots[next], sentences: []))
                }
                next += 1
            }
        }
        parts += slots[next...].map { Part(slot: $0, sentences: []) }
        // The closing line of a music-driven video, too long for the last stretch, takes in the silent ones before.
        while parts.count > 1, overflows(parts[parts.count - 1], settings: settings),
            parts[parts.count - 2].sentences.isEmpty
        {
            let last = parts.removeLast()
            parts[parts.count - 1].slot.shots += last.slot.shots
            parts[parts.count - 1].slot.length += last.slot.length
            parts[parts.count - 1].sentences = last.sentences
        }
        // Joined stretches may pass the longest a scene may be; the lengths are fitted again within the limits.
        let lengths = RemixStaging.fitted(parts.map(\.slot.length), total: total)
        for index in parts.indices { parts[index].slot.length = lengths[index] }
        return parts
    }

    /// Sentences over scenes that are already cut (turning narration back on): in order, each where its place in
    /// the text falls in the video, or in the next scene when it no longer fits beside the words already there.
    /// With `dropping`, a sentence that finds no scene with room left is not placed (the video keeps its length).
    static func distribute(
        _ sentences: [String], over lengths: [Double], settings: Settings, dropping: Bool = false
    ) -> [[String]] {
        var placed = lengths.map { _ in [String]() }
        guard !lengths.isEmpty else { return placed }
        let weights = sentences.map { Double($0.count + 1) }
        let totalWeight = weights.reduce(0, +)
        let total = lengths.reduce(0, +)
        var ends: [Double] = []
        for length in lengths { ends.append((ends.last ?? 0) + length / total) }
        var before = 0.0
        var slot = 0
        for (index, sentence) in sentences.enumerated() {
            let middle = (before + weights[index] / 2) / totalWeight
            before += weights[index]
            slot = max(slot, ends.firstIndex { middle < $0 } ?? lengths.count - 1)
            while slot < lengths.count - 1, !placed[slot].isEmpty || dropping,
                needs(placed[slot] + [sentence], settings: settings) > lengths[slot]
            {
                slot += 1
            }
            if dropping && needs(placed[slot] + [sentence], settings: settings) > lengths[slot] { continue }
            placed[slot].append(sentence)
        }
        return placed
    }

    /// Seconds a scene needs to say `sentences`, with the lead-in and the breath after.
    static func needs(_ sentences: [String], settings: Settings) -> Double {
        let text = sentences.joined(separator: " ")
        return SpeakingRate.seconds(text, voice: settings.voice, rate: settings.speechRate) + SceneMargins.lead
            + SceneMargins.tail
    }

    /// The part's words take longer to say (with the lead-in and the breath after) than the part lasts.
    static func overflows(_ part: Part, settings: Settings) -> Bool {
        !part.sentences.isEmpty && needs(part.sentences, settings: settings) > part.slot.length
    }
}
