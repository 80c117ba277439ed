import Foundation
import PixoraCore
import Testing

/// The word-by-word caption option in the editor state: old documents, validation, and edits that move cues.
@Suite("Caption words")
struct CaptionWordsTests {
    /// Three 4-second scenes joined by 1-second fades (starts 0, 3, 6), each with a two-word timed line.
    static func timeline() -> EditorState {
        var state = Fixtures.state()
        state.captions.mode = .words
        state.captions.cues = [1.0, 4, 7].enumerated().map { index, start in
            Cue(
                start: start, end: start + 1.5, text: "word\(index) more",
                words: [
                    CueWord(text: "word\(index)", start: start, end: start + 0.6),
                    CueWord(text: "more", start: start + 0.6, end: start + 1.4),
                ])
        }
        return state
    }

    /// Every word keeps its offset from its cue's start and lies inside the cue.
    static func consistent(_ state: EditorState) -> Bool {
        state.captions.cues.allSatisfy { cue in
            guard let words = cue.words, words.count == 2 else { return false }
            return abs(words[0].start - cue.start) < 0.0005 && abs(words[1].start - cue.start - 0.6) < 0.0005
                && words.allSatisfy { $0.start >= cue.start && $0.end <= cue.end }
        }
    }

    @Test("documents without the option show phrases; phrase documents are written as before")
    func backwardCompatible() throws {
        var state = Fixtures.state()
        let old = try CanonicalJSON.encode(state)
        #expect(!String(decoding: old, as: UTF8.self).contains("\"mode\""))
        #expect(!String(decoding: old, as: UTF8.self).contains("\"words\""))
        #expect(try EditorState.load(old).captions.mode == .phrase)
        state = Self.timeline()
        let saved = try EditorState.load(CanonicalJSON.encode(state))
        #expect(saved == state && saved.captions.mode == .words)
        #expect(Settings().captionMode == nil && Settings(captionMode: .phrase).captionMode == nil)
        let before = """
            {"aspectRatio":"16:9","durationSeconds":30,"style":"cinematic","tone":"calm","voice":"slt",
            "speechRate":1,"music":true,"captions":true,"quality":"720p","fps":30,"language":"en","seed":1}
            """
        #expect(try CanonicalJSON.decode(Settings.self, from: Data(before.utf8), document: "s").captionMode == nil)
        // A client's choice, in any case; phrases are written as nothing.
        func requested(_ json: String) throws -> CaptionMode? {
            try JSONDecoder().decode(SettingsRequest.self, from: Data(json.utf8)).resolved(prompt: "bees").captionMode
        }
        #expect(try requested(#"{"captionMode":"WORDS"}"#) == .words)
        #expect(try requested(#"{"captionMode":"phrase"}"#) == nil && requested(#"{"captionMode":null}"#) == nil)
        #expect(throws: DecodingError.self) { try requested(#"{"captionMode":"karaoke"}"#) }
    }

    @Test("validation puts every word inside its cue, in spoken order")
    func validation() {
        var state = Self.timeline()
        #expect(state.validate().isEmpty)
        state.captions.cues[0].words?[1].end = 2.6
        state.captions.cues[1].words?[0].start = 3.9
        state.captions.cues[2].words?[1].start = 7.0
        state.captions.cues[2].words?[0].start = 7.2
        state.captions.cues[2].words?[0].text = " "
        state.captions.cues[0].words?[0].text = String(repeating: "a", count: 301)
        let issues = state.validate().map(\.description)
        #expect(issues.contains { $0.hasPrefix("captions.cues[0].words[1].end: must be from the word's start") })
        #expect(issues.contains { $0.hasPrefix("captions.cues[1].words[0].start: must lie within its cue") })
        #expect(issues.contains("captions.cues[2].words[1].start: must not be before the previous word's start"))
        #expect(issues.contains("captions.cues[2].words[0].text: must not be empty"))
        #expect(issues.contains("captions.cues[0].words[0].text: is 301 characters; at most 300 are allowed"))
    }

    @Test("moving, trimming, splitting and removing scenes keep every word with its cue")
    func editsKeepWords() throws {
        let moved = try Self.timeline().applying([.moveClip(from: 2, to: 0)]).state
        #expect(moved.captions.cues.map(\.start) == [1, 4, 7])
        #expect(moved.captions.cues.map(\.text) == ["word2 more", "word0 more", "word1 more"])
        #expect(Self.consistent(moved) && moved.validate().isEmpty)

        let longer = try Self.timeline().applying([.trimClip(1, duration: 6)]).state
        #expect(longer.captions.cues.map(\.start) == [1, 4, 9])
        #expect(Self.consistent(longer) && longer.validate().isEmpty)

        let removed = try Self.timeline().applying([.removeClip(0)]).state
        #expect(removed.captions.cues.map(\.text) == ["word1 more", "word2 more"])
        #expect(Self.consistent(removed) && removed.validate().isEmpty)

        let split = try Self.timeline().applying([.splitClip(1, at: 2)]).state
        #expect(Self.consistent(split) && split.validate().isEmpty)

        // Scene 1 cut to 2 s: scene 2's line now starts at 2, so scene 1's line and its last word end there.
        let shorter = try Self.timeline().applying([.trimClip(0, duration: 2)]).state
        let first = try #require(shorter.captions.cues.first)
        #expect(first.end == 2 && first.words?.last?.end == 2)
        #expect(shorter.validate().isEmpty)
    }

    @Test("the timeline and the assistant switch between phrases and words")
    func switchesMode() throws {
        var state = Self.timeline()
        state = try state.applying([.setCaptions(mode: .phrase)]).state
        #expect(state.captions.mode == .phrase && state.captions.cues == Self.timeline().captions.cues)
        let answer = try EditorAssistant.answer("show the captions word by word", state: state)
        #expect(answer.operations == [.setCaptions(enabled: true, mode: .words)])
        #expect(answer.result.state.captions.mode == .words)
        let back = try EditorAssistant.answer("captions a line at a time", state: answer.result.state)
        #expect(back.result.state.captions.mode == .phrase)
        #expect(try EditorAssistant.answer("bigger captions", state: state).operations.first?.mode == nil)
    }
}
