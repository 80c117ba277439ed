import Foundation
import PixoraCore

/// What a finished render produced.
public struct RenderResult: Sendable {
    public var output: URL
    public var thumbnail: URL?
    public var duration: Double
    public var bytes: Int
    public var loudness: LoudnessMeasurement?
    /// For a render made of cached segments: how many were encoded here, reused, and encoded by other workers.
    public var segments: SegmentUse? = nil
}

/// `render(EditorState, assets) → MP4 or WebM`: an audio-only loudness measurement, then one ffmpeg process with
/// one filtergraph that writes the video and its JPEG thumbnail. Deterministic for the same document and assets.
/// With a segment cache an MP4 is made of segments instead (`Renderer+Segments.swift`): an edit re-encodes only
/// the stretches of picture it changes, and an unchanged timeline none.
public struct Renderer: Sendable {
    public let assets: any AssetLocator
    public let segments: (any RenderSegmentCache)?
    /// Shares the segments' encoding with other workers (the job queue); only with `segments`.
    public let dispatcher: (any SegmentDispatcher)?

    public init(
        assets: any AssetLocator, segments: (any RenderSegmentCache)? = nil, dispatcher: (any SegmentDispatcher)? = nil
    ) {
        self.assets = assets
        self.segments = segments
        self.dispatcher = dispatcher
    }

    /// Renders `state` to `output` as `format` (written under a temporary name and renamed), and a JPEG
    /// thumbnail if asked. `progress` receives the fraction of the timeline encoded so far.
    @discardableResult
    public func render(
        _ state: EditorState, to output: URL, format: OutputContainer = .mp4, thumbnail: URL? = nil,
        progress: (@Sendable (Double) -> Void)? = nil
    ) async throws -> RenderResult {
        let issues = state.validate()
        guard issues.isEmpty else { throw InvalidDocument(document: "editor state", issues: issues) }
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("pixora-render-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }

        if let segments, format == .mp4 {
            let result = try await renderInSegments(
                state, cache: segments, work: work, output: output, progress: progress)
            progress?(1)
            if let thumbnail { try await Self.thumbnail(of: output, at: Self.thumbnailTime(state), to: thumbnail) }
            return RenderResult(
                output: output, thumbnail: thumbnail, duration: state.duration,
                bytes: (try? FileManager.default.attributesOfItem(atPath: output.path)[.size] as? Int) ?? 0,
                loudness: result.loudness, segments: result.use)
        }
        // The loudness pass needs only the audio, so it runs while the clips are probed.
        async let measured = measureLoudness(try audioBuilder(for: state))
        let builder = try await makeBuilder(for: state, work: work)
        let (loudness, limit) = try await measured
        let stage: LoudnessStage = loudness.map { .normalize($0, limit: limit) } ?? .none
        let frame = Int((Self.thumbnailTime(state) * Double(state.canvas.fps)).rounded())
        let graph = builder.graph(loudness: stage, thumbnailFrame: thumbnail == nil ? nil : frame)
        let total = state.duration
        let still = work.appendingPathComponent("thumbnail.jpg")

        try await AtomicFile.write(to: output) { temporary in
            var arguments = ["-hide_banner", "-nostdin", "-nostats", "-loglevel", "error", "-y", "-progress", "pipe:1"]
            arguments += graph.inputArguments
            arguments += ["-filter_complex", graph.filter, "-map", graph.videoOutput ?? "", "-map", graph.audioOutput]
            arguments += Self.encoderArguments(state, format: format)
            arguments += ["-t", n(total), "-f", format.rawValue, temporary.path]
            if let thumb = graph.thumbnailOutput {
                arguments += [
                    "-map", thumb, "-frames:v", "1", "-q:v", "3", "-c:v", "mjpeg", "-update", "1", "-f", "image2",
                    still.path,
                ]
            }
            try await ToolRunner.run(.ffmpeg, arguments) { line in
                guard let progress, line.hasPrefix("out_time_us="), let micros = Double(line.dropFirst(12)) else {
                    return
                }
                progress(min(max(micros / 1_000_000 / total, 0), 1))
            }
        }
        progress?(1)
        if let thumbnail {
            if FileManager.default.fileExists(atPath: still.path) {
                try await AtomicFile.write(to: thumbnail) { try FileManager.default.copyItem(at: still, to: $0) }
            } else {
                try await Self.thumbnail(of: output, at: Self.thumbnailTime(state), to: thumbnail)
            }
        }
        let bytes = (try? FileManager.default.attributesOfItem(atPath: output.path)[.size] as? Int) ?? 0
        return RenderResult(output: output, thumbnail: thumbnail, duration: total, bytes: bytes, loudness: loudness)
    }

    /// x264 + AAC settings shared by renders and the benchmark's encode floor.
    public static func encoderArguments(_ state: EditorState) -> [String] {
        segmentEncoderArguments(state) + audioEncoderArguments + ["-movflags", "+faststart"]
    }

    /// The encoder settings of `format`; MP4's are `encoderArguments(state)`.
    public static func encoderArguments(_ state: EditorState, format: OutputContainer) -> [String] {
        switch format {
        case .mp4: encoderArguments(state)
        case .webm: WebMEncoding.arguments(state)
        }
    }

    /// A builder for the audio graph alone (no clips probed, no subtitles written).
    func audioBuilder(for state: EditorState) throws -> RenderGraphBuilder {
        RenderGraphBuilder(
            state: state, clipPaths: [],
            voicePaths: try state.audio.voice.segments.map { try assets.url(for: $0.asset).path },
            musicPaths: try state.audio.music.segments.map { try assets.url(for: $0.asset).path },
            effectPaths: try state.audio.effects.segments.map { try assets.url(for: $0.asset).path }, subtitlePath: nil,
            fontsDirectory: "")
    }

    /// Resolves assets, checks that every clip starts inside its file, and writes the subtitle script into `work`.
    public func makeBuilder(for state: EditorState, work: URL) async throws -> RenderGraphBuilder {
        var clipPaths: [String] = []
        var sizes: [RenderGraphBuilder.Size?] = []
        var lengths: [Double?] = []
        // Probed two at a time: each ffprobe is mostly process start-up.
        let urls = try state.clips.map { try assets.url(for: $0.asset) }
        var probes = [MediaInfo?](repeating: nil, count: urls.count)
        try await withThrowingTaskGroup(of: (Int, MediaInfo).self) { group in
            var next = 0
            func start() {
                guard next < urls.count else { return }
                let (index, url) = (next, urls[next])
                group.addTask { (index, try await MediaProbe.probeAsset(url)) }
                next += 1
            }
            start()
            start()
            while let (index, info) = try await group.next() {
                probes[index] = info
                start()
            }
        }
        for (index, clip) in state.clips.enumerated() {
            let url = urls[index]
            guard let info = probes[index] else {
                throw MediaError.unreadableOutput(tool: "ffprobe", detail: "no result for \(url.lastPathComponent)")
            }
            guard let video = info.video, let width = video.width, let height = video.height else {
                throw InvalidDocument(
                    document: "editor state",
                    issues: [.init("clips[\(index)].asset", "\(clip.asset) has no video stream")])
            }
            let available = video.duration ?? info.duration
            // A clip may run longer than its source (its last frame is held), but must start inside it.
            if clip.trimIn > available - state.canvas.frameDuration {
                throw InvalidDocument(
                    document: "editor state",
                    issues: [
                        .init(
                            "clips[\(index)].trimIn",
                            "is \(clip.trimIn.formatted) s but the clip is only \(available.formatted) s long")
                    ])
            }
            clipPaths.append(url.path)
            sizes.append(.init(width: width, height: height))
            lengths.append(available)
        }
        let voicePaths = try state.audio.voice.segments.map { try assets.url(for: $0.asset).path }
        let musicPaths = try state.audio.music.segments.map { try assets.url(for: $0.asset).path }
        let effectPaths = try state.audio.effects.segments.map { try assets.url(for: $0.asset).path }
        let subtitles = SubtitleDocument(state: state)
        var subtitlePath: String?
        if !subtitles.isEmpty {
            let url = work.appendingPathComponent("text.ass")
            try Data(subtitles.text.utf8).write(to: url)
            subtitlePath = url.path
        }
        return RenderGraphBuilder(
            state: state, clipPaths: clipPaths, clipSizes: sizes, clipLengths: lengths, voicePaths: voicePaths,
            musicPaths: musicPaths, effectPaths: effectPaths,
            subtitlePath: subtitlePath, fontsDirectory: try SystemFile.fontsDirectory.locate(),
            clipLUTs: try lookTables(for: state, work: work))
    }

    /// Per clip, the LUT file its look reads: the stored table at full intensity, else a copy blended with the
    /// identity, written once per table and intensity into `work`.
    func lookTables(for state: EditorState, work: URL) throws -> [String?] {
        var written: [String: String] = [:]
        return try state.clips.indices.map { index -> String? in
            guard let look = state.look(ofClip: index), let lut = look.lut, !look.isIdentity else { return nil }
            let stored = try assets.url(for: lut)
            if look.intensity >= 1 { return stored.path }
            let name = "look-\(lut.key.hex.prefix(16))-\(Int((look.intensity * 10000).rounded())).cube"
            if let path = written[name] { return path }
            let table = try CubeLUT.parse(Data(contentsOf: stored)).blended(look.intensity)
            let url = work.appendingPathComponent(name)
            try table.canonical.write(to: url)
            written[name] = url.path
            return url.path
        }
    }

    /// Measures the mixed audio. When reaching the target would push true peaks over the limit,
    /// a limiter is added and the mix measured again, so the final loudnorm can stay linear.
    public func measureLoudness(_ builder: RenderGraphBuilder) async throws -> (LoudnessMeasurement?, Double?) {
        guard builder.hasAudio else { return (nil, nil) }
        let output = builder.state.output
        guard let first = try await Self.measure(builder.audioGraph(loudness: .measure(limit: nil))) else {
            return (nil, nil)
        }
        let gain = output.loudness - first.integrated
        guard first.truePeak + gain > output.truePeak - 0.2 else { return (first, nil) }
        let limit = min(max(pow(10, (output.truePeak - 0.6 - gain) / 20), 0.0625), 1)
        let second = try await Self.measure(builder.audioGraph(loudness: .measure(limit: limit)))
        return (second ?? first, limit)
    }

    static func measure(_ graph: RenderGraph) async throws -> LoudnessMeasurement? {
        let result = try await ToolRunner.run(
            .ffmpeg,
            [
                "-hide_banner", "-nostdin", "-nostats", "-loglevel", "info",
            ] + graph.inputArguments + ["-filter_complex", graph.filter, "-map", graph.audioOutput, "-f", "null", "-"])
        return LoudnessReport.parse(result.errorLines)
    }

    /// A frame from the middle of the first scene (past its title animation), as a JPEG.
    static func thumbnailTime(_ state: EditorState) -> Double {
        let first = state.clips.first?.duration ?? 0
        return min(first * 0.5, max(state.duration - state.canvas.frameDuration, 0))
    }

    public static func thumbnail(of video: URL, at time: Double, to output: URL) async throws {
        try await AtomicFile.write(to: output) { temporary in
            try await ToolRunner.run(
                .ffmpeg,
                [
                    "-hide_banner", "-nostdin", "-loglevel", "error", "-y", "-ss", n(time), "-i", video.path,
                    "-frames:v", "1", "-q:v", "3", "-f", "image2", "-c:v", "mjpeg", temporary.path,
                ])
        }
    }
}

/// Reads the summary ebur128 prints when the analysis pass ends.
enum LoudnessReport {
    static func parse(_ lines: [String]) -> LoudnessMeasurement? {
        guard let summary = lines.lastIndex(where: { $0.contains("Summary:") }) else { return nil }
        var values: [String: Double] = [:]
        var section = ""
        for line in lines[summary...] {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasSuffix(":") {
                section = trimmed
                continue
            }
            let parts = trimmed.split(separator: " ", omittingEmptySubsequences: true)
            guard parts.count >= 2, let value = Double(parts[1]) else { continue }
            values["\(section) \(parts[0])"] = value
        }
        // Silence measures as -inf (or -70 LUFS, the absolute gate): nothing to normalise.
        guard let integrated = values["Integrated loudness: I:"], integrated.isFinite, integrated > -69,
            let threshold = values["Integrated loudness: Threshold:"], let range = values["Loudness range: LRA:"],
            let peak = values["True peak: Peak:"], peak.isFinite
        else { return nil }
        return LoudnessMeasurement(
            integrated: integrated, truePeak: peak, range: range, threshold: threshold, offset: 0)
    }
}
