import Foundation
import PixoraCore
import PixoraMedia
import Testing

@testable import PixoraGenerators

@Suite("Ken Burns clips")
struct KenBurnsTests {
    /// Mean luma difference between consecutive frames, per frame.
    static func frameDifferences(_ url: URL) async throws -> [Double] {
        let log = url.deletingPathExtension().appendingPathExtension("diff.txt")
        try await ToolRunner.run(
            .ffmpeg,
            [
                "-hide_banner", "-nostdin", "-loglevel", "error", "-i", url.path,
                "-vf",
                "tblend=all_mode=difference,signalstats,metadata=print:key=lavfi.signalstats.YAVG:file=\(log.path)",
                "-f", "null", "-",
            ])
        return try String(contentsOf: log, encoding: .utf8).split(separator: "\n").compactMap { line in
            line.hasPrefix("lavfi.signalstats.YAVG=") ? Double(line.dropFirst(23)) : nil
        }
    }

    @Test(
        "a clip has the exact frame count, size and fps, and moves smoothly every frame",
        arguments: [CameraMotion.zoomIn, .panRight])
    func smoothMotion(motion: CameraMotion) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pixora-kb-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let image = folder.appendingPathComponent("image.png")
        try await ToolRunner.run(
            .ffmpeg, ["-loglevel", "error", "-f", "lavfi", "-i", "testsrc2=s=360x640", "-frames:v", "1", image.path])
        let clip = folder.appendingPathComponent("clip.mp4")
        let request = ClipRequest(
            image: try ContentKey(generator: "t", version: 1, inputs: ["x"]), width: 360, height: 640, fps: 30,
            duration: 2, motion: motion)
        try await KenBurnsVideoGenerator().makeClip(request, image: image, to: clip)

        let info = try await MediaProbe.probe(clip)
        #expect(info.video?.width == 360 && info.video?.height == 640 && info.video?.frameRate == 30)
        #expect(info.video?.frames == 60)
        #expect(info.audio == nil)

        // Integer-pixel cropping would repeat frames (difference ≈ 0) between one-pixel jumps.
        let differences = try await Self.frameDifferences(clip).dropFirst()
        let sorted = differences.sorted()
        let median = sorted[sorted.count / 2]
        #expect(median > 0.3, "the picture barely moves: median difference \(median)")
        #expect((sorted.first ?? 0) > median * 0.4, "a frame stalls: min \(sorted.first ?? 0) vs median \(median)")
    }

    /// Stretches as (start, length), each within a frame of the other list's.
    static func same(_ one: [TimeStretch], _ other: [TimeStretch], frame: Double) -> Bool {
        one.count == other.count
            && zip(one, other).allSatisfy { abs($0.start - $1.start) <= frame && abs($0.length - $1.length) <= frame }
    }

    @Test(
        "a clip measured as it is encoded finds what a pass over its file finds, and its check fails the same way",
        arguments: [("testsrc2=s=720x1280", false), ("color=black:s=720x1280", true)])
    func measuredWhileEncoding(source: String, black: Bool) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pixora-kb-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let image = folder.appendingPathComponent("image.png")
        try await ToolRunner.run(
            .ffmpeg, ["-loglevel", "error", "-f", "lavfi", "-i", source, "-frames:v", "1", image.path])
        let clip = folder.appendingPathComponent("clip.mp4")
        let request = ClipRequest(
            image: try ContentKey(generator: "t", version: 1, inputs: [source]), width: 360, height: 640, fps: 30,
            duration: 3, motion: .zoomIn)

        let frames = try #require(try await KenBurnsVideoGenerator().makeMeasuredClip(request, image: image, to: clip))
        let decoded = try await ClipQuality.measure(clip)

        let frame = 1.0 / 30
        #expect(Self.same(frames.black, decoded.black, frame: frame), "\(frames.black) vs \(decoded.black)")
        #expect(Self.same(frames.frozen, decoded.frozen, frame: frame), "\(frames.frozen) vs \(decoded.frozen)")
        #expect(frames.cuts.isEmpty && decoded.cuts.isEmpty)
        let expected = ClipExpectation(width: 360, height: 640, fps: 30, duration: 3)
        let check = try await ClipQuality.check(clip, against: expected, frames: frames)
        #expect(check.measured.frames == 90)
        #expect(check.problems.map(\.kind) == (black ? [.black, .frozen] : []), "\(check.reasons)")
        MediaProbe.forgetAssets()
        let decodedCheck = try await ClipQuality.check(clip, against: expected)
        #expect(check.problems.map(\.kind) == decodedCheck.problems.map(\.kind))
        // Without the detectors' branch the clip is the same file, and nothing was measured.
        let plain = folder.appendingPathComponent("plain.mp4")
        let unmeasured = try await KenBurnsVideoGenerator(measuring: false).makeMeasuredClip(
            request, image: image, to: plain)
        #expect(unmeasured == nil)
        #expect(try Data(contentsOf: plain) == Data(contentsOf: clip))
    }
}
