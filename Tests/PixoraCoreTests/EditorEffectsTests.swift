import Foundation
import PixoraCore
import Testing

/// Three 4-second scenes joined by 1-second fades (starts 0, 3, 6; 10 s in all) and one effect in scene 2.
private func timeline() throws -> EditorState {
    let state = Fixtures.state(clips: 3, duration: 4, transition: Transition(kind: .fade, duration: 1))
    return try state.applying([.addEffect(Fixtures.ref("9", "wav"), start: 3.5, duration: 1.2, volume: 0.8)]).state
}

@Suite("Sound effects lane")
struct EditorEffectsTests {
    @Test("a document saved before the effects lane decodes with an empty one and encodes to the same bytes")
    func olderDocuments() throws {
        let state = Fixtures.state()
        let bytes = try CanonicalJSON.encode(state)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(!text.contains("effects"))
        let decoded = try EditorState.load(bytes)
        #expect(decoded.audio.effects == AudioTrack(segments: []))
        #expect(try CanonicalJSON.encode(decoded) == bytes)

        let withEffects = try timeline()
        let written = try CanonicalJSON.encode(withEffects)
        #expect(String(decoding: written, as: UTF8.self).contains(#""effects":{"segments":[{"#))
        #expect(try EditorState.load(written) == withEffects)
    }

    @Test("effects are added, moved, removed and given a track volume")
    func operations() throws {
        let state = try timeline()
        #expect(
            state.audio.effects.segments == [
                AudioSegment(asset: Fixtures.ref("9", "wav"), start: 3.5, duration: 1.2, volume: 0.8)
            ])
        let result = try state.applying([
            .moveEffect(0, start: 9.5), .setTrackVolume(.effects, 0.5),
            .addEffect(Fixtures.ref("8", "wav"), start: 1, duration: 2),
        ])
        #expect(result.state.audio.effects.segments.map(\.start) == [9.5, 1])
        // Moved near the end, the effect is shortened to end with the video.
        #expect(result.state.audio.effects.segments.map(\.duration) == [0.5, 2])
        #expect(result.state.audio.effects.volume == 0.5)
        #expect(
            result.changes == [
                "Sound effect 1 now starts at 9.5 s", "Sound effects volume 100% → 50%",
                "Added a sound effect in scene 1 from 1 s, 2 s long",
            ])
        let removed = try result.state.applying([.removeEffect(0)]).state
        #expect(removed.audio.effects.segments.map(\.asset) == [Fixtures.ref("8", "wav")])
    }

    @Test("an effect moves with its scene and leaves with it")
    func followsItsScene() throws {
        let moved = try timeline().applying([.moveClip(from: 1, to: 0)]).state
        #expect(moved.audio.effects.segments.map(\.start) == [0.5])
        let removed = try timeline().applying([.removeClip(1)]).state
        #expect(removed.audio.effects.segments.isEmpty)
    }

    @Test("bad effect operations name the field")
    func errors() throws {
        let cases: [(EditorOperation, String)] = [
            (
                .addEffect(Fixtures.ref("9", "mp4"), start: 1, duration: 1),
                "operations[0].asset: must be an audio asset (.wav), got .mp4"
            ),
            (
                .addEffect(Fixtures.ref("9", "wav"), start: 10, duration: 1),
                "operations[0].start: must be from 0 to before the end of the video (10 s), got 10"
            ),
            (
                .addEffect(Fixtures.ref("9", "wav"), start: 1, duration: 0),
                "operations[0].duration: must be more than 0 and at most 600 seconds, got 0"
            ),
            (.moveEffect(3, start: 1), "operations[0].effect: there is no effect 3; effects are numbered 0 to 0"),
            (.removeEffect(-1), "operations[0].effect: there is no effect -1; effects are numbered 0 to 0"),
        ]
        for (operation, line) in cases {
            do {
                _ = try timeline().applying([operation])
                Issue.record("expected an error for \(operation.op)")
            } catch let error as InvalidDocument {
                #expect(error.issues.map(\.description) == [line])
            }
        }
    }

    @Test("validation checks effect segments like the other tracks")
    func validation() throws {
        var state = try timeline()
        state.audio.effects.volume = 5
        state.audio.effects.segments.append(
            AudioSegment(asset: Fixtures.ref("7", "mp4"), start: 12, duration: 1, fadeIn: 1, fadeOut: 1))
        let paths = state.validate().map(\.path)
        #expect(
            paths == [
                "audio.effects.volume", "audio.effects.segments[1].asset", "audio.effects.segments[1].start",
                "audio.effects.segments[1].fadeIn",
            ])
    }
}
