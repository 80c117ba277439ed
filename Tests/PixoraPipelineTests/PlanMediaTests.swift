import Foundation
import PixoraCore
import PixoraGenerators
import PixoraMedia
import Synchronization
import Testing

@testable import PixoraPipeline

/// A speech generator that must not be asked: a plan with a voice-over never synthesizes narration.
final class RefusingSpeech: SpeechGenerator {
    let id = "test.refusing-speech"
    let version = 1
    let calls = Mutex(0)

    func makeSpeech(_ request: SpeechRequest, to output: URL) async throws -> SpeechTimings {
        calls.withLock { $0 += 1 }
        throw UsageError("speech synthesis was asked for \"\(request.text)\" despite the voice-over")
    }
}

@Suite("Plan media: character, music bed, voice-over and scene motion", .serialized)
struct PlanMediaTests {
    static func plan(
        aspect: AspectRatio = .landscape, narration: [String] = ["", ""], media: PlanMedia? = nil,
        motions: [CameraMotion?] = [nil, nil], music: Bool = true
    ) -> Plan {
        let settings = Settings(
            aspectRatio: aspect, durationSeconds: 10, style: .vibrant, music: music, quality: .p480, seed: 7)
        let scenes = narration.indices.map { index in
            PlanScene(
                id: "s\(index + 1)", narration: narration[index], visual: "a lighthouse on a rocky coast at dusk",
                keyPhrase: "Scene \(index + 1)", mood: .calm, duration: 5, musicGroup: 0, transition: .cut,
                motion: motions[index],
                generator: SceneGenerator(id: "embedded.ken-burns", reason: "a slow move for a calm shot"))
        }
        return Plan(
            title: "Media", summary: "", script: narration.joined(separator: " "), prompt: "media test",
            settings: settings, scenes: scenes, media: media)
    }

    @Test("a character is composited into every scene's picture at its place, and only when the plan has one")
    func character() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let fixtures = MediaFixtures(folder: workspace.root)
        let character = try await workspace.store.ingest(upload: try await fixtures.character(), as: .character)
        let pipeline = VideoPipeline(store: workspace.store)
        for aspect in [AspectRatio.landscape, .vertical] {
            let plain = try await pipeline.produceAssets(for: Self.plan(aspect: aspect))
            let withCharacter = try await pipeline.produceAssets(
                for: Self.plan(aspect: aspect, media: PlanMedia(character: character.asset)))
            let bare = Self.plan(aspect: aspect)
            let canvas = bare.settings.canvas
            for (index, scene) in withCharacter.scenes.enumerated() {
                #expect(scene.image != plain.scenes[index].image && scene.clip != plain.scenes[index].clip)
                let request = pipeline.imageRequest(bare.scenes[index], bare.settings)
                let placement = CharacterPlacement.standard(
                    width: canvas.width, height: canvas.height, side: pipeline.characterSide(for: request))
                let frame = placement.frame(
                    canvasWidth: canvas.width, canvasHeight: canvas.height, characterWidth: 400, characterHeight: 400)
                // Under the middle of the frame, clear of the key phrase.
                #expect(frame.y >= canvas.height / 2)
                // As large as its box allows: 46 % of the height, or the width cap of a portrait frame.
                let fillsHeight = Double(frame.height) >= Double(canvas.height) * placement.maximumHeight - 2
                let fillsWidth = Double(frame.width) >= Double(canvas.width) * placement.maximumWidth - 2
                #expect(fillsHeight || fillsWidth, "\(frame) on \(canvas.width)×\(canvas.height)")
                let centre = (x: frame.x + frame.width / 2, y: frame.y + frame.height / 2)
                let picture = try workspace.store.url(for: scene.image)
                let without = try workspace.store.url(for: plain.scenes[index].image)
                #expect(MediaFixtures.isMagenta(try await MediaFixtures.pixel(picture, x: centre.x, y: centre.y)))
                #expect(!MediaFixtures.isMagenta(try await MediaFixtures.pixel(without, x: centre.x, y: centre.y)))
                // Outside the disc (the transparent corner of its square) the illustration shows through.
                let corner = (x: frame.x + 3, y: frame.y + 3)
                #expect(
                    try await MediaFixtures.pixel(picture, x: corner.x, y: corner.y)
                        == (try await MediaFixtures.pixel(without, x: corner.x, y: corner.y)))
                // The clip's first frame shows it too (zoom and pan start from the whole picture or near it).
                let clip = try workspace.store.url(for: scene.clip)
                #expect(MediaFixtures.isMagenta(try await MediaFixtures.pixel(clip, x: centre.x, y: centre.y)))
            }
        }
    }

    @Test(
        "a regenerated scene keeps the character; music off silences uploaded music; a wrong or missing upload is named"
    )
    func regenerationAndSwitches() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let fixtures = MediaFixtures(folder: workspace.root)
        let character = try await workspace.store.ingest(upload: try await fixtures.character(), as: .character)
        let music = try await workspace.store.ingest(
            upload: try await fixtures.tone("bed.wav", frequency: 500, seconds: 2), as: .music)
        let pipeline = VideoPipeline(store: workspace.store)
        var plan = Self.plan(media: PlanMedia(character: character.asset, music: music.asset), music: false)
        let first = try await pipeline.assemble(plan)
        plan.scenes[0].variation = 1
        let regenerated = try await pipeline.assemble(plan)
        #expect(regenerated.assets.scenes[0].image != first.assets.scenes[0].image)
        let canvas = plan.settings.canvas
        let request = pipeline.imageRequest(plan.scenes[0], plan.settings)
        let frame = CharacterPlacement.standard(
            width: canvas.width, height: canvas.height, side: pipeline.characterSide(for: request)
        ).frame(canvasWidth: canvas.width, canvasHeight: canvas.height, characterWidth: 400, characterHeight: 400)
        let picture = try workspace.store.url(for: regenerated.assets.scenes[0].image)
        #expect(
            MediaFixtures.isMagenta(
                try await MediaFixtures.pixel(picture, x: frame.x + frame.width / 2, y: frame.y + frame.height / 2)))
        // The settings' music switch wins over the upload: no bed, no generated tracks, no music segment.
        #expect(regenerated.assets.musicBed == nil && regenerated.assets.music.isEmpty)
        #expect(regenerated.state.audio.music.segments.isEmpty)

        let missing = AssetRef(key: try ContentKey(generator: "test", version: 1, inputs: "absent"), ext: "wav")
        let error = await #expect(throws: InvalidDocument.self) {
            try await pipeline.produceAssets(
                for: Self.plan(media: PlanMedia(character: music.asset, voiceOver: missing)))
        }
        #expect(error?.issues.map(\.path) == ["media.character", "media.voiceOver"])
        #expect(error?.issues.first?.message == "must be a .png asset, got \(music.asset)")
    }

    @Test("uploaded music is the bed of the whole video, looped; a voice-over replaces narration; both measured")
    func musicBedAndVoiceOver() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let fixtures = MediaFixtures(folder: workspace.root)
        // A 3 s 660 Hz bed under a 10 s video; a 4 s 300 Hz "voice" with 6 s of silence after it.
        let bed = try await fixtures.tone("bed.mp3", frequency: 660, seconds: 3)
        let voiceSource = try await fixtures.make(
            "voice.wav",
            ["-f", "lavfi", "-i", "sine=f=300:d=4:sample_rate=48000", "-af", "volume=0.5,apad=whole_dur=4.5"])
        let music = try await workspace.store.ingest(upload: bed, as: .music)
        let voice = try await workspace.store.ingest(upload: voiceSource, as: .voiceOver)
        let speech = RefusingSpeech()
        var generators = GeneratorSet.embedded
        generators.speech = speech
        let pipeline = VideoPipeline(generators: generators, store: workspace.store)
        let plan = Self.plan(
            narration: ["Waves roll in over the rocks.", "The light turns slowly."],
            media: PlanMedia(music: music.asset, voiceOver: voice.asset))

        let video = try await pipeline.assemble(plan)
        #expect(speech.calls.withLock { $0 } == 0)
        #expect(video.assets.scenes.allSatisfy { $0.voice == nil })
        #expect(video.assets.music.isEmpty, "no generated music when the plan has its own")
        #expect(video.state.audio.voice.segments.map(\.asset) == [voice.asset])
        #expect(video.state.audio.voice.segments.first?.start == 0)
        #expect(video.state.audio.music.segments.count == 1)
        #expect(abs(video.state.duration - 10) < 0.01)
        // The narration's words are still captioned, spread over each scene.
        #expect(video.state.captions.cues.map(\.text).joined(separator: " ").contains("Waves roll in"))
        #expect(video.state.captions.cues.allSatisfy { $0.end <= video.state.duration })

        let output = workspace.root.appendingPathComponent("media.mp4")
        try await pipeline.render(video.state, to: output)
        // Whole seconds only (AAC's padding leaves a few milliseconds of an eleventh).
        let bedLevels = Array(try await MediaFixtures.bandLevels(output, frequency: 660).prefix(10))
        let voiceLevels = Array(try await MediaFixtures.bandLevels(output, frequency: 300).prefix(10))
        #expect(bedLevels.count == 10, "\(bedLevels)")
        // The bed plays through the whole length (the last second fades out, so it is quieter but there).
        #expect(bedLevels.allSatisfy { $0 > -45 }, "660 Hz per second: \(bedLevels)")
        // Ducked while the voice-over speaks (seconds 1-3) against the seconds without it (5-8).
        let ducked = bedLevels[1...3].reduce(0, +) / 3
        let open = bedLevels[5...8].reduce(0, +) / 4
        #expect(open - ducked > 4, "660 Hz with voice \(ducked) dB, without \(open) dB")
        // The voice-over's tone is in the first four seconds, and nothing speaks after it.
        #expect(voiceLevels[0...3].allSatisfy { $0 > -30 }, "300 Hz per second: \(voiceLevels)")
        #expect(voiceLevels[5...].allSatisfy { $0 < voiceLevels[1] - 25 }, "300 Hz per second: \(voiceLevels)")
    }

    @Test("music shorter than the video is looped with crossfades into a bed of the video's length")
    func loopedBed() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let fixtures = MediaFixtures(folder: workspace.root)
        let upload = try await workspace.store.ingest(
            upload: try await fixtures.tone("bed.wav", frequency: 500, seconds: 3), as: .music)
        let pipeline = VideoPipeline(store: workspace.store)
        let bed = try await pipeline.makeMusicBed(upload.asset, length: 9.4, counter: Counter())
        #expect(bed.track != upload.asset && bed.upload == upload.asset)
        #expect(abs(bed.trackDuration - 10) < 0.001, "whole seconds: \(bed.trackDuration)")
        let levels = try await MediaFixtures.bandLevels(try workspace.store.url(for: bed.track), frequency: 500)
        // Every second is the tone at its level, across the joins at 3, 5.25 and 7.5 s (no gap, no hard cut).
        #expect(levels.count == 10 && levels.allSatisfy { abs($0 - levels[0]) < 3.5 }, "\(levels)")
        // Long enough already: the upload itself is the bed.
        let long = try await pipeline.makeMusicBed(upload.asset, length: 2.5, counter: Counter())
        #expect(long.track == upload.asset)
    }

    @Test("a scene's own motion is used and keyed; without one the cycle by index stays")
    func motion() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let pipeline = VideoPipeline(store: workspace.store)
        let cycle = try await pipeline.produceAssets(for: Self.plan(music: false))
        let zoom = try await pipeline.produceAssets(for: Self.plan(motions: [.zoomIn, .zoomIn], music: false))
        let pan = try await pipeline.produceAssets(for: Self.plan(motions: [.panLeft, .panLeft], music: false))
        #expect(zoom.scenes.map(\.image) == pan.scenes.map(\.image))
        #expect(zoom.scenes[0].clip != pan.scenes[0].clip && zoom.scenes[1].clip != pan.scenes[1].clip)
        let settings = Self.plan().settings
        let cycled = (0..<2).map { VideoPipeline.motion(for: $0, settings: settings) }
        for index in 0..<2 {
            let same = cycled[index] == .zoomIn ? zoom : (cycled[index] == .panLeft ? pan : nil)
            if let same { #expect(same.scenes[index].clip == cycle.scenes[index].clip) }
        }
        // The last frames differ: a zoom ends centred and magnified, a pan ends shifted.
        let zoomEnd = try await MediaCheck.thumbnailPixels(
            of: try workspace.store.url(for: zoom.scenes[0].clip), at: 4.9)
        let panEnd = try await MediaCheck.thumbnailPixels(of: try workspace.store.url(for: pan.scenes[0].clip), at: 4.9)
        let start = try await MediaCheck.thumbnailPixels(of: try workspace.store.url(for: pan.scenes[0].clip), at: 0)
        #expect(MediaCheck.difference(zoomEnd, panEnd) > 2, "zoom vs pan: \(MediaCheck.difference(zoomEnd, panEnd))")
        #expect(MediaCheck.difference(start, panEnd) > 2)
        // The generator note rides along in the plan untouched.
        let decoded = try Plan.load(try CanonicalJSON.encode(Self.plan(motions: [.panUp, nil])))
        #expect(decoded.scenes[0].motion == .panUp && decoded.scenes[1].motion == nil)
        #expect(decoded.scenes[0].generator?.id == "embedded.ken-burns")
    }

    @Test("scenes stretch in proportion to hold a longer voice-over, each at most 30 s")
    func voiceOverFit() {
        var plan = Self.plan()
        plan.scenes[1].duration = 10
        let fitted = VoiceOverFit.fitted(plan, voiceOver: 20)
        #expect(fitted.plannedDuration >= 20 + SceneMargins.tail - 0.0001)
        #expect(abs(fitted.scenes[1].duration / fitted.scenes[0].duration - 2) < 0.02)
        #expect(fitted.validate().isEmpty)
        let capped = VoiceOverFit.fitted(plan, voiceOver: 300)
        #expect(capped.scenes.allSatisfy { $0.duration == Plan.sceneDurationRange.upperBound })
        #expect(VoiceOverFit.fitted(plan, voiceOver: 3) == plan, "a short voice-over changes nothing")
    }
}
