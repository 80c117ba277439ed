import Foundation
import PixoraCore
import Synchronization

/// How many segments a render encoded itself, found already encoded, and had other workers encode.
public struct SegmentUse: Sendable, Equatable {
    public var encoded: Int
    public var reused: Int
    public var elsewhere: Int

    public init(encoded: Int, reused: Int, elsewhere: Int = 0) {
        self.encoded = encoded
        self.reused = reused
        self.elsewhere = elsewhere
    }
}

/// One segment to find or encode: its cache name and its graph (with this process's file paths).
struct SegmentWork: Sendable {
    var index: Int
    var ref: AssetRef
    var graph: RenderGraph
    var frames: Int
}

/// Everything that decides a render's sound (the measured loudness follows from it).
struct AudioKeyInputs: Encodable {
    var filter: String
    var inputs: [String]
    var loops: [Bool]
    var loudness: Double
    var truePeak: Double
    var encoder: [String]
    var tool: String
}

/// A mix's loudness measurement and limiter, kept beside its encoded audio.
struct AudioLoudness: Codable {
    var measured: LoudnessMeasurement?
    var limit: Double?
}

/// Everything that decides a segment's pixels; its hash is the segment's name in the cache.
struct SegmentKeyInputs: Encodable {
    /// The segment's graph, every file named by its content-addressed name.
    var filter: String
    var inputs: [String]
    var frames: Int
    /// The captions and overlays shown during the segment, and where it starts (libass draws by time).
    var captions: String?
    var start: Int?
    var encoder: [String]
    /// ffmpeg's version line: another build (x264, libass) may draw other pixels.
    var tool: String
}

extension Renderer {
    /// Bumped when the segment graph or its encoding changes in a way the key does not see.
    static let segmentVersion = 1

    /// The segment path: each segment is found in the cache or encoded once (two at a time; with a dispatcher,
    /// by several workers); the whole timeline's audio, mixed and normalised as in a full render, is cached the same
    /// way; the pieces are joined by stream copy.
    func renderInSegments(
        _ state: EditorState, cache: any RenderSegmentCache, work: URL, output: URL,
        progress: (@Sendable (Double) -> Void)?
    ) async throws -> (use: SegmentUse, loudness: LoudnessMeasurement?) {
        async let audio = cachedAudio(state, cache: cache)
        let builder = try await makeBuilder(for: state, work: work)
        let all = try segmentWork(state, builder: builder, work: work, tool: try await Self.toolIdentity())
        var jobs: [SegmentWork] = []
        for segment in all where !jobs.contains(where: { $0.ref == segment.ref }) { jobs.append(segment) }
        let encoder = Self.segmentEncoderArguments(state)
        let total = Double(max(builder.totalFrames, 1))
        let done = Counter()
        var here: Set<AssetRef> = []
        var elsewhere: Set<AssetRef> = []
        if let dispatcher {
            (here, elsewhere) = try await dispatch(
                state, jobs: jobs, cache: cache, dispatcher: dispatcher, encoder: encoder
            ) { frames in progress?(min(Double(done.add(frames)) / total, 1) * 0.95) }
        }
        // Whatever is still missing (all of it without a dispatcher; a segment whose job failed) is encoded here;
        // what other workers made is fetched from the shared store.
        try await withThrowingTaskGroup(of: (AssetRef, Bool).self) { group in
            var next = 0
            func start() {
                guard next < jobs.count else { return }
                let job = jobs[next]
                next += 1
                group.addTask {
                    let produced = try await Self.obtain(job, in: cache, encoder: encoder)
                    if produced { progress?(min(Double(done.add(job.frames)) / total, 1) * 0.95) }
                    return (job.ref, produced)
                }
            }
            for _ in 0..<2 { start() }
            while let (ref, produced) = try await group.next() {
                if produced {
                    here.insert(ref)
                    elsewhere.remove(ref)
                }
                start()
            }
        }
        let use = SegmentUse(
            encoded: here.count, reused: jobs.count - here.count - elsewhere.count, elsewhere: elsewhere.count)
        let (audioFile, loudness) = try await audio
        let list = work.appendingPathComponent("segments.txt")
        try Data(
            try all.map { "file '\(try cache.url(for: $0.ref).path.replacingOccurrences(of: "'", with: #"'\''"#))'\n" }
                .joined().utf8
        ).write(to: list)
        try await AtomicFile.write(to: output) { temporary in
            try await ToolRunner.run(
                .ffmpeg,
                [
                    "-hide_banner", "-nostdin", "-nostats", "-loglevel", "error", "-y", "-f", "concat", "-safe", "0",
                    "-i", list.path, "-i", audioFile.path, "-map", "0:v:0", "-map", "1:a:0", "-c", "copy",
                    "-movflags", "+faststart", "-f", "mp4", temporary.path,
                ])
        }
        return (use, loudness)
    }

    /// Every segment of the timeline in order, with its cache name and its graph; captioned segments get their
    /// own script in `work`.
    func segmentWork(_ state: EditorState, builder: RenderGraphBuilder, work: URL, tool: String) throws
        -> [SegmentWork]
    {
        let script = try builder.subtitlePath.map { try String(contentsOfFile: $0, encoding: .utf8) }
        let canonical = builder.canonical
        let fps = Double(state.canvas.fps)
        let encoder = Self.segmentEncoderArguments(state)
        return try builder.segments().enumerated().map { index, segment in
            let captions = script.flatMap {
                SubtitleWindow.events(
                    of: $0, from: Double(segment.start) / fps, to: Double(segment.start + segment.frames) / fps)
            }
            var captionsPath: String?
            if let captions {
                let url = work.appendingPathComponent("captions-\(index).ass")
                try Data(captions.utf8).write(to: url)
                captionsPath = url.path
            }
            let keyGraph = canonical.segmentGraph(segment, captions: captions == nil ? nil : "captions.ass")
            let key = try ContentKey(
                generator: "render-segment", version: Self.segmentVersion,
                inputs: SegmentKeyInputs(
                    filter: keyGraph.filter, inputs: keyGraph.inputs.map(\.path), frames: segment.frames,
                    captions: captions, start: captions == nil ? nil : segment.start, encoder: encoder, tool: tool))
            return SegmentWork(
                index: index, ref: AssetRef(key: key, ext: "mp4"),
                graph: builder.segmentGraph(segment, captions: captionsPath), frames: segment.frames)
        }
    }

    /// Queues the missing segments for other workers, then takes and encodes, in order, every one no other worker
    /// has taken, and waits for the rest, taking over any whose worker stopped renewing its lease.
    func dispatch(
        _ state: EditorState, jobs: [SegmentWork], cache: any RenderSegmentCache, dispatcher: any SegmentDispatcher,
        encoder: [String], encoded: (Int) -> Void
    ) async throws -> (here: Set<AssetRef>, elsewhere: Set<AssetRef>) {
        var missing: [SegmentWork] = []
        for job in jobs where !(try await cache.available(job.ref)) { missing.append(job) }
        // One segment is not worth a job: the render encodes it at once.
        guard missing.count > 1 else { return ([], []) }
        let ids = try await dispatcher.queue(state, segments: missing.map(\.index))
        do {
            let outcome = try await share(ids, missing, cache: cache, dispatcher: dispatcher, encoder: encoder, encoded)
            // In a task of its own: a cancelled render (a pause) still removes its jobs.
            try await Task { try await dispatcher.release(ids) }.value
            return outcome
        } catch {
            await Task { try? await dispatcher.release(ids) }.value
            throw error
        }
    }

    /// Takes and encodes, two at a time, every queued segment no other worker has claimed, then waits for the rest.
    func share(
        _ ids: [String], _ missing: [SegmentWork], cache: any RenderSegmentCache, dispatcher: any SegmentDispatcher,
        encoder: [String], _ encoded: (Int) -> Void
    ) async throws -> (here: Set<AssetRef>, elsewhere: Set<AssetRef>) {
        let here = Mutex<Set<AssetRef>>([])
        let open = Mutex(Dictionary(uniqueKeysWithValues: zip(ids, missing)))
        let encode: @Sendable (String, SegmentWork) async throws -> Void = { id, job in
            try await Self.obtain(job, in: cache, encoder: encoder)
            try await dispatcher.finish(id)
            here.withLock { _ = $0.insert(job.ref) }
            open.withLock { $0[id] = nil }
        }
        // First pass, two at a time like a render alone: every segment no other worker has claimed yet.
        try await withThrowingTaskGroup(of: Int?.self) { group in
            var next = 0
            func start() {
                guard next < ids.count else { return }
                let (id, job) = (ids[next], missing[next])
                next += 1
                group.addTask {
                    guard try await dispatcher.take(id) else { return nil }
                    try await encode(id, job)
                    return job.frames
                }
            }
            for _ in 0..<2 { start() }
            while let frames = try await group.next() {
                if let frames { encoded(frames) }
                start()
            }
        }
        // Then wait for the others' segments, taking over any whose worker stopped renewing its lease.
        while true {
            let waiting = open.withLock { open in ids.compactMap { id in open[id].map { (id, $0) } } }
            if waiting.isEmpty { break }
            var progressed = false
            for (id, job) in waiting {
                if try await dispatcher.take(id) {
                    try await encode(id, job)
                    encoded(job.frames)
                    progressed = true
                } else if try await dispatcher.isSettled(id) {
                    open.withLock { $0[id] = nil }
                    progressed = true
                }
            }
            if !progressed { try await Task.sleep(for: .milliseconds(200)) }
        }
        let mine = here.withLock { $0 }
        return (mine, Set(missing.map(\.ref)).subtracting(mine))
    }

    /// Encodes one segment of `state` into the cache unless it is there: the work of a segment job. Returns whether
    /// it was encoded now.
    public func encodeSegment(of state: EditorState, index: Int, cache: any RenderSegmentCache) async throws -> Bool {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("pixora-segment-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let all = try segmentWork(
            state, builder: try await makeBuilder(for: state, work: work), work: work,
            tool: try await Self.toolIdentity())
        guard all.indices.contains(index) else {
            throw InvalidDocument(
                document: "segment job", issues: [.init("segment", "is \(index); the timeline has \(all.count)")])
        }
        let job = all[index]
        let encoder = Self.segmentEncoderArguments(state)
        return try await Self.obtain(job, in: cache, encoder: encoder)
    }

    /// The timeline's audio as AAC, and its loudness measurement, each found in the cache or made once: an edit
    /// that leaves the sound alone costs neither the analysis pass nor the encode.
    func cachedAudio(_ state: EditorState, cache: any RenderSegmentCache) async throws -> (
        URL, LoudnessMeasurement?
    ) {
        let builder = try audioBuilder(for: state)
        let probe = builder.audioGraph(loudness: .measure(limit: nil))
        let key = try ContentKey(
            generator: "render-audio", version: Self.segmentVersion,
            inputs: AudioKeyInputs(
                filter: probe.filter, inputs: probe.inputs.map { URL(fileURLWithPath: $0.path).lastPathComponent },
                loops: probe.inputs.map(\.loop), loudness: state.output.loudness, truePeak: state.output.truePeak,
                encoder: Self.audioEncoderArguments, tool: try await Self.toolIdentity()))
        let record = AssetRef(key: key, ext: "json")
        try await cache.obtain(record, publishing: true) { location in
            let (measured, limit) = try await measureLoudness(builder)
            let data = try JSONEncoder().encode(AudioLoudness(measured: measured, limit: limit))
            try await AtomicFile.write(to: location) { try data.write(to: $0) }
        }
        let loudness = try JSONDecoder().decode(AudioLoudness.self, from: Data(contentsOf: cache.url(for: record)))
        let audio = AssetRef(key: key, ext: "mp4")
        try await cache.obtain(audio, publishing: true) { location in
            let stage: LoudnessStage = loudness.measured.map { .normalize($0, limit: loudness.limit) } ?? .none
            let graph = builder.audioGraph(loudness: stage)
            var arguments = ["-hide_banner", "-nostdin", "-nostats", "-loglevel", "error", "-y"]
            arguments += graph.inputArguments + ["-filter_complex", graph.filter, "-map", graph.audioOutput]
            try await AtomicFile.write(to: location) { temporary in
                try await ToolRunner.run(
                    .ffmpeg, arguments + Self.audioEncoderArguments + ["-f", "mp4", temporary.path])
            }
        }
        return (try cache.url(for: audio), loudness.measured)
    }

    static let audioEncoderArguments = ["-c:a", "aac", "-b:a", "192k", "-ar", "48000", "-ac", "2"]

    /// ffmpeg's first `-version` line, asked once per process.
    static func toolIdentity() async throws -> String {
        if let known = toolVersion.withLock({ $0 }) { return known }
        let output = try await ToolRunner.run(.ffmpeg, ["-version"])
        let line = output.standardOutput.split(separator: "\n").first.map(String.init) ?? "ffmpeg"
        toolVersion.withLock { $0 = line }
        return line
    }

    /// The video encoder's settings, identical for every segment so their streams join without re-encoding; each
    /// segment starts on a keyframe because each is an encode of its own.
    static func segmentEncoderArguments(_ state: EditorState) -> [String] {
        [
            "-c:v", "libx264", "-preset", state.output.preset.rawValue, "-crf", "\(state.output.crf)",
            "-pix_fmt", "yuv420p", "-r", "\(state.canvas.fps)", "-g", "\(state.canvas.fps * 2)",
        ]
    }

    /// The segment from the cache, or encoded into it (under a temporary name until complete). True when encoded now.
    @discardableResult
    static func obtain(_ job: SegmentWork, in cache: any RenderSegmentCache, encoder: [String]) async throws -> Bool {
        try await cache.obtain(job.ref, publishing: true) { location in
            try await AtomicFile.write(to: location) { temporary in
                try await encodeSegment(job.graph, frames: job.frames, encoder: encoder, to: temporary)
            }
        }
    }

    static func encodeSegment(_ graph: RenderGraph, frames: Int, encoder: [String], to file: URL) async throws {
        var arguments = ["-hide_banner", "-nostdin", "-nostats", "-loglevel", "error", "-y"]
        arguments += graph.inputArguments
        arguments += ["-filter_complex", graph.filter, "-map", graph.videoOutput ?? "[vout]", "-an"]
        arguments += encoder + ["-frames:v", "\(frames)", "-f", "mp4", file.path]
        try await ToolRunner.run(.ffmpeg, arguments)
    }
}

private let toolVersion = Mutex<String?>(nil)

/// Frames encoded so far, shared by the segment tasks.
private final class Counter: Sendable {
    private let value = Mutex(0)
    func add(_ amount: Int) -> Int {
        value.withLock {
            $0 += amount
            return $0
        }
    }
}
