import Foundation
import PixoraCore
import Testing

/// Three 4-second scenes joined by 1-second fades (10 s in all); the overlay "Bees" shows from 0 to 2 s.
private func timeline() -> EditorState { Fixtures.state(clips: 3, duration: 4) }

private func issues(_ state: EditorState) -> [String: String] {
    Dictionary(state.validate().map { ($0.path, $0.message) }, uniquingKeysWith: { first, _ in first })
}

@Suite("Colour looks and overlay animations in the editor state")
struct EditorLookTests {
    @Test("a document without looks or animations keeps its bytes; one with them round-trips")
    func documents() throws {
        let bytes = try CanonicalJSON.encode(timeline())
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(!text.contains("look") && !text.contains("animation"))
        #expect(try CanonicalJSON.encode(try EditorState.load(bytes)) == bytes)

        var state = timeline()
        state.look = Look(preset: .tealOrange, intensity: 0.6)
        state.clips[1].look = Look(lut: Fixtures.ref("c", "cube"))
        state.overlays[0].animation = OverlayAnimation(
            in: AnimationStep(.typewriter, duration: 0.8), out: AnimationStep(.slideLeft, duration: 0.4))
        let written = try CanonicalJSON.encode(state)
        let json = String(decoding: written, as: UTF8.self)
        #expect(json.contains(#""look":{"intensity":0.6,"preset":"teal-orange"}"#))
        #expect(json.contains(#""in":{"duration":0.8,"type":"typewriter"}"#))
        #expect(try EditorState.load(written) == state)
        // Intensity left out is full strength; preset names are read case-insensitively.
        let look = try JSONDecoder().decode(Look.self, from: Data(#"{"preset": "BW"}"#.utf8))
        #expect(look == Look(preset: .bw, intensity: 1))
        #expect(state.look(ofClip: 0) == state.look && state.look(ofClip: 1) == state.clips[1].look)
        #expect(state.lookLUTs == [Fixtures.ref("c", "cube")])
    }

    @Test("bad looks and animations are named precisely")
    func validation() throws {
        var state = timeline()
        state.look = Look(preset: .warm, intensity: 1.5)
        state.look?.lut = Fixtures.ref("c", "cube")
        state.clips[0].look = Look(lut: Fixtures.ref("c", "wav"))
        var neither = Look(preset: .none)
        neither.preset = nil
        state.clips[2].look = neither
        state.overlays[0].animation = OverlayAnimation(
            in: AnimationStep(.fade, duration: 1.5), out: AnimationStep(.pop, duration: 1))
        state.overlays.append(
            TextOverlay(
                id: "two", text: "Two", start: 3, end: 6,
                animation: OverlayAnimation(out: AnimationStep(.typewriter, duration: 0))))
        let found = issues(state)
        #expect(found["look.intensity"] == "must be between 0 and 1, got 1.5")
        #expect(found["look.lut"] == "send a preset or a lut, not both")
        #expect(found["clips[0].look.lut"] == "must be a LUT asset (.cube), got .wav")
        #expect(found["clips[2].look.preset"]?.hasPrefix("send a preset (none, warm, cool") == true)
        #expect(
            found["overlays[0].animation.in.duration"]?.contains("lasts 2.5 s but the overlay shows for 2 s") == true)
        #expect(found["overlays[1].animation.out.duration"] == "must be between 0.05 and 10 seconds, got 0")
        #expect(found.count == 6, "\(found)")
    }

    @Test("looks are set for the video and per clip, and cleared, by typed operations")
    func lookOperations() throws {
        let result = try timeline().applying([
            .setLook(Look(preset: .vintage, intensity: 0.8)), .setClipLook(2, Look(preset: .none)),
            .setClipLook(1, Look(preset: .bw)), .clearLook(clip: 1),
        ])
        #expect(result.state.look == Look(preset: .vintage, intensity: 0.8))
        #expect(result.state.clips.map(\.look) == [nil, nil, Look(preset: .none)])
        #expect(
            result.changes == [
                "The video now has the vintage look at 80%", "Scene 3 now has the none look",
                "Scene 2 now has the bw look", "Scene 2 now follows the video's look",
            ])
        let cleared = try result.state.applying([.clearLook()])
        #expect(cleared.state.look == nil && cleared.changes == ["Removed the video's look"])

        func refusal(_ operation: EditorOperation) -> [String] {
            do {
                _ = try timeline().applying([operation])
                return []
            } catch let error as InvalidDocument {
                return error.issues.map { "\($0.path): \($0.message)" }
            } catch { return ["\(error)"] }
        }
        #expect(
            refusal(.setLook(Look(preset: .warm, intensity: -0.1))) == [
                "operations[0].look.intensity: must be between 0 and 1, got -0.1"
            ])
        #expect(refusal(EditorOperation(.setLook)) == ["operations[0].look: is required for this operation"])
        #expect(
            refusal(.setClipLook(7, Look(preset: .cool))) == [
                "operations[0].clip: there is no clip 7; clips are numbered 0 to 2"
            ])
    }

    @Test("animations are set by operations, checked against the overlay's span, and shrink with it")
    func animationOperations() throws {
        let fade = OverlayAnimation(in: AnimationStep(.fade, duration: 0.5), out: AnimationStep(.pop, duration: 0.5))
        let result = try timeline().applying([.setOverlayAnimation("title", fade)])
        #expect(result.state.overlays[0].animation == fade)
        #expect(result.changes == ["The text “Bees” now enters with fade (0.5 s) and leaves with pop (0.5 s)"])

        let tooLong = OverlayAnimation(in: AnimationStep(.typewriter, duration: 3))
        #expect(throws: InvalidDocument.self) { try timeline().applying([.setOverlayAnimation("title", tooLong)]) }
        #expect(throws: InvalidDocument.self) { try timeline().applying([.setOverlayAnimation("nope", fade)]) }

        // Shortened from 2 s to 0.5 s: the 1 s of animation is scaled to fit.
        var update = EditorOperation(.updateOverlay)
        update.id = "title"
        update.end = 0.5
        let shorter = try result.state.applying([update]).state.overlays[0].animation
        #expect(
            shorter
                == OverlayAnimation(in: AnimationStep(.fade, duration: 0.25), out: AnimationStep(.pop, duration: 0.25)))
        // `{}` removes it; a new overlay may bring one.
        update.end = nil
        update.animation = OverlayAnimation()
        #expect(try result.state.applying([update]).state.overlays[0].animation == nil)
        var draft = OverlayDraft(text: "New", start: 4, end: 6)
        draft.animation = OverlayAnimation(in: AnimationStep(.slideUp, duration: 1))
        let added = try timeline().applying([.addOverlay(draft)]).state.overlays.last
        #expect(added?.animation?.in == AnimationStep(.slideUp, duration: 1))

        // A trimmed clip shortens the video and the overlay reaching its end; the animation is fitted, so the
        // edit is not refused.
        var long = Fixtures.state(clips: 2, duration: 4)
        long.overlays[0].end = 6.9
        long.overlays[0].animation = OverlayAnimation(
            in: AnimationStep(.fade, duration: 3.4), out: AnimationStep(.fade, duration: 3.4))
        let trimmed = try long.applying([.trimClip(1, duration: 2)]).state.overlays[0]
        #expect(trimmed.end == 5)
        let steps = [trimmed.animation?.in?.duration ?? 0, trimmed.animation?.out?.duration ?? 0]
        #expect(steps.reduce(0, +) <= trimmed.end - trimmed.start + 0.001 && steps.allSatisfy { $0 > 0 })
    }

    @Test("the assistant's rules set looks and text animations from plain words")
    func assistant() throws {
        let state = timeline()
        func look(_ words: String, _ from: EditorState? = nil) throws -> EditorState {
            try EditorAssistant.answer(words, state: from ?? state).result.state
        }
        #expect(try look("make it black and white").look == Look(preset: .bw))
        #expect(try look("a vintage look please").look == Look(preset: .vintage))
        #expect(try look("teal and orange, cinematic").look == Look(preset: .tealOrange))
        let warmer = try look("warmer")
        #expect(warmer.look == Look(preset: .warm, intensity: 0.6))
        #expect(try look("even warmer", warmer).look == Look(preset: .warm, intensity: 0.85))
        #expect(try look("make it cooler", warmer).look == Look(preset: .warm, intensity: 0.1))
        #expect(try look("cooler").look == Look(preset: .cool, intensity: 0.6))
        #expect(try look("make scene 2 black and white at 50%").clips[1].look == Look(preset: .bw, intensity: 0.5))
        #expect(try look("remove the look", warmer).look == nil)

        let faded = try look("fade the title in")
        #expect(faded.overlays[0].animation == OverlayAnimation(in: AnimationStep(.fade, duration: 0.5)))
        let typed = try look("typewriter the text", faded)
        #expect(typed.overlays[0].animation?.in?.type == .typewriter)
        let out = try look("fade the text out over 1 second", typed)
        #expect(out.overlays[0].animation?.out == AnimationStep(.fade, duration: 1))
        #expect(out.overlays[0].animation?.in?.type == .typewriter)
        #expect(try look("pop the title in and out").overlays[0].animation?.out?.type == .pop)
        #expect(try look("slide the title in from the right").overlays[0].animation?.in?.type == .slideLeft)
        // Transitions are still transitions.
        #expect(try look("use fade transitions").transitions.allSatisfy { $0.kind == .fade })
        #expect(try look("use fade transitions").overlays[0].animation == nil)
    }
}
