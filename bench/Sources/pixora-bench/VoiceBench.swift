import Foundation
import PixoraCore
import PixoraGenerators
import PixoraMedia

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
    async throws -> (wall: Double, speech: Double, firstWords: [(URL, Double)])
{
    var generator = EmbeddedSpeechGenerator(piper: installation)
    var speech = 0.0
    var firstWords: [(URL, Double)] = []
    let wall = try await seconds {
        for (index, text) in benchNarration.enumerated() {
            if freshPerScene && index > 0 { generator = EmbeddedSpeechGenerator(piper: installation) }
            let output = folder.appendingPathComponent("\(voice.rawValue)-\(index).wav")
            let timings = try await generator.makeSpeech(
                SpeechRequest(text: text, voice: voice, rate: 1), to: output)
            speech += timings.duration
            firstWords.append((output, timings.words.first?.start ?? 0))
        }
    }
    return (wall, speech, firstWords)
}

/// Where speech starts in a WAV by ffmpeg's silence detection (−40 dB for 50 ms), the reference the word
/// timings are held to.
func speechOnset(_ file: URL) async throws -> Double {
    let output = try await ToolRunner.run(
        .ffmpeg,
        [
            "-hide_banner", "-nostats", "-nostdin", "-i", file.path, "-af", "silencedetect=n=-40dB:d=0.05", "-f",
            "null", "-",
        ])
    func value(_ label: String) -> Double? {
        output.errorLines.lazy.compactMap { line in
            line.range(of: label).flatMap { Double(line[$0.upperBound...].prefix { "0123456789.-".contains($0) }) }
        }.first
    }
    // Speech that starts at once has no leading silence.
    guard let start = value("silence_start: "), start < 0.01 else { return 0 }
    return value("silence_end: ") ?? 0
}

/// Mean and largest |first word's start − onset| over the scenes, in milliseconds.
func onsetErrors(_ firstWords: [(URL, Double)]) async throws -> (mean: Double, worst: Double) {
    var errors: [Double] = []
    for (file, start) in firstWords { errors.append(abs(start - (try await speechOnset(file))) * 1000) }
    return (errors.reduce(0, +) / Double(max(errors.count, 1)), errors.max() ?? 0)
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
    func row(_ name: String, _ run: (wall: Double, speech: Double, firstWords: [(URL, Double)])) async throws
        -> [String]
    {
        let onset = try await onsetErrors(run.firstWords)
        return [
            name, f(run.wall), f(run.speech, 1), f(run.wall / run.speech * 60), f(run.wall / flite.wall),
            "\(f(onset.mean, 0)) / \(f(onset.worst, 0))",
        ]
    }
    table(
        [
            "voice", "wall (s)", "speech (s)", "s per minute of speech", "× flite",
            "first word − onset, mean / worst (ms)",
        ],
        [
            try await row("flite slt", flite),
            try await row("Piper joe, one process for the job (model load included)", piperLong),
            try await row("Piper joe, one process per scene", piperEach),
        ])
}
