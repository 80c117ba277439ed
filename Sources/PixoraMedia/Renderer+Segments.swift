import Foundation
import PixoraCore
import Synchronization

/// How many segments a render encoded and how many it found already encoded.
public struct SegmentUse: Sendable, Equatable {
    public var encoded: Int
    public var reused: Int

    public init(encoded: Int, reused: Int) {
        self.encoded = encoded
        self.reused = reused
    }
}

/// Everything that decides a render's sound (the measured loudness follows from it).
struct AudioKeyInputs: Encodable {
    var filter: String
    var inputs: [String]
    var loops: [Bool]
    var loudness: Double
    var truePeak: Double
    var encoder: [String]
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
}

extension Renderer {
    /// Bumped when the segment graph or its encoding changes in a way the key does not see.
    static let segmentVersion = 1

    /// The segment path: each segment is found in the cache or encoded once (two at a time); the whole timeline's
    /// audio, mixed and normalised as in a full render, is cached the same way; the pieces are joined by stream copy.
    func renderInSegments(
        _ state: EditorState, cache: any RenderSegmentCache, work: URL, output: URL,
        progress: (@Sendable (Double) -> Void)?
    ) async throws -> (use: SegmentUse, loudness: LoudnessMeasurement?) {
        async let audio = cachedAudio(state, cache: cache)
        let builder = try await makeBuilder(for: state, work: work)
        let script = try builder.subtitlePath.map { try String(contentsOfFile: $0, encoding: .utf8) }
        let canonical = builder.canonical
        let fps = Double(state.canvas.fps)
        let encoder = Self.segmentEncoderArguments(state)
        var jobs: [(ref: AssetRef, graph: RenderGraph, frames: Int)] = []
        var order: [AssetRef] = []
        for (index, segment) in builder.segments().enumerated() {
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
                    captions: captions, start: captions == nil ? nil : segment.start, encoder: encoder))
            let ref = AssetRef(key: key, ext: "mp4")
            order.append(ref)
            if !jobs.contains(where: { $0.ref == ref }) {
                jobs.append((ref, builder.segmentGraph(segment, captions: captionsPath), segment.frames))
            }
        }
        let total = Double(max(builder.totalFrames, 1))
        let done = Counter()
        var use = SegmentUse(encoded: 0, reused: 0)
        try await withThrowingTaskGroup(of: Bool.self) { group in
            var next = 0
            func start() {
                guard next < jobs.count else { return }
                let job = jobs[next]
                next += 1
                group.addTask {
                    let produced = try await cache.obtain(job.ref, publishing: true) { location in
                        try await AtomicFile.write(to: location) { temporary in
                            try await Self.encodeSegment(job.graph, frames: job.frames, encoder: encoder, to: temporary)
                        }
                    }
                    progress?(min(Double(done.add(job.frames)) / total, 1) * 0.95)
                    return produced
                }
            }
            for _ in 0..<2 { start() }
            while let produced = try await group.next() {
                if produced { use.encoded += 1 } else { use.reused += 1 }
                start()
            }
        }
        let (audioFile, loudness) = try await audio
        let list = work.appendingPathComponent("segments.txt")
        try Data(
            try order.map { "file '\(try cache.url(for: $0).path.replacingOccurrences(of: "'", with: #"'\''"#))'\n" }
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
                encoder: Self.audioEncoderArguments))
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

    /// The video encoder's settings, identical for every segment so their streams join without re-encoding; each
    /// segment starts on a keyframe because each is an encode of its own.
    static func segmentEncoderArguments(_ state: EditorState) -> [String] {
        [
            "-c:v", "libx264", "-preset", state.output.preset.rawValue, "-crf", "\(state.output.crf)",
            "-pix_fmt", "yuv420p", "-r", "\(state.canvas.fps)", "-g", "\(state.canvas.fps * 2)",
        ]
    }

    static func encodeSegment(_ graph: RenderGraph, frames: Int, encoder: [String], to file: URL) async throws {
        var arguments = ["-hide_banner", "-nostdin", "-nostats", "-loglevel", "error", "-y"]
        arguments += graph.inputArguments
        arguments += ["-filter_complex", graph.filter, "-map", graph.videoOutput ?? "[vout]", "-an"]
        arguments += encoder + ["-frames:v", "\(frames)", "-f", "mp4", file.path]
        try await ToolRunner.run(.ffmpeg, arguments)
    }
}

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
