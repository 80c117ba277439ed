import Foundation
import PixoraCore
import PixoraMedia

/// Assets made by ffmpeg's own sources in a temporary asset folder.
struct MediaFixtures {
    let root: URL
    let folder: AssetFolder

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("pixora-media-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        folder = AssetFolder(root: root.appendingPathComponent("assets"))
    }

    func remove() { try? FileManager.default.removeItem(at: root) }

    /// Stores the output of an ffmpeg lavfi source as an asset.
    func make(_ name: String, ext: String, _ arguments: [String]) async throws -> AssetRef {
        let ref = AssetRef(key: try ContentKey(generator: "fixture", version: 1, inputs: [name]), ext: ext)
        let location = folder.location(of: ref)
        try FileManager.default.createDirectory(
            at: location.deletingLastPathComponent(), withIntermediateDirectories: true)
        try await ToolRunner.run(.ffmpeg, ["-hide_banner", "-loglevel", "error", "-y"] + arguments + [location.path])
        return ref
    }

    func clip(_ source: String, seconds: Double, width: Int = 360, height: Int = 640) async throws -> AssetRef {
        try await make(
            "\(source)-\(seconds)-\(width)x\(height)", ext: "mp4",
            [
                "-f", "lavfi", "-i", "\(source)=s=\(width)x\(height):r=30:d=\(seconds)", "-c:v", "libx264", "-preset",
                "ultrafast", "-pix_fmt", "yuv420p",
            ])
    }

    func tone(_ frequency: Int, seconds: Double) async throws -> AssetRef {
        try await make(
            "tone-\(frequency)-\(seconds)", ext: "wav",
            [
                "-f", "lavfi", "-i", "sine=frequency=\(frequency):duration=\(seconds):sample_rate=44100", "-af",
                "volume=0.3", "-c:a", "pcm_s16le",
            ])
    }

    /// A 3-clip 9:16 timeline with crossfades, a voice per clip, looping music and captions.
    func timeline(captions: Bool = true) async throws -> EditorState {
        let sources = ["testsrc2", "smptebars", "rgbtestsrc"]
        var clips: [Clip] = []
        for (index, source) in sources.enumerated() {
            clips.append(Clip(id: "c\(index)", sceneId: nil, asset: try await clip(source, seconds: 3), duration: 3))
        }
        let voice = try await tone(330, seconds: 1.5)
        let music = try await tone(196, seconds: 2)
        return EditorState(
            title: "fixture", canvas: Canvas(width: 360, height: 640, fps: 30), clips: clips,
            transitions: [Transition(kind: .fade, duration: 0.5), Transition(kind: .slideup, duration: 0.5)],
            captions: Captions(
                enabled: captions, cues: [Cue(start: 0.5, end: 7.5, text: "Captions are burnt in here")]),
            overlays: [TextOverlay(id: "title", text: "Fixture", start: 0, end: 2)],
            audio: AudioMix(
                voice: AudioTrack(
                    segments: [0.4, 2.9, 5.4].map { AudioSegment(asset: voice, start: $0, duration: 1.5) }),
                music: AudioTrack(
                    volume: 0.4,
                    segments: [AudioSegment(asset: music, start: 0, duration: 8, fadeIn: 0.5, fadeOut: 1, loop: true)]))
        )
    }
}
