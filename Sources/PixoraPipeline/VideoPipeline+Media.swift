import Foundation
import PixoraCore
import PixoraGenerators
import PixoraMedia

/// A plan's uploaded media (`PlanMedia`) in the pipeline: the character composited into each picture, the music
/// bed looped to the video, the voice-over in place of synthesized narration; and a scene's own camera motion.
extension VideoPipeline {
    /// What a composited picture is made from; its content key changes with the picture, the character and where
    /// it stands, so a plan with a character never reuses a picture without one (or with another).
    struct CompositeRequest: Codable, Sendable {
        var picture: ContentKey
        var character: ContentKey
        var placement: CharacterPlacement
    }

    /// What a looped music bed is made from: the upload and the whole seconds it must last.
    struct MusicBedRequest: Codable, Sendable {
        var track: ContentKey
        var seconds: Int
        var crossfade: Double
    }

    static let compositeGenerator = "pixora.character-composite"
    static let musicBedGenerator = "pixora.music-bed"

    /// The scene's own motion when the plan names one, else the cycle by index.
    static func motion(for scene: PlanScene, index: Int, settings: Settings) -> CameraMotion {
        scene.motion ?? motion(for: index, settings: settings)
    }

    /// Problems with a plan's uploaded media, with field paths: each part must be the kind of file ingestion makes
    /// for its role (a PNG character, WAV music and voice-over) and must be in this pipeline's store. The pipeline
    /// refuses a plan with any (a usage error); the API can ask first.
    public func mediaIssues(of plan: Plan) -> [DocumentIssue] {
        guard let media = plan.media else { return [] }
        let parts: [(String, AssetRef?, String)] = [
            ("character", media.character, "png"), ("music", media.music, "wav"), ("voiceOver", media.voiceOver, "wav"),
        ]
        return parts.compactMap { name, asset, ext in
            guard let asset else { return nil }
            if asset.ext != ext { return DocumentIssue("media.\(name)", "must be a .\(ext) asset, got \(asset)") }
            if !store.contains(asset) { return DocumentIssue("media.\(name)", "\(asset) is not an uploaded file here") }
            return nil
        }
    }

    /// The uploaded voice-over and its length (its presence was checked with the plan, `mediaIssues`).
    func voiceOver(of plan: Plan) throws -> VoiceOverAssets? {
        guard let track = plan.media?.voiceOver else { return nil }
        return VoiceOverAssets(track: track, duration: try WAVHeader(contentsOf: try store.url(for: track)).duration)
    }

    /// The side of the picture the key phrase leaves free at the bottom: under a landscape title (the hero motif
    /// takes the other side), on the right under a centred one or when the generator does not say.
    func characterSide(for request: ImageRequest) -> CharacterPlacement.Side {
        switch (generators.image as? any KeyPhrasePlacing)?.keyPhraseSide(for: request) {
        case .left?: return .left
        case .right?, .centre?, nil: return .right
        }
    }

    /// `picture` with the user's `character` composited (made once per picture, character and placement).
    func composite(
        _ character: AssetRef, onto picture: AssetRef, request: ImageRequest, counter: Counter
    ) async throws -> AssetRef {
        let placement = CharacterPlacement.standard(
            width: request.width, height: request.height, side: characterSide(for: request))
        let inputs = CompositeRequest(picture: picture.key, character: character.key, placement: placement)
        let composited = AssetRef(
            key: try ContentKey(
                generator: Self.compositeGenerator, version: CharacterComposite.version, inputs: inputs),
            ext: "png")
        try await store.fetch([picture, character])
        let pictureURL = try store.url(for: picture)
        let characterURL = try store.url(for: character)
        let made = try await store.obtain(composited) {
            try await CharacterComposite.composite(
                picture: pictureURL, character: characterURL, placement: placement, to: $0)
        }
        counter.record(made: made)
        return composited
    }

    /// The uploaded music as a bed of at least `length` seconds: the upload itself when long enough, else looped
    /// with crossfades (one file per whole second of length, so small edits reuse it).
    func makeMusicBed(_ upload: AssetRef, length: Double, counter: Counter) async throws -> MusicBedAssets {
        try await store.fetch([upload])
        let uploadURL = try store.url(for: upload)
        let uploadDuration = try WAVHeader(contentsOf: uploadURL).duration
        guard uploadDuration < length else {
            return MusicBedAssets(upload: upload, track: upload, trackDuration: uploadDuration)
        }
        let seconds = Int(length.rounded(.up))
        let inputs = MusicBedRequest(track: upload.key, seconds: seconds, crossfade: MusicBed.crossfade)
        let bed = AssetRef(
            key: try ContentKey(generator: Self.musicBedGenerator, version: MusicBed.version, inputs: inputs),
            ext: "wav")
        let made = try await store.obtain(bed) { try await MusicBed.loop(uploadURL, length: Double(seconds), to: $0) }
        counter.record(made: made)
        return MusicBedAssets(
            upload: upload, track: bed, trackDuration: try WAVHeader(contentsOf: try store.url(for: bed)).duration)
    }
}
