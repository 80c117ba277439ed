import Foundation
import PixoraCore

/// An external program Pixora runs, with the Debian package that provides it.
public struct SystemTool: Sendable, Hashable {
    public let name: String
    public let debianPackage: String

    public init(name: String, debianPackage: String) {
        self.name = name
        self.debianPackage = debianPackage
    }

    public static let ffmpeg = SystemTool(name: "ffmpeg", debianPackage: "ffmpeg")
    public static let ffprobe = SystemTool(name: "ffprobe", debianPackage: "ffmpeg")
    public static let flite = SystemTool(name: "flite", debianPackage: "flite")
    public static let fluidsynth = SystemTool(name: "fluidsynth", debianPackage: "fluidsynth")
    public static let rsvgConvert = SystemTool(name: "rsvg-convert", debianPackage: "librsvg2-bin")

    /// Every tool the embedded pipeline needs.
    public static let embeddedPipeline: [SystemTool] = [.ffmpeg, .ffprobe, .flite, .fluidsynth, .rsvgConvert]

    /// The executable's absolute path on `PATH`, or nil when it is not installed.
    public func locate(path: String? = ProcessInfo.processInfo.environment["PATH"]) -> String? {
        for directory in (path ?? "/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}

/// A data file Pixora needs from a Debian package (the General MIDI soundfont, fonts).
public struct SystemFile: Sendable, Hashable {
    public let candidates: [String]
    public let debianPackage: String
    public let what: String
    /// A catalogued variable that, when set to an existing path, is used instead of the candidates.
    public let override: String?

    public static let generalMIDISoundfont = SystemFile(
        candidates: [
            "/usr/share/sounds/sf2/FluidR3_GM.sf2", "/usr/share/sounds/sf2/default-GM.sf2",
            "/usr/share/soundfonts/default.sf2",
        ],
        debianPackage: "fluid-soundfont-gm", what: "General MIDI soundfont", override: "PIXORA_SOUNDFONT")
    public static let fontsDirectory = SystemFile(
        candidates: ["/usr/share/fonts/truetype/dejavu"], debianPackage: "fonts-dejavu-core", what: "DejaVu fonts",
        override: nil)

    /// The override if it exists, else the first candidate that exists.
    public func locate(configuration: Configuration = .current) throws -> String {
        let chosen = override.flatMap { configuration.text($0) }.map { [$0] } ?? []
        guard let found = (chosen + candidates).first(where: { FileManager.default.fileExists(atPath: $0) }) else {
            throw MediaError.fileMissing(what: what, package: debianPackage)
        }
        return found
    }
}
