import Foundation
import PixoraCore
import Testing

/// Three 4-second scenes joined by 1-second fades (starts 0, 3, 6; 10 s in all), each with its narration at
/// 0.9 s into the scene and one caption line; a title on scene 1, a text on scene 3; music group A under scenes
/// 1–2 and group B under scene 3.
private func timeline() -> EditorState {
    let clips = (0..<3).map {
        Clip(id: "s\($0 + 1)", sceneId: "s\($0 + 1)", asset: Fixtures.ref(Character(String($0)), "mp4"), duration: 4)
    }
    return EditorState(
        title: "Bees", canvas: Canvas(width: 720, height: 1280, fps: 30), clips: clips,
        transitions: [Transition(kind: .fade, duration: 1), Transition(kind: .fade, duration: 1)],
        captions: Captions(
            enabled: true,
            cues: [
                Cue(start: 1, end: 2.5, text: "one"), Cue(start: 4, end: 5.5, text: "two"),
                Cue(start: 7, end: 8.5, text: "three"),
            ]),
        overlays: [
            TextOverlay(id: "title", text: "Bees", start: 0, end: 2),
            TextOverlay(id: "mid", text: "Hive", start: 6.5, end: 8),
        ],
        audio: AudioMix(
            voice: AudioTrack(segments: [
                AudioSegment(asset: Fixtures.ref("a", "wav"), start: 0.9, duration: 2),
                AudioSegment(asset: Fixtures.ref("c", "wav"), start: 3.9, duration: 2),
                AudioSegment(asset: Fixtures.ref("d", "wav"), start: 6.9, duration: 2),
            ]),
            music: AudioTrack(
                volume: 0.3,
                segments: [
                    AudioSegment(asset: Fixtures.ref("e", "wav"), start: 0, duration: 7, fadeIn: 1, fadeOut: 1),
                    AudioSegment(asset: Fixtures.ref("f", "wav"), start: 6, duration: 4, fadeIn: 1, fadeOut: 2),
                ])))
}

@Suite("Editor operations")
struct EditorOperationTests {
    @Test("moving a scene moves its voice, captions and texts with it and lays the music again")
    func moveClip() throws {
        let result = try timeline().applying([.moveClip(from: 2, to: 0)])
        let state = result.state
        #expect(state.clips.map(\.id) == ["s3", "s1", "s2"])
        #expect(state.clipStarts == [0, 3, 6])
        #expect(state.audio.voice.segments.map(\.start) == [0.9, 3.9, 6.9])
        #expect(
            state.audio.voice.segments.map(\.asset) == [
                Fixtures.ref("d", "wav"), Fixtures.ref("a", "wav"), Fixtures.ref("c", "wav"),
            ])
        #expect(state.captions.cues.map(\.text) == ["three", "one", "two"])
        #expect(state.captions.cues.map(\.start) == [1, 4, 7])
        #expect(state.overlays.first { $0.id == "mid" }.map { [$0.start, $0.end] } == [0.5, 2])
        #expect(state.overlays.first { $0.id == "title" }.map { [$0.start, $0.end] } == [3, 5])
        // Scene 3's music (B) now opens the video; A plays under the two scenes that had it.
        #expect(state.audio.music.segments.map(\.asset) == [Fixtures.ref("f", "wav"), Fixtures.ref("e", "wav")])
        #expect(state.audio.music.segments.map(\.start) == [0, 3])
        #expect(state.audio.music.segments.map(\.duration) == [4, 7])
        #expect(result.changes == ["Moved scene 3 to position 1"])
        #expect(state.validate().isEmpty)
    }

    @Test("a longer scene pushes what follows later; the music under it stretches and loops")
    func trimLonger() throws {
        let state = try timeline().applying([.trimClip(1, duration: 6)]).state
        #expect(state.clipStarts == [0, 3, 8])
        #expect(state.duration == 12)
        #expect(state.audio.voice.segments.map(\.start) == [0.9, 3.9, 8.9])
        #expect(state.captions.cues.map(\.start) == [1, 4, 9])
        #expect(state.overlays.first { $0.id == "mid" }.map { [$0.start, $0.end] } == [8.5, 10])
        let music = state.audio.music.segments
        #expect(music.map(\.start) == [0, 8] && music.map(\.duration) == [9, 4])
        #expect(music[0].loop)
        #expect(state.validate().isEmpty)
    }

    @Test("a shorter scene cuts its narration where the next one starts, never into it")
    func trimShorter() throws {
        let state = try timeline().applying([.trimClip(0, duration: 2.5)]).state
        // Scene 1 now 2.5 s; the 1-second fade still fits (half of 2.5); scene 2 starts at 1.5.
        #expect(state.clipStarts == [0, 1.5, 4.5])
        let voice = state.audio.voice.segments
        #expect(voice.map(\.start) == [0.9, 2.4, 5.4])
        #expect(voice[0].start + voice[0].duration <= voice[1].start)
        #expect(state.validate().isEmpty)
    }

    @Test("removing a scene drops its narration and captions; a text on it stays at that place")
    func removeClip() throws {
        let result = try timeline().applying([.removeClip(0)])
        let state = result.state
        #expect(state.clips.map(\.id) == ["s2", "s3"])
        #expect(state.transitions.count == 1)
        #expect(state.audio.voice.segments.map(\.start) == [0.9, 3.9])
        #expect(state.captions.cues.map(\.text) == ["two", "three"])
        #expect(state.overlays.first { $0.id == "title" }.map { [$0.start, $0.end] } == [0, 2])
        #expect(result.changes == ["Removed scene 1"])
        #expect(state.validate().isEmpty)
    }

    @Test("the last scene cannot be removed")
    func removeLast() throws {
        let one = try timeline().applying([.removeClip(0), .removeClip(0)]).state
        #expect(throws: InvalidDocument.self) { try one.applying([.removeClip(0)]) }
    }

    @Test("a transition's kind and length change, and later scenes move by the difference")
    func setTransition() throws {
        let result = try timeline().applying([.setTransition(0, kind: .slideleft, duration: 1.5)])
        #expect(result.state.transitions[0] == Transition(kind: .slideleft, duration: 1.5))
        #expect(result.state.clipStarts == [0, 2.5, 5.5])
        #expect(result.state.audio.voice.segments.map(\.start) == [0.9, 3.4, 6.4])
        #expect(result.changes == ["The cut from scene 1 to 2 is now a slide (left), 1.5 s"])
    }

    @Test("a transition longer than half the shorter scene is refused with the limit")
    func transitionTooLong() throws {
        do {
            _ = try timeline().applying([.setTransition(0, duration: 3)])
            Issue.record("expected an error")
        } catch let error as InvalidDocument {
            #expect(error.issues.map(\.path) == ["operations[0].duration"])
            #expect(error.issues[0].message.contains("at most 2 s"))
        }
    }

    @Test("straight cuts everywhere remove every overlap")
    func allCuts() throws {
        let state = try timeline().applying([.setAllTransitions(kind: .cut)]).state
        #expect(state.transitions.allSatisfy { $0.kind == .cut && $0.overlap == 0 })
        #expect(state.clipStarts == [0, 4, 8])
        #expect(state.audio.voice.segments.map(\.start) == [0.9, 4.9, 8.9])
    }

    @Test("shortening a scene shortens a transition that no longer fits, and says so")
    func transitionShortened() throws {
        let result = try timeline().applying([.trimClip(1, duration: 1.5)])
        #expect(result.state.transitions.map(\.duration) == [0.75, 0.75])
        #expect(result.changes.contains("The transition after scene 1 was shortened to 0.75 s to fit"))
        #expect(result.state.validate().isEmpty)
    }

    @Test("volumes: a track, one scene's narration, ducking")
    func volumes() throws {
        let result = try timeline().applying([
            .setTrackVolume(.music, 0.15), .setClipVolume(1, 0.5), .setDucking(false),
        ])
        #expect(result.state.audio.music.volume == 0.15)
        #expect(result.state.audio.voice.segments.map(\.volume) == [1, 0.5, 1])
        #expect(!result.state.audio.ducking)
        #expect(
            result.changes == [
                "Music volume 30% → 15%", "Scene 2 narration volume is now 50%",
                "Music no longer dips under the narration",
            ])
    }

    @Test("texts are added with a fresh id, changed and removed; captions switch and restyle")
    func overlaysAndCaptions() throws {
        var add = OverlayDraft(text: "  The end ", start: 8, end: 10, y: 0.8)
        add.style = TextStylePatch(size: 0.08, color: "#ffd84d")
        var update = EditorOperation(.updateOverlay)
        update.id = "title"
        update.text = "Honey"
        update.x = 0.3
        let state = try timeline().applying([
            .addOverlay(add), update, .removeOverlay("mid"),
            .setCaptions(enabled: false, style: TextStylePatch(size: 0.05)),
        ]).state
        #expect(state.overlays.map(\.id) == ["title", "text-3"])
        #expect(
            state.overlays[1].text == "The end" && state.overlays[1].style.size == 0.08
                && state.overlays[1].style.color == "#FFD84D")
        #expect(state.overlays[0].text == "Honey" && state.overlays[0].x == 0.3)
        #expect(!state.captions.enabled && state.captions.style.size == 0.05)
    }

    @Test("bad operations name the operation and the field")
    func errors() throws {
        let cases: [(EditorOperation, String, String)] = [
            (.trimClip(7, duration: 2), "operations[0].clip", "there is no clip 7; clips are numbered 0 to 2"),
            (.trimClip(0, duration: 0.2), "operations[0].duration", "must be between 0.5 and 120 seconds, got 0.2"),
            (.trimClip(0), "operations[0].duration", "send trimIn, duration or both"),
            (.setTrackVolume(.voice, 5), "operations[0].volume", "must be between 0 and 4, got 5"),
            (.setTransition(2, kind: .fade), "operations[0].cut", "there is no cut 2; cuts are numbered 0 to 1"),
            (.removeOverlay("nope"), "operations[0].id", "there is no overlay 'nope'"),
            (.moveClip(from: 0, to: 3), "operations[0].to", "there is no clip 3; clips are numbered 0 to 2"),
        ]
        for (operation, path, message) in cases {
            do {
                _ = try timeline().applying([operation])
                Issue.record("expected an error for \(operation.op)")
            } catch let error as InvalidDocument {
                #expect(error.issues.map(\.description) == ["\(path): \(message)"])
            }
        }
        // A text past the end is caught by the document's own rules, reported against the operation.
        do {
            _ = try timeline().applying([
                .setCaptions(enabled: true), .addOverlay(OverlayDraft(text: "late", start: 9, end: 12)),
            ])
            Issue.record("expected an error")
        } catch let error as InvalidDocument {
            #expect(error.issues.map(\.path) == ["operations[1]"])
            #expect(error.issues[0].message.contains("overlays[2].end"))
        }
    }

    @Test("operations read from JSON as the API sends them; an unknown op names the allowed ones")
    func wireFormat() throws {
        let json = #"[{"op":"trimClip","clip":1,"duration":6},{"op":"setTransition","cut":0,"kind":"wipeleft"}]"#
        let operations = try JSONDecoder().decode([EditorOperation].self, from: Data(json.utf8))
        #expect(operations == [.trimClip(1, duration: 6), .setTransition(0, kind: .wipeleft)])
        let encoded = String(decoding: try JSONEncoder().encode(EditorOperation.removeClip(2)), as: UTF8.self)
        #expect(encoded == #"{"op":"removeClip","clip":2}"# || encoded == #"{"clip":2,"op":"removeClip"}"#)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(EditorOperation.self, from: Data(#"{"op":"explode"}"#.utf8))
        }
    }
}

@Suite("Editor assistant")
struct EditorAssistantTests {
    func ask(_ instruction: String) throws -> EditorAssistant.Answer {
        try EditorAssistant.answer(instruction, state: timeline())
    }

    @Test("scene lengths: longer, shorter, by an amount, to a length")
    func lengths() throws {
        #expect(try ask("make scene 2 longer").operations == [.trimClip(1, duration: 6)])
        #expect(try ask("Make the second scene longer by 3 seconds").operations == [.trimClip(1, duration: 7)])
        #expect(try ask("make scene 3 a bit shorter").operations == [.trimClip(2, duration: 3.25)])
        #expect(try ask("scene 1 should last 5 seconds").operations == [.trimClip(0, duration: 5)])
        #expect(try ask("make scene 2 longer").result.state.clips[1].duration == 6)
    }

    @Test("music and voice volume, mute, percent, one scene's narration")
    func volume() throws {
        #expect(try ask("quieter music").result.state.audio.music.volume == 0.18)
        #expect(try ask("mute the music").result.state.audio.music.volume == 0)
        #expect(try ask("music at 50%").result.state.audio.music.volume == 0.5)
        #expect(try ask("make the narration louder").result.state.audio.voice.volume == 1.5)
        #expect(try ask("louder voice in scene 2").operations == [.setClipVolume(1, 1.5)])
    }

    @Test("transitions: a kind everywhere, one cut, longer ones, straight cuts")
    func transitions() throws {
        #expect(try ask("use slide transitions").result.state.transitions.map(\.kind) == [.slideleft, .slideleft])
        #expect(try ask("wipe between scene 1 and 2").operations == [.setTransition(0, kind: .wipeleft, duration: nil)])
        #expect(
            try ask("fade to black after scene 2").operations == [.setTransition(1, kind: .fadeblack, duration: nil)])
        #expect(try ask("longer transitions").result.state.transitions.map(\.duration) == [1.5, 1.5])
        #expect(try ask("no transitions, just hard cuts").result.state.transitions.allSatisfy { $0.kind == .cut })
    }

    @Test("captions and text overlays")
    func text() throws {
        #expect(try ask("turn captions off").result.state.captions.enabled == false)
        #expect(try ask("bigger yellow captions").result.state.captions.style.color == "#FFD84D")
        let title = try ask("add the title 'Hello, world' at the start").result.state.overlays.last
        #expect(title?.text == "Hello, world" && title?.start == 0 && title?.end == 3)
        let end = try ask("put the text “Thanks for watching” at the end at the bottom").result.state.overlays.last
        #expect(end?.text == "Thanks for watching" && end?.start == 7 && end?.end == 10 && end?.y == 0.78)
        #expect(try ask("remove all the text").result.state.overlays.isEmpty)
    }

    @Test("moving, swapping and removing scenes")
    func scenes() throws {
        #expect(try ask("move scene 3 to the start").result.state.clips.map(\.id) == ["s3", "s1", "s2"])
        #expect(try ask("swap scene 1 and scene 2").result.state.clips.map(\.id) == ["s2", "s1", "s3"])
        #expect(try ask("delete the last scene").result.state.clips.map(\.id) == ["s1", "s2"])
    }

    @Test("several requests in one sentence are applied in order and all reported")
    func several() throws {
        let answer = try ask("quieter music and use fade to black transitions, then turn captions off")
        #expect(answer.operations.count == 3)
        #expect(answer.result.state.audio.music.volume == 0.18)
        #expect(answer.result.state.transitions.allSatisfy { $0.kind == .fadeblack })
        #expect(!answer.result.state.captions.enabled)
        #expect(answer.reply.hasPrefix("Done: Music volume 30% → 18%;"))
    }

    @Test("what it cannot read is refused with examples; an empty instruction is a field error")
    func notUnderstood() throws {
        #expect(throws: EditorAssistant.NotUnderstood.self) { try ask("make it more exciting") }
        #expect(throws: InvalidDocument.self) { try ask("   ") }
        // A scene that does not exist is an error about that scene, not a silent no-op.
        #expect(throws: InvalidDocument.self) { try ask("make scene 9 longer") }
    }
}
