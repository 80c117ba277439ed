import Foundation
import PixoraCore
import PixoraGenerators

/// Narration like the planner's: 12 scenes of one or two sentences (178 words).
let benchNarration = [
    "Ever wondered how a single flower becomes a spoonful of honey?",
    "It starts at sunrise, when thousands of worker bees leave the hive.",
    "Each one visits hundreds of flowers, sipping nectar with a long, thin tongue.",
    "The nectar goes into a special stomach, separate from the one she eats with.",
    "Back at the hive, she passes it to a younger bee, mouth to mouth.",
    "Enzymes start to turn the sugars into something new.",
    "The bees spread it across the wax cells in thin layers.",
    "Then they fan it with their wings, hour after hour, until most of the water is gone.",
    "When it is thick enough, they seal each cell with a cap of fresh wax.",
    "A whole colony makes about twenty kilograms of honey in a summer.",
    "That is the work of many thousands of tiny lives.",
    "So next time you taste honey, remember the flowers and the wings behind it.",
]

/// Speaks `benchNarration` with `voice`, one request per scene, with a new generator (so Piper loads its model):
/// returns the wall seconds and the seconds of speech made.
func speakNarration(_ voice: Voice, installation: PiperInstallation?, folder: URL, freshPerScene: Bool = false)
    async throws -> (wall: Double, speech: Double)
{
    var generator = EmbeddedSpeechGenerator(piper: installation)
    var speech = 0.0
    let wall = try await seconds {
        for (index, text) in benchNarration.enumerated() {
            if freshPerScene && index > 0 { generator = EmbeddedSpeechGenerator(piper: installation) }
            let output = folder.appendingPathComponent("\(voice.rawValue)-\(index).wav")
            speech += try await generator.makeSpeech(SpeechRequest(text: text, voice: voice, rate: 1), to: output)
                .duration
        }
    }
    return (wall, speech)
}

/// Voice generation time per minute of speech for Piper and flite, and Piper's two ways to run: a process per
/// sentence against one long-lived process for the whole narration.
func benchVoice() async throws {
    let folder = workspace.appendingPathComponent("voice-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    guard let piper = PiperInstallation.locate() else {
        print("voice: Piper is not installed (scripts/install-piper.sh)")
        exit(1)
    }
    print(
        "speech for \(benchNarration.count) scenes (\(benchNarration.joined(separator: " ").split(separator: " ").count)"
            + " words), piper-tts \(piper.version) in \(piper.venv.path)")
    let flite = try await speakNarration(.slt, installation: piper, folder: folder)
    let piperLong = try await speakNarration(.joe, installation: piper, folder: folder)
    let piperEach = try await speakNarration(.joe, installation: piper, folder: folder, freshPerScene: true)
    func row(_ name: String, _ run: (wall: Double, speech: Double)) -> [String] {
        [name, f(run.wall), f(run.speech, 1), f(run.wall / run.speech * 60), f(run.wall / flite.wall)]
    }
    table(
        ["voice", "wall (s)", "speech (s)", "s per minute of speech", "× flite"],
        [
            row("flite slt", flite),
            row("Piper joe, one process for the job (model load included)", piperLong),
            row("Piper joe, one process per scene", piperEach),
        ])
}
