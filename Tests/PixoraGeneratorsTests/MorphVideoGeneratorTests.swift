import Foundation
import PixoraCore
import PixoraMedia
import Testing

@testable import PixoraGenerators

@Suite("Morph clips from a start to an end picture")
struct MorphVideoGeneratorTests {
    static let (width, height, fps, duration) = (320, 180, 30, 2.0)

    /// A folder with two distinct detailed pictures at the clip size: the start and the end.
    struct Pictures {
        let folder: URL
        var start: URL { folder.appendingPathComponent("start.png") }
        var end: URL { folder.appendingPathComponent("end.png") }

        static func make() async throws -> Pictures {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pixora-morph-\(UUID())")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let pictures = Pictures(folder: folder)
            let size = "\(width)x\(height)"
            for (filter, url) in [
                ("testsrc2=s=\(size)", pictures.start), ("testsrc2=s=\(size),hflip,vflip,hue=h=150", pictures.end),
            ] {
                try await ToolRunner.run(
                    .ffmpeg, ["-loglevel", "error", "-f", "lavfi", "-i", filter, "-frames:v", "1", url.path])
            }
            return pictures
        }

        func clip(motion: CameraMotion = .zoomIn, withEnd: Bool = true, name: String = "clip") async throws -> URL {
            let key = try ContentKey(generator: "test", version: 1, inputs: [name])
            let request = FramedClipRequest(
                start: key, end: withEnd ? key : nil, width: width, height: height, fps: fps, duration: duration,
                motion: motion, prompt: "ignored by the embedded model")
            let output = folder.appendingPathComponent("\(name).mp4")
            try await MorphVideoGenerator().makeClip(request, start: start, end: withEnd ? end : nil, to: output)
            return output
        }
    }

    /// PSNR in dB of frame `index` of `clip` against `picture` (higher is closer; 99 dB+ is identical).
    static func psnr(_ clip: URL, frame index: Int, against picture: URL) async throws -> Double {
        let output = try await ToolRunner.run(
            .ffmpeg,
            [
                "-hide_banner", "-nostdin", "-nostats", "-i", clip.path, "-i", picture.path, "-lavfi",
                "[0:v]select=eq(n\\,\(index)),setpts=N[a];[1:v]format=yuv420p[b];[a][b]psnr", "-f", "null", "-",
            ])
        let line = try #require(output.errorLines.last { $0.contains("PSNR") && $0.contains("average:") })
        let value = line.components(separatedBy: "average:")[1].prefix { !$0.isWhitespace }
        return value == "inf" ? 100 : try #require(Double(value))
    }

    @Test("a clip has the exact size, fps and frame count, is H.264 and has no audio")
    func shape() async throws {
        let pictures = try await Pictures.make()
        defer { try? FileManager.default.removeItem(at: pictures.folder) }
        let info = try await MediaProbe.probe(try await pictures.clip())
        #expect(info.video?.codec == "h264")
        #expect(info.video?.width == Self.width && info.video?.height == Self.height)
        #expect(info.video?.frameRate == Double(Self.fps))
        #expect(info.video?.frames == 60)
        #expect(abs(info.duration - Self.duration) < 0.05)
        #expect(info.audio == nil)
    }

    @Test(
        "the first frame is the start picture and the last frame the end picture",
        arguments: [CameraMotion.zoomIn, .zoomOut, .panRight, .panUp])
    func endpoints(motion: CameraMotion) async throws {
        let pictures = try await Pictures.make()
        defer { try? FileManager.default.removeItem(at: pictures.folder) }
        let clip = try await pictures.clip(motion: motion)
        let first = (
            start: try await Self.psnr(clip, frame: 0, against: pictures.start),
            end: try await Self.psnr(clip, frame: 0, against: pictures.end)
        )
        let last = (
            start: try await Self.psnr(clip, frame: 59, against: pictures.start),
            end: try await Self.psnr(clip, frame: 59, against: pictures.end)
        )
        #expect(first.start >= 30, "first frame vs start: \(first.start) dB")
        #expect(first.end < 15, "first frame vs end: \(first.end) dB")
        #expect(last.end >= 30, "last frame vs end: \(last.end) dB")
        #expect(last.start < 15, "last frame vs start: \(last.start) dB")
    }

    @Test("the middle frame mixes both pictures and moves away from each held picture")
    func middle() async throws {
        let pictures = try await Pictures.make()
        defer { try? FileManager.default.removeItem(at: pictures.folder) }
        let clip = try await pictures.clip()
        let toStart = try await Self.psnr(clip, frame: 30, against: pictures.start)
        let toEnd = try await Self.psnr(clip, frame: 30, against: pictures.end)
        // A hard cut would leave the middle frame equal to one picture; a blend sits between the two.
        #expect(toStart < 25 && toEnd < 25, "middle frame: \(toStart) dB to start, \(toEnd) dB to end")
        #expect(abs(toStart - toEnd) < 4, "the middle frame leans to one side: \(toStart) vs \(toEnd) dB")
    }

    @Test("frame-to-frame change rises and falls smoothly: every frame moves and none jumps")
    func smooth() async throws {
        let pictures = try await Pictures.make()
        defer { try? FileManager.default.removeItem(at: pictures.folder) }
        let differences = Array(try await KenBurnsTests.frameDifferences(try await pictures.clip()).dropFirst())
        #expect(differences.count == 58)
        // The blend (frames 12 to 47) eases: change peaks mid-way and is small where it starts and ends, where a
        // linear cross-fade would change as much on its first frame as on any other.
        let peak = try #require(differences.indices.max { differences[$0] < differences[$1] })
        #expect((20...38).contains(peak), "change peaks at frame \(peak)")
        #expect(differences[11] < differences[peak] * 0.5 && differences[46] < differences[peak] * 0.5)
        for index in differences.indices {
            let neighbours = differences[max(index - 4, 0)...min(index + 4, differences.count - 1)].sorted()
            let local = neighbours[neighbours.count / 2]
            let difference = differences[index]
            // Integer cropping repeats frames (difference ≈ 0) between one-pixel jumps: a stall among moving frames.
            #expect(difference > 0.05 && difference >= local * 0.3, "frame \(index + 1) stalls: \(difference)")
            // A jump is far above its neighbours; the slack covers the encoder's keyframe every second.
            #expect(difference <= local * 1.6 + 0.3, "frame \(index + 1) jumps: \(difference) vs \(local)")
        }
    }

    @Test(
        "without an end picture it is a camera move that stays close to the start picture",
        arguments: [CameraMotion.zoomIn, .zoomOut, .panLeft])
    func cameraOnly(motion: CameraMotion) async throws {
        let pictures = try await Pictures.make()
        defer { try? FileManager.default.removeItem(at: pictures.folder) }
        let clip = try await pictures.clip(motion: motion, withEnd: false)
        #expect(try await MediaProbe.probe(clip).video?.frames == 60)
        // A zoom out ends on the whole picture; every other move starts on it.
        let whole = motion == .zoomOut ? 59 : 0
        let moved = 59 - whole
        #expect(try await Self.psnr(clip, frame: whole, against: pictures.start) >= 30)
        let drift = try await Self.psnr(clip, frame: moved, against: pictures.start)
        let other = try await Self.psnr(clip, frame: moved, against: pictures.end)
        #expect(drift > other + 3, "the moved frame is not closer to the start (\(drift) dB) than the end (\(other))")
        let differences = try await KenBurnsTests.frameDifferences(clip).dropFirst()
        #expect(differences.allSatisfy { $0 > 0.05 }, "a frame stands still: \(differences.min() ?? 0)")
    }

    @Test("the same request makes the same bytes")
    func deterministic() async throws {
        let pictures = try await Pictures.make()
        defer { try? FileManager.default.removeItem(at: pictures.folder) }
        let first = try Data(contentsOf: try await pictures.clip(name: "first"))
        let second = try Data(contentsOf: try await pictures.clip(name: "second"))
        #expect(first == second)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: pictures.folder.path)
        #expect(!leftovers.contains { $0.hasPrefix(".") }, "temporary files left: \(leftovers)")
    }
}
