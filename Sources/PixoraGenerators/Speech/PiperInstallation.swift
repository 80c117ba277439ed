import Foundation
import PixoraCore

/// Where Piper is on this machine: the private Python environment that `scripts/install-piper.sh` makes, with
/// Pixora's driver (`pixora-piper.py`) copied into it.
///
/// Lookup, first that exists wins: `PIXORA_PIPER_VENV` (when set, it is the only place looked at, so pointing it at
/// a missing folder turns Piper off); else `.venv-piper` in the folder of the running executable or any folder
/// above it (a build under `.build/` finds the repository's); else `.venv-piper` in the working directory.
public struct PiperInstallation: Sendable, Hashable {
    public static let variable = "PIXORA_PIPER_VENV"
    public static let folderName = ".venv-piper"
    static let driverName = "pixora-piper.py"

    /// The virtual environment's folder.
    public let venv: URL
    /// piper-tts's version, read from the installed package's metadata folder.
    public let version: String

    public var python: URL { venv.appendingPathComponent("bin/python") }
    public var driver: URL { venv.appendingPathComponent(Self.driverName) }

    /// The installation the lookup finds, or nil when Piper is not installed.
    public static func locate(configuration: Configuration = .current) -> PiperInstallation? {
        if let chosen = configuration.text(variable) {
            return at(URL(fileURLWithPath: chosen))
        }
        var candidates: [URL] = []
        // The executable's real path (a `pixora` found on PATH or through a symbolic link still finds its build).
        let executable = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments.first ?? ".")
        var folder = executable.resolvingSymlinksInPath().deletingLastPathComponent()
        while folder.path != "/" && !folder.path.isEmpty {
            candidates.append(folder.appendingPathComponent(folderName))
            folder = folder.deletingLastPathComponent()
        }
        candidates.append(
            URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(folderName))
        return candidates.lazy.compactMap(at).first
    }

    /// The installation in `venv`, when it has a python, the driver and piper-tts.
    public static func at(_ venv: URL) -> PiperInstallation? {
        let files = FileManager.default
        let python = venv.appendingPathComponent("bin/python")
        guard files.isExecutableFile(atPath: python.path),
            files.fileExists(atPath: venv.appendingPathComponent(driverName).path),
            let version = installedVersion(in: venv)
        else { return nil }
        return PiperInstallation(venv: venv, version: version)
    }

    /// `lib/python3.x/site-packages/piper_tts-1.8.0.dist-info` → "1.8.0", without starting Python.
    static func installedVersion(in venv: URL) -> String? {
        let files = FileManager.default
        let lib = venv.appendingPathComponent("lib")
        for python in (try? files.contentsOfDirectory(atPath: lib.path)) ?? [] where python.hasPrefix("python") {
            let packages = lib.appendingPathComponent(python).appendingPathComponent("site-packages")
            for entry in (try? files.contentsOfDirectory(atPath: packages.path)) ?? []
            where entry.hasPrefix("piper_tts-") && entry.hasSuffix(".dist-info") {
                return String(entry.dropFirst("piper_tts-".count).dropLast(".dist-info".count))
            }
        }
        return nil
    }
}
