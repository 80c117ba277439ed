import Foundation
import PixoraCore

/// Measures a sample video: container facts (ffprobe), shots, pacing and palette (one streamed decode of the
/// picture at about 64×36), sound (one streamed decode of the audio at 16 kHz mono with the loudness meter), and a
/// description. Picture and sound are decoded side by side; memory does not grow with the video's length beyond a
/// few bytes per frame and per second.
public struct SampleAnalyzer: Sendable {
    /// Writes the words after the rule-based describer; nil keeps the rules' description.
    public var describer: (any SampleDescriber)?

    public init(describer: (any SampleDescriber)? = nil) {
        self.describer = describer
    }

    /// Analyses `video`. Keyframes (`shot-001.jpg`, …) are written into `keyframesTo` when it is given.
    /// `progress` goes from 0 to 1 with the picture decoded so far.
    public func analyze(
        video: URL, keyframesTo: URL? = nil, progress: (@Sendable (Double) async -> Void)? = nil
    ) async throws -> SampleAnalysis {
        let (info, facts) = try await Self.probe(video)
        let videoStream = info.video!
        let duration = info.duration > 0 ? info.duration : (videoStream.duration ?? 0)
        let fps = min(max(facts.fps, 1), 60)
        await progress?(0)
        if let keyframesTo {
            try FileManager.default.createDirectory(at: keyframesTo, withIntermediateDirectories: true)
        }
        let strip = try keyframesTo.map { try KeyframeStrip(folder: $0) }
        let pass = VideoPass(
            video: video, width: facts.width, height: facts.height, fps: fps, duration: duration, strip: strip)
        let sound = facts.hasAudio ? AudioPass(video: video, duration: duration) : nil
        async let soundReport = sound?.run()
        var picture: VideoPass.Result
        do {
            picture = try await pass.run(progress: progress)
        } catch {
            if let strip { try? FileManager.default.removeItem(at: strip.scratch) }
            throw error
        }
        let audio = try await soundReport ?? AudioPass.silent
        guard picture.frames > 0 else {
            if let strip { try? FileManager.default.removeItem(at: strip.scratch) }
            throw SampleAnalysisError.notAVideo(path: video.path, reason: "no picture could be decoded from it")
        }
        if let strip {
            try await strip.finish(&picture.shots, video: video, width: facts.width, height: facts.height)
        }
        var analysis = SampleAnalysis(
            durationSeconds: ShotBuilder.rounded(duration), container: facts, shots: picture.shots,
            pacing: PacingMeasure.of(picture.shots, duration: duration),
            palette: DominantColours.of(picture.palette, count: 6), audio: audio,
            description: .init(contentType: "", style: .cinematic, mood: .calm, audience: "", summary: "", source: ""))
        analysis.description = RuleBasedDescriber().describe(analysis)
        if let describer { analysis.description = try await describer.describe(analysis, keyframes: keyframesTo) }
        await progress?(1)
        return analysis
    }

    /// Container facts, or a usage error when the file is missing or holds no moving picture.
    static func probe(_ video: URL) async throws -> (MediaInfo, SampleAnalysis.ContainerFacts) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: video.path, isDirectory: &isDirectory), !isDirectory.boolValue
        else { throw SampleAnalysisError.missing(path: video.path) }
        let info: MediaInfo
        do {
            info = try await MediaProbe.probe(video)
        } catch MediaError.toolFailed(_, _, let lines) {
            let reason = lines.last.map { "ffprobe cannot read it (\($0))" } ?? "ffprobe cannot read it"
            throw SampleAnalysisError.notAVideo(path: video.path, reason: reason)
        }
        guard let stream = info.video, let width = stream.width, let height = stream.height, width > 0, height > 0
        else { throw SampleAnalysisError.notAVideo(path: video.path, reason: "it has no video stream") }
        // A still picture probes as a one-frame video stream (png, mjpeg in an image container); so does the cover
        // picture of a song (an attached picture at a nominal 90,000 frames per second).
        let duration = info.duration > 0 ? info.duration : (stream.duration ?? 0)
        let stillCodec = ["png", "mjpeg", "bmp", "tiff", "webp", "jpeg2000"].contains(stream.codec)
        guard duration > 0.1, info.formatName.range(of: "image2|_pipe", options: .regularExpression) == nil,
            !(stillCodec && ((stream.frames ?? 2) <= 1 || (stream.frameRate ?? 0) > 240))
        else {
            throw SampleAnalysisError.notAVideo(path: video.path, reason: "it is a still picture, not a moving one")
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: video.path)[.size] as? Int64) ?? 0
        let facts = SampleAnalysis.ContainerFacts(
            formatName: info.formatName, sizeBytes: size,
            bitRate: size > 0 ? Int64((Double(size) * 8 / duration).rounded()) : nil, width: width, height: height,
            fps: ShotBuilder.rounded(stream.frameRate ?? 25), videoCodec: stream.codec, audioCodec: info.audio?.codec,
            hasAudio: info.audio != nil)
        return (info, facts)
    }
}
