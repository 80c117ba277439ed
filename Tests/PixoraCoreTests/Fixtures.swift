import Foundation
import PixoraCore

/// Small valid documents the tests edit.
enum Fixtures {
    static func ref(_ seed: Character, _ ext: String) -> AssetRef {
        AssetRef(String(repeating: seed, count: 64) + "." + ext)!
    }

    static func state(
        clips count: Int = 3, duration: Double = 4, transition: Transition = Transition(kind: .fade, duration: 1)
    ) -> EditorState {
        let clips = (0..<count).map {
            Clip(
                id: "s\($0 + 1)", sceneId: "s\($0 + 1)", asset: ref(Character(String($0 % 10)), "mp4"),
                duration: duration)
        }
        return EditorState(
            title: "Test", canvas: Canvas(width: 720, height: 1280, fps: 30), clips: clips,
            transitions: Array(repeating: transition, count: max(count - 1, 0)),
            captions: Captions(enabled: true, cues: [Cue(start: 0.5, end: 2, text: "Hello there")]),
            overlays: [TextOverlay(id: "title", text: "Bees", start: 0, end: 2)],
            audio: AudioMix(
                voice: AudioTrack(segments: [AudioSegment(asset: ref("a", "wav"), start: 0.4, duration: 2.5)]),
                music: AudioTrack(
                    volume: 0.3,
                    segments: [AudioSegment(asset: ref("b", "wav"), start: 0, duration: 10, fadeIn: 1, fadeOut: 2)])))
    }
}
