import Foundation
import PixoraCore
import PixoraGenerators
import PixoraMedia
import Synchronization

/// Plan → assets → EditorState → MP4. Every asset is content-addressed, so a second run with the same
/// inputs generates nothing, and an edited plan regenerates only what the edit changed.
public struct VideoPipeline: Sendable {
    public let generators: GeneratorSet
    public let store: AssetStore
    /// Scene visuals made at once; 2 matches this machine class (ffmpeg already uses both cores while encoding).
    public var concurrency: Int
    /// Checks every asset made and every render, retrying failed assets (`PIXORA_QC_RETRIES`).
    public var quality: QualityGate = .configured()

    public init(generators: GeneratorSet = .embedded, store: AssetStore, concurrency: Int = 2) {
        self.generators = generators
        self.store = store
        self.concurrency = concurrency
    }

    public func plan(prompt: String, settings: Settings, script: String? = nil) async throws -> Plan {
        try await generators.planner.plan(prompt: prompt, settings: settings, script: script)
    }

    // MARK: Keys

    func key<Inputs: Encodable>(_ generator: any Generator, _ inputs: Inputs, ext: String) throws -> AssetRef {
        AssetRef(key: try ContentKey(generator: generator.id, version: generator.version, inputs: inputs), ext: ext)
    }

    /// As the speech generator will carry it out (the voice that really speaks, its engine), which keys the asset.
    func speechRequest(_ scene: PlanScene, _ settings: Settings) -> SpeechRequest {
        generators.speech.resolved(
            SpeechRequest(
                text: scene.narration.trimmingCharacters(in: .whitespacesAndNewlines), voice: settings.voice,
                rate: settings.speechRate))
    }

    func imageRequest(_ scene: PlanScene, _ settings: Settings) -> ImageRequest {
        let canvas = settings.canvas
        return ImageRequest(
            visual: scene.visual, keyPhrase: scene.keyPhrase, mood: scene.mood, style: settings.style,
            width: canvas.width, height: canvas.height,
            seed: settings.seed &+ UInt64(max(scene.variation ?? 0, 0)) &* 0x9E37_79B9_7F4A_7C15)
    }

    /// Each scene's length in whole frames: the plan's, or longer when its spoken narration (`speech` seconds)
    /// needs it. The plan's lengths come from estimated speech; a scene whose real speech runs longer takes the time
    /// from scenes with room to spare (never below what their own speech needs), so the video keeps the plan's
    /// length instead of adding every scene's overrun (see `SceneRoom`).
    public static func sceneDurations(_ scenes: [PlanScene], speech: [Double], fps: Int) -> [Double] {
        let rate = Double(fps)
        let needs = scenes.indices.map { index in
            let overlapIn = index > 0 ? scenes[index - 1].transition.overlap : 0
            let overlapOut = index < scenes.count - 1 ? scenes[index].transition.overlap : 0
            let need = SceneMargins.minimumDuration(
                speech: speech[index], overlapIn: overlapIn, overlapOut: overlapOut)
            // A scene also stays long enough for its transitions and the shortest a plan allows.
            let floor = max(need, 2 * max(overlapIn, overlapOut), Plan.sceneDurationRange.lowerBound)
            return (floor * rate).rounded(.up) / rate
        }
        return SceneRoom.balanced(planned: scenes.map(\.duration), needs: needs, fps: fps)
    }

    static func motion(for index: Int, settings: Settings) -> CameraMotion {
        let cycle: [CameraMotion] =
            settings.aspectRatio == .vertical
            ? [.zoomIn, .panUp, .zoomOut, .panDown, .panRight]
            : [.zoomIn, .panRight, .zoomOut, .panLeft, .panUp]
        var random = SeededRandom(seed: settings.seed, label: "motion")
        let offset = Int(random.next() % UInt64(cycle.count))
        return cycle[(index + offset) % cycle.count]
    }

    // MARK: Assets

    /// Generates (or finds) every asset of `plan`. Uploaded media (`plan.media`) stands in for what it replaces:
    /// a voice-over for every scene's synthesized voice (the scenes stretch to hold it, `VoiceOverFit`), music for
    /// the generated tracks; a character is composited into every picture.
    public func produceAssets(for plan: Plan, progress: ProgressHandler? = nil) async throws -> PlanAssets {
        let issues = plan.validate() + mediaIssues(of: plan)
        guard issues.isEmpty else { throw InvalidDocument(document: "plan", issues: issues) }
        let voiceOver = try voiceOver(of: plan)
        let plan = voiceOver.map { VoiceOverFit.fitted(plan, voiceOver: $0.duration) } ?? plan
        let settings = plan.settings
        let scenes = plan.scenes
        let counter = Counter()

        // 1. Voices first: their lengths decide the scenes' lengths, which the clips and music depend on.
        func reportVoice(_ index: Int, finished: Bool, _ status: PartStatus, _ message: String, notice: String? = nil) {
            let fraction = ProgressEvent.fraction(
                .voice, done: Double(finished ? index + 1 : index), of: Double(scenes.count))
            progress?(
                ProgressEvent(
                    stage: .voice, fraction: fraction, sceneIndex: index, part: .voice, status: status, notice: notice,
                    message: "scene \(index + 1): \(message)"))
        }
        var voices: [(AssetRef?, SpeechTimings)] = []
        for (index, scene) in scenes.enumerated() {
            let request = speechRequest(scene, settings)
            if voiceOver != nil {
                // The user's voice-over speaks instead; the scene's words are timed over it for the captions below.
                voices.append((nil, SpeechTimings(duration: 0, words: [])))
                reportVoice(index, finished: true, .reused, "uploaded voice-over")
                continue
            }
            guard !request.text.isEmpty else {
                voices.append((nil, SpeechTimings(duration: 0, words: [])))
                reportVoice(index, finished: true, .done, "no narration")
                continue
            }
            let wav = try key(generators.speech, request, ext: "wav")
            let timingsRef = AssetRef(key: wav.key, ext: "json")
            reportVoice(index, finished: false, .working, "voice")
            let timings: SpeechTimings
            let status: PartStatus
            try await store.fetch([wav, timingsRef])
            if store.contains(wav), store.provenance(of: wav)?.fallbackReason == nil, store.contains(timingsRef),
                let stored = try? store.readJSON(SpeechTimings.self, timingsRef)
            {
                (timings, status) = (stored, .reused)
            } else {
                timings = try await checkedSpeech(request, wav: wav, what: "scene \(index + 1) voice") { reason in
                    reportVoice(
                        index, finished: false, .working, "voice retried: \(reason)",
                        notice: "scene \(index + 1) voice retried: \(reason)")
                }
                try await store.writeJSON(timings, timingsRef)
                status = .done
            }
            counter.record(made: status == .done)
            voices.append((wav, timings))
            let standIn = EmbeddedSpeechGenerator.standInNotice(requested: settings.voice, speaking: request.voice)
                .map { "scene \(index + 1) voice: \($0)" }
            reportVoice(
                index, finished: true, status, "voice \(timings.duration.formatted) s",
                notice: fallbackNotice(wav, "scene \(index + 1) voice") ?? standIn)
        }

        // 2. Scene lengths: the plan's, or longer when the narration needs it.
        let durations = Self.sceneDurations(scenes, speech: voices.map(\.1.duration), fps: settings.fps)

        // With a voice-over, each scene's narration is spread over the time the scene gives its voice.
        if voiceOver != nil {
            for index in scenes.indices {
                let overlapIn = index > 0 ? scenes[index - 1].transition.overlap : 0
                let overlapOut = index < scenes.count - 1 ? scenes[index].transition.overlap : 0
                let span =
                    durations[index] - SceneMargins.lead - SceneMargins.tail - overlapIn / 2 - overlapOut / 2
                voices[index].1 = SpeechTimings.estimated(
                    scenes[index].narration.trimmingCharacters(in: .whitespacesAndNewlines), duration: max(span, 0))
            }
        }

        // 3. Pictures, clips and music tracks, a few at a time. Uploaded music is one bed under the whole video.
        let uploadedMusic = settings.music ? plan.media?.music : nil
        let groups = settings.music && uploadedMusic == nil ? Array(Set(scenes.map(\.musicGroup))).sorted() : []
        let total = Double(scenes.count * 2 + groups.count + (uploadedMusic == nil ? 0 : 1))
        let finished = Counter()
        var sceneAssets: [SceneAssets?] = Array(repeating: nil, count: scenes.count)
        var musicAssets: [MusicAssets] = []
        var musicBed: MusicBedAssets?
        let character = plan.media?.character
        try await withThrowingTaskGroup(of: Produced.self) { group in
            var jobs: [@Sendable () async throws -> Produced] = []
            for (index, scene) in scenes.enumerated() {
                let voice = voices[index]
                let duration = durations[index]
                jobs.append {
                    let (image, clip) = try await makeVisuals(
                        scene, index: index, duration: duration, settings: settings, character: character,
                        counter: counter,
                        report: { part, status, asset in
                            if status == .done || status == .reused { finished.record(made: status == .done) }
                            let notice = asset.flatMap {
                                fallbackNotice($0, "scene \(index + 1) \(part == .image ? "picture" : "clip")")
                            }
                            progress?(
                                ProgressEvent(
                                    stage: .visuals,
                                    fraction: ProgressEvent.fraction(.visuals, done: Double(finished.total), of: total),
                                    sceneIndex: index, part: part,
                                    status: status, asset: part == .image ? asset?.description : nil, notice: notice,
                                    message: "scene \(index + 1): \(part.rawValue) \(status.rawValue)"))
                        },
                        retried: { reason in
                            let line = "scene \(index + 1) picture retried: \(reason)"
                            progress?(
                                ProgressEvent(
                                    stage: .visuals,
                                    fraction: ProgressEvent.fraction(.visuals, done: Double(finished.total), of: total),
                                    sceneIndex: index, part: .image, status: .working, notice: line, message: line))
                        })
                    return .scene(
                        index,
                        SceneAssets(
                            sceneId: scene.id, voice: voice.0, timings: voice.1, image: image, clip: clip,
                            duration: duration))
                }
            }
            if let uploadedMusic {
                let length = durations.reduce(0, +) - scenes.dropLast().reduce(0) { $0 + $1.transition.overlap }
                jobs.append {
                    let bed = try await makeMusicBed(uploadedMusic, length: length, counter: counter)
                    finished.record(made: true)
                    progress?(
                        ProgressEvent(
                            stage: .music,
                            fraction: ProgressEvent.fraction(.visuals, done: Double(finished.total), of: total),
                            sceneIndex: 0, part: .music, status: .done, message: "music: the uploaded track"))
                    return .bed(bed)
                }
            }
            for musicGroup in groups {
                let members = scenes.indices.filter { scenes[$0].musicGroup == musicGroup }
                let length = members.reduce(0) { $0 + durations[$1] }
                let mood = MusicGrouping.mood(ofGroup: musicGroup, in: scenes)
                jobs.append {
                    // Said when the track starts, so the music's time is measured from here (`StageClock`).
                    progress?(
                        ProgressEvent(
                            stage: .music,
                            fraction: ProgressEvent.fraction(.visuals, done: Double(finished.total), of: total),
                            sceneIndex: members.first, part: .music, status: .working,
                            message: "music for group \(musicGroup + 1): working"))
                    let music = try await makeMusic(
                        group: musicGroup, mood: mood, length: length, settings: settings, counter: counter
                    ) { reason in
                        let line = "music for group \(musicGroup + 1) retried: \(reason)"
                        progress?(
                            ProgressEvent(
                                stage: .music,
                                fraction: ProgressEvent.fraction(.visuals, done: Double(finished.total), of: total),
                                sceneIndex: members.first, part: .music, status: .working, notice: line, message: line))
                    }
                    finished.record(made: true)
                    progress?(
                        ProgressEvent(
                            stage: .music,
                            fraction: ProgressEvent.fraction(.visuals, done: Double(finished.total), of: total),
                            sceneIndex: members.first,
                            part: .music, status: .done,
                            notice: fallbackNotice(music.track, "music \(musicGroup + 1)"),
                            message: "music for group \(musicGroup + 1) (\(mood.rawValue))"))
                    return .music(music)
                }
            }
            var pending = jobs.makeIterator()
            for _ in 0..<max(concurrency, 1) {
                if let job = pending.next() { group.addTask(operation: job) }
            }
            for try await produced in group {
                switch produced {
                case .scene(let index, let assets): sceneAssets[index] = assets
                case .music(let music): musicAssets.append(music)
                case .bed(let bed): musicBed = bed
                }
                if let job = pending.next() { group.addTask(operation: job) }
            }
        }
        return PlanAssets(
            scenes: sceneAssets.compactMap { $0 }, music: musicAssets.sorted { $0.group < $1.group },
            generated: counter.generatedCount, reused: counter.reusedCount, musicBed: musicBed, voiceOver: voiceOver)
    }

    private enum Produced: Sendable {
        case scene(Int, SceneAssets)
        case music(MusicAssets)
        case bed(MusicBedAssets)
    }

    /// "scene 2 picture: made by the embedded generator (fal.ai: …)" when a fallback made `asset`.
    func fallbackNotice(_ asset: AssetRef, _ what: String) -> String? {
        store.provenance(of: asset)?.fallbackReason.map {
            "\(what): made by the embedded generator because the provider failed (\($0))"
        }
    }

    func makeSpeech(_ request: SpeechRequest, wav: AssetRef, publishing: Bool = true) async throws -> SpeechTimings {
        let box = Carried<SpeechTimings>()
        try await store.obtain(wav, publishing: publishing) { url in
            box.value = try await generators.speech.makeSpeech(request, to: url)
        }
        if let timings = box.value { return timings }
        // The WAV existed without its timings (an interrupted run): synthesize again to recover them.
        let location = store.folder.location(of: wav)
        return try await generators.speech.makeSpeech(request, to: location)
    }

    /// The scene's picture and clip. A clip made now is checked; one that fails is made again from a picture with a
    /// new seed (the clip follows its picture), up to `quality.retries` times, each retry said through `retried`.
    func makeVisuals(
        _ scene: PlanScene, index: Int, duration: Double, settings: Settings, character: AssetRef? = nil,
        counter: Counter, report: @Sendable (ScenePart, PartStatus, AssetRef?) -> Void,
        retried: @Sendable (String) -> Void = { _ in }
    ) async throws -> (AssetRef, AssetRef) {
        var attempt = 0
        while true {
            var imageRequest = imageRequest(scene, settings)
            imageRequest.seed = QualityGate.seed(imageRequest.seed, attempt: attempt)
            let illustration = try key(generators.image, imageRequest, ext: "png")
            report(.image, .working, nil)
            let madeImage = try await store.obtain(illustration) {
                try await generators.image.makeImage(imageRequest, to: $0)
            }
            counter.record(made: madeImage)
            // The clip animates the picture with the character in it, so its key follows the composite's.
            var image = illustration
            if let character {
                image = try await composite(character, onto: illustration, request: imageRequest, counter: counter)
            }
            // The finished picture goes with the report, so a client can show it before the video is done.
            report(.image, madeImage ? .done : .reused, image)

            let canvas = settings.canvas
            let clipRequest = ClipRequest(
                image: image.key, width: canvas.width, height: canvas.height, fps: canvas.fps, duration: duration,
                motion: Self.motion(for: scene, index: index, settings: settings))
            let clip = try key(generators.video, clipRequest, ext: "mp4")
            report(.clip, .working, nil)
            let imageURL = try store.url(for: image)
            let measured = Carried<ClipFrames>()
            let madeClip = try await store.obtain(clip, publishing: false) {
                measured.value = try await generators.video.makeMeasuredClip(clipRequest, image: imageURL, to: $0)
            }
            if madeClip, let rejected = try await rejectedClip(clip, clipRequest, frames: measured.value) {
                attempt += 1
                guard attempt <= quality.retries else {
                    throw QualityCheckFailed(
                        what: "scene \(index + 1) clip", attempts: attempt, reasons: rejected.reasons)
                }
                retried(rejected.summary ?? "failed check")
                continue
            }
            if madeClip { try await store.publish(clip) }
            counter.record(made: madeClip)
            report(.clip, madeClip ? .done : .reused, clip)
            return (image, clip)
        }
    }

    func musicRequest(group: Int, mood: Mood, length: Double, settings: Settings) -> MusicRequest {
        // Whole 8-second steps, so small edits to scene lengths reuse the same track.
        let minimum = (length / 8).rounded(.up) * 8
        var random = SeededRandom(seed: settings.seed, label: "music-\(group)-\(mood.rawValue)")
        return MusicRequest(mood: mood, minimumDuration: minimum, seed: random.next())
    }

    /// The group's track; one made now that does not loop cleanly is made again with a new seed, up to
    /// `quality.retries` times.
    func makeMusic(
        group: Int, mood: Mood, length: Double, settings: Settings, counter: Counter,
        retried: @Sendable (String) -> Void = { _ in }
    ) async throws -> MusicAssets {
        var attempt = 0
        while true {
            var request = musicRequest(group: group, mood: mood, length: length, settings: settings)
            request.seed = QualityGate.seed(request.seed, attempt: attempt)
            let track = try key(generators.music, request, ext: "wav")
            let made = try await store.obtain(track, publishing: false) {
                _ = try await generators.music.makeMusic(request, to: $0)
            }
            if made, let rejected = try await rejectedMusic(track) {
                attempt += 1
                guard attempt <= quality.retries else {
                    throw QualityCheckFailed(what: "music \(group + 1)", attempts: attempt, reasons: rejected.reasons)
                }
                retried(rejected.summary ?? "failed check")
                continue
            }
            if made { try await store.publish(track) }
            counter.record(made: made)
            let trackDuration = try WAVHeader(contentsOf: try store.url(for: track)).duration
            return MusicAssets(group: group, mood: mood, track: track, trackDuration: trackDuration)
        }
    }
}

/// Thread-safe tallies of generated and reused assets.
final class Counter: Sendable {
    private let counts = Mutex<(made: Int, found: Int)>((0, 0))

    func generated() { counts.withLock { $0.made += 1 } }
    func reused() { counts.withLock { $0.found += 1 } }
    func record(made wasMade: Bool) { wasMade ? generated() : reused() }
    var generatedCount: Int { counts.withLock { $0.made } }
    var reusedCount: Int { counts.withLock { $0.found } }
    /// Assets accounted for, made or found.
    var total: Int { counts.withLock { $0.made + $0.found } }
}
