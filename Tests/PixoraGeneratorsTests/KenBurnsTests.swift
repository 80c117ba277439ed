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
}
