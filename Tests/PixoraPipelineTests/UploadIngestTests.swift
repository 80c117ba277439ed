import Foundation
import PixoraCore
import PixoraMedia
import Testing

@testable import PixoraPipeline

@Suite("Uploads: kind by ffprobe, normalized into the asset store", .serialized)
struct UploadIngestTests {
    @Test("pictures in PNG, JPEG and WebP become RGBA PNGs keyed by their bytes; the long side is capped")
    func pictures() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let fixtures = MediaFixtures(folder: workspace.root)
        let png = try await fixtures.character(size: 300)
        let jpeg = try await fixtures.make("photo.jpg", ["-f", "lavfi", "-i", "testsrc=s=640x360", "-frames:v", "1"])
        let webp = try await fixtures.make("alpha.webp", ["-i", png.path, "-c:v", "libwebp", "-lossless", "1"])
        let wide = try await fixtures.make("wide.png", ["-f", "lavfi", "-i", "testsrc=s=2048x1024", "-frames:v", "1"])

        let fromPNG = try await workspace.store.ingest(upload: png, as: .character)
        #expect(fromPNG.asset.ext == "png" && fromPNG.width == 300 && fromPNG.height == 300)
        let stored = try workspace.store.url(for: fromPNG.asset)
        #expect(try ContentKey(contentsOf: stored) == fromPNG.asset.key, "the key is the SHA-256 of the stored bytes")
        #expect(try await MediaProbe.probe(stored).video?.pixelFormat == "rgba")
        // Alpha survives: the corner is transparent, the centre magenta.
        #expect(try await MediaFixtures.pixel(stored, x: 150, y: 150) == (255, 0, 255))
        #expect(try await MediaFixtures.alpha(stored, x: 2, y: 2) == 0)
        #expect(try await MediaFixtures.alpha(stored, x: 150, y: 150) == 255)

        let again = try await workspace.store.ingest(upload: png, as: .character)
        #expect(again == fromPNG, "the same upload is stored once, under the same key")

        let fromJPEG = try await workspace.store.ingest(upload: jpeg, as: .character)
        #expect(fromJPEG.width == 640 && fromJPEG.height == 360)
        let fromWebP = try await workspace.store.ingest(upload: webp, as: .character)
        #expect(fromWebP.width == 300)
        #expect(try await MediaFixtures.alpha(try workspace.store.url(for: fromWebP.asset), x: 2, y: 2) == 0)
        let fromWide = try await workspace.store.ingest(upload: wide, as: .character)
        #expect(fromWide.width == 1024 && fromWide.height == 512)
        #expect(Set([fromPNG.asset, fromJPEG.asset, fromWebP.asset, fromWide.asset]).count == 4)
    }

    @Test("sounds in WAV, MP3, OGG and M4A become 48 kHz stereo WAVs of the same length")
    func sounds() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let fixtures = MediaFixtures(folder: workspace.root)
        let sources = [
            try await fixtures.tone("tone.wav", frequency: 440, seconds: 3),
            try await fixtures.tone("tone.mp3", frequency: 440, seconds: 3),
            try await fixtures.tone("tone.ogg", frequency: 440, seconds: 3, extra: ["-c:a", "libvorbis"]),
            try await fixtures.tone("tone.m4a", frequency: 440, seconds: 3, extra: ["-c:a", "aac"]),
        ]
        var assets: Set<AssetRef> = []
        for source in sources {
            let ingested = try await workspace.store.ingest(upload: source, as: .music)
            let header = try WAVHeader(contentsOf: try workspace.store.url(for: ingested.asset))
            #expect(ingested.asset.ext == "wav")
            #expect(header.sampleRate == 48000 && header.channels == 2 && header.bitsPerSample == 16)
            #expect(abs(header.duration - 3) < 0.1, "\(source.lastPathComponent): \(header.duration) s")
            #expect(ingested.duration == header.duration && !ingested.shortened)
            let levels = try await MediaFixtures.bandLevels(
                try workspace.store.url(for: ingested.asset), frequency: 440)
            // lavfi's sine is at 1/8 of full scale: about -21 dB RMS.
            #expect(levels.prefix(2).allSatisfy { $0 > -26 }, "\(source.lastPathComponent): \(levels)")
            assets.insert(ingested.asset)
        }
        #expect(assets.count == 4, "different encodings decode to different samples, so different keys")
        let voice = try await workspace.store.ingest(upload: sources[0], as: .voiceOver)
        #expect(voice.asset == (try await workspace.store.ingest(upload: sources[0], as: .music)).asset)
    }

    @Test("the kind comes from the bytes: a text file named .png, a sound for a picture, a cut-off MP3 are refused")
    func refusals() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let fixtures = MediaFixtures(folder: workspace.root)
        let text = workspace.root.appendingPathComponent("not-a-picture.png")
        try Data("hello, this is text\n".utf8).write(to: text)
        let error = await #expect(throws: UploadError.self) {
            try await workspace.store.ingest(upload: text, as: .character)
        }
        #expect(error == .wrongKind(expected: .image, found: .unknown))
        #expect(error?.isUnsupportedType == true && error?.isUsageError == true)
        #expect(error?.description == "the file is not a readable image file")

        let wav = try await fixtures.tone("tone.wav", frequency: 440, seconds: 2)
        await #expect(throws: UploadError.wrongKind(expected: .image, found: .audio)) {
            try await workspace.store.ingest(upload: wav, as: .character)
        }
        let png = try await fixtures.character(size: 64)
        await #expect(throws: UploadError.wrongKind(expected: .audio, found: .image)) {
            try await workspace.store.ingest(upload: png, as: .music)
        }

        let mp3 = try await fixtures.tone("long.mp3", frequency: 440, seconds: 6)
        let cut = workspace.root.appendingPathComponent("cut.mp3")
        try Data(try Data(contentsOf: mp3).prefix(8000)).write(to: cut)
        let truncated = await #expect(throws: UploadError.self) {
            try await workspace.store.ingest(upload: cut, as: .voiceOver)
        }
        guard case .truncated(let declared, let decoded)? = truncated else {
            Issue.record("expected .truncated, got \(String(describing: truncated))")
            return
        }
        #expect(declared > 5 && decoded < 2)
        #expect(truncated?.isUnsupportedType == false)

        // Nothing was left behind in the store: no finished asset, no partial file.
        let files =
            FileManager.default.enumerator(at: workspace.store.folder.root, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { !$0.hasDirectoryPath } ?? []
        #expect(files.isEmpty, "left behind: \(files.map(\.lastPathComponent))")
    }

    @Test("UploadProbe names what a file is regardless of its name")
    func kinds() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let fixtures = MediaFixtures(folder: workspace.root)
        let video = try await fixtures.make(
            "clip.mp4", ["-f", "lavfi", "-i", "testsrc=d=1:s=160x120", "-pix_fmt", "yuv420p"])
        let pictureAsSound = try await fixtures.make(
            "picture.mp3", ["-f", "lavfi", "-i", "color=red:s=32x32", "-frames:v", "1", "-c:v", "png", "-f", "image2"])
        let soundAsVideo = try await fixtures.tone("sound.mp4", frequency: 300, seconds: 1, extra: ["-f", "wav"])
        let text = workspace.root.appendingPathComponent("notes.txt")
        try Data("plain words".utf8).write(to: text)

        #expect(try await UploadProbe.inspect(video).kind == .video)
        #expect(try await UploadProbe.inspect(video).codec == "h264")
        #expect(try await UploadProbe.inspect(pictureAsSound).kind == .image)
        #expect(try await UploadProbe.inspect(soundAsVideo).kind == .audio)
        #expect(try await UploadProbe.inspect(text).kind == .unknown)
        #expect(try await UploadProbe.inspect(workspace.root.appendingPathComponent("missing")).kind == .unknown)
    }
}
