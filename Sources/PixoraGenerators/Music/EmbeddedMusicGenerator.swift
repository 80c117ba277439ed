import Foundation
import PixoraCore
import PixoraMedia

/// Offline background music: a piece composed for the mood, written as MIDI and rendered by fluidsynth with the
/// General MIDI soundfont, then cut to whole phrases with its tail folded onto the start so it loops seamlessly.
public struct EmbeddedMusicGenerator: MusicGenerator {
    public let id = "embedded.midi-fluidsynth"
    public let version = 1

    static let sampleRate = 48_000
    /// Seconds rendered past the loop point to catch the reverb and the instruments' release.
    static let ringOut = 4.0
    /// Bytes per sample frame of the raw render: two channels of 32-bit float.
    static let renderedFrameBytes = 8

    public init() {}

    public func makeMusic(_ request: MusicRequest, to output: URL) async throws -> Double {
        let composition = try Composition(request, ringOut: Self.ringOut)
        let soundfont = try SystemFile.generalMIDISoundfont.locate()
        let fold = LoopFold(
            sampleCount: composition.sampleCount(sampleRate: Self.sampleRate), sampleRate: Self.sampleRate)

        let midiFile = AtomicFile.temporarySibling(of: output.deletingPathExtension().appendingPathExtension("mid"))
        let render = AtomicFile.temporarySibling(of: output.deletingPathExtension().appendingPathExtension("wav"))
        defer {
            try? FileManager.default.removeItem(at: midiFile)
            try? FileManager.default.removeItem(at: render)
        }
        try FileManager.default.createDirectory(
            at: output.deletingLastPathComponent(), withIntermediateDirectories: true)
        try composition.midi.data.write(to: midiFile)

        try await AtomicFile.write(to: output) { temporary in
            try await ToolRunner.run(
                .fluidsynth,
                Self.fluidsynthArguments(
                    soundfont: soundfont, midi: midiFile.path, gain: composition.gain, render: render.path))
            // fluidsynth exits 0 even when it stops early on a MIDI file it cannot parse; a short render would
            // otherwise be padded with silence into a "valid" track.
            let rendered = (try? FileManager.default.attributesOfItem(atPath: render.path)[.size] as? Int) ?? 0
            guard rendered >= fold.sampleCount * Self.renderedFrameBytes else {
                throw MediaError.unreadableOutput(
                    tool: "fluidsynth", detail: "the render is shorter than the \(composition.duration)-second piece")
            }
            try await ToolRunner.run(.ffmpeg, fold.arguments(render: render.path, output: temporary.path))
        }
        return Double(fold.sampleCount) / Double(Self.sampleRate)
    }

    /// The MIDI bytes `makeMusic` renders for `request`, for inspection and tests.
    public func midi(for request: MusicRequest) throws -> Data {
        try Composition(request, ringOut: Self.ringOut).midi.data
    }

    /// Renders faster than real time to a float WAV (headroom until the final conversion), no shell, no MIDI input.
    static func fluidsynthArguments(soundfont: String, midi: String, gain: Double, render: String) -> [String] {
        [
            "-n", "-i", "-q",
            "-g", "\(gain)", "-r", "\(sampleRate)", "-R", "1", "-C", "1",
            "-O", "float", "-T", "wav", "-F", render,
            soundfont, midi,
        ]
    }
}
