import Foundation
import PixoraGenerators
import PixoraMedia

/// What the cloud start/end-frame models share: the length to ask for, pictures as data URIs, the prompt, and the
/// downloaded clip brought to the exact request.
enum FramedCloudVideo {
    /// The length a model makes that is nearest the scene's (the longer one on a tie: slowing down looks better
    /// than hurrying).
    static func length(nearest duration: Double, among lengths: [Int]) -> Int {
        lengths.min { a, b in
            let (da, db) = (abs(Double(a) - duration), abs(Double(b) - duration))
            return da == db ? a > b : da < db
        } ?? Int(duration.rounded(.up))
    }

    /// A picture as a data URI of its own type (providers check the type against the bytes).
    static func dataURI(_ picture: URL) throws -> String {
        let data = try Data(contentsOf: picture)
        let bytes = [UInt8](data.prefix(12))
        let type: String
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) {
            type = "image/jpeg"
        } else if bytes.count == 12 && bytes[0..<4] == [0x52, 0x49, 0x46, 0x46]
            && bytes[8..<12] == [0x57, 0x45, 0x42, 0x50]
        {
            type = "image/webp"
        } else {
            type = "image/png"
        }
        return "data:\(type);base64,\(data.base64EncodedString())"
    }

    /// The scene's own words, then the camera move; with an end frame, the model is told to arrive at it.
    static func prompt(_ request: FramedClipRequest) -> String {
        let scene = request.prompt.trimmingCharacters(in: .whitespacesAndNewlines)
        var parts = scene.isEmpty ? [] : [scene.hasSuffix(".") ? String(scene.dropLast()) : scene]
        parts.append(FalVideoGenerator.motionWords(request.motion))
        if request.end != nil { parts.append("moving continuously from the first frame to the last frame") }
        parts.append("natural subtle movement, steady and smooth")
        return parts.joined(separator: ". ")
    }

    /// Brings a downloaded clip to the request (size, fps, exact length, no audio) and records what it cost.
    /// The clip is stretched rather than cut so that its last frame, the scene's end frame, is kept.
    static func finish(_ downloaded: URL, _ request: FramedClipRequest, to output: URL, provenance: Provenance)
        async throws
    {
        let made = try await MediaProbe.probe(downloaded).duration
        try await MediaConvert.clip(
            downloaded, to: output, width: request.width, height: request.height, fps: request.fps,
            duration: request.duration, timeScale: made > 0 ? request.duration / made : 1)
        try provenance.write(for: output)
    }
}
