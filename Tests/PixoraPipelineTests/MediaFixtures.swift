import Foundation
import PixoraMedia

/// Upload fixtures made by ffmpeg in a test's folder, and pixel and band-level measurements of the results.
struct MediaFixtures {
    let folder: URL

    /// Runs ffmpeg quietly with `arguments` and returns `name` in the folder.
    @discardableResult
    func make(_ name: String, _ arguments: [String]) async throws -> URL {
        let file = folder.appendingPathComponent(name)
        try await ToolRunner.run(
            .ffmpeg, ["-hide_banner", "-nostdin", "-loglevel", "error", "-y"] + arguments + [file.path])
        return file
    }

    /// A solid magenta disc on a transparent square (alpha outside the disc), as PNG.
    func character(_ name: String = "character.png", size: Int = 400) async throws -> URL {
        let r = size / 2
        return try await make(
            name,
            [
                "-f", "lavfi", "-i", "color=c=magenta:s=\(size)x\(size),format=rgba", "-frames:v", "1",
                "-vf", "geq=r='r(X,Y)':g='g(X,Y)':b='b(X,Y)':a='if(lte(hypot(X-\(r),Y-\(r)),\(r - 2)),255,0)'",
            ])
    }

    /// `seconds` of a sine at `frequency` Hz (mono 22.05 kHz unless told), in the container the name says.
    func tone(_ name: String, frequency: Int, seconds: Double, rate: Int = 22050, extra: [String] = [])
        async throws -> URL
    {
        try await make(
            name, ["-f", "lavfi", "-i", "sine=f=\(frequency):d=\(seconds):sample_rate=\(rate)"] + extra)
    }

    /// The RGB colour of one pixel of a picture (or of a video's first frame).
    static func pixel(_ file: URL, x: Int, y: Int) async throws -> (r: Int, g: Int, b: Int) {
        let bytes = try await pixelBytes(file, x: x, y: y, format: "rgb24")
        return (Int(bytes[0]), Int(bytes[1]), Int(bytes[2]))
    }

    /// The opacity (0…255) of one pixel of a picture.
    static func alpha(_ file: URL, x: Int, y: Int) async throws -> Int {
        Int(try await pixelBytes(file, x: x, y: y, format: "rgba")[3])
    }

    /// One pixel's bytes in a raw pixel `format`, converted before cropping (a 1×1 crop of 4:2:0 video is empty).
    static func pixelBytes(_ file: URL, x: Int, y: Int, format: String) async throws -> [UInt8] {
        let raw = FileManager.default.temporaryDirectory.appendingPathComponent("pixora-pixel-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: raw) }
        try await ToolRunner.run(
            .ffmpeg,
            [
                "-hide_banner", "-nostdin", "-loglevel", "error", "-y", "-i", file.path, "-frames:v", "1", "-vf",
                "format=\(format),crop=1:1:\(x):\(y)", "-f", "rawvideo", raw.path,
            ])
        return [UInt8](try Data(contentsOf: raw))
    }

    static func isMagenta(_ colour: (r: Int, g: Int, b: Int)) -> Bool {
        colour.r > 220 && colour.g < 40 && colour.b > 220
    }

    /// RMS level (dB) of the audio in a narrow band around `frequency`, per whole second of the file.
    static func bandLevels(_ file: URL, frequency: Int) async throws -> [Double] {
        try await MediaCheck.bandLevels(of: file, frequency: frequency)
    }
}
