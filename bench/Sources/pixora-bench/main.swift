import Foundation
import PixoraCore
import PixoraGenerators
import PixoraMedia
import PixoraPipeline
import Synchronization

// Reproducible benchmarks that print tables (see bench/README.md).
//   pixora-bench render [runs]     reference timeline render vs. the encode floor, measured in the same run
//   pixora-bench generate          a full 30 s 9:16 720p generate, cold cache then warm cache
//   pixora-bench voice             speech per minute for Piper and flite; Piper's process per scene vs per job
//   pixora-bench queue [jobs]      job-queue throughput with 1 and 4 workers on $DATABASE_URL, with a duplicate count
//   pixora-bench queue-priority [jobs]  claim latency on a deep queue: plan priority vs oldest first, same run

let arguments = Array(CommandLine.arguments.dropFirst())
let workspace = URL(fileURLWithPath: ProcessInfo.processInfo.environment["PIXORA_BENCH_DIR"] ?? "/tmp/pixora-bench")
try FileManager.default.createDirectory(at: workspace, withIntermediateDirectories: true)

/// CPU seconds (user + system) of finished child processes: steadier than wall time on a shared machine.
func childCPU() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_CHILDREN.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(
        usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}

/// CPU seconds (user + system) of this process's threads and its finished children: what a run cost, whatever the
/// machine's load (wall time under load counts the waits for a core).
func processCPU() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
        + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6 + childCPU()
}

/// Wall and child-CPU seconds of `body`.
func measured(_ body: () async throws -> Void) async rethrows -> (wall: Double, cpu: Double) {
    let cpu = childCPU()
    let wall = try await seconds(body)
    return (wall, childCPU() - cpu)
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return 0 }
    return sorted.count % 2 == 1
        ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

func seconds(_ body: () async throws -> Void) async rethrows -> Double {
    let start = ContinuousClock.now
    try await body()
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}

func table(_ header: [String], _ rows: [[String]]) {
    let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
    func line(_ cells: [String]) -> String {
        "| "
            + cells.enumerated().map { $0.element.padding(toLength: widths[$0.offset], withPad: " ", startingAt: 0) }
            .joined(separator: " | ") + " |"
    }
    print(line(header))
    print("|" + widths.map { String(repeating: "-", count: $0 + 2) }.joined(separator: "|") + "|")
    rows.forEach { print(line($0)) }
}

func f(_ value: Double, _ digits: Int = 2) -> String { String(format: "%.\(digits)f", value) }

/// 6 clips × 5 s at 1080×1920, 30 fps, 1 s crossfades, captions, voice + music.
/// `thirdScene` replaces the third scene's picture description: the same timeline with that scene regenerated.
func referenceTimeline(store: AssetStore, thirdScene: String? = nil) async throws -> EditorState {
    let settings = Settings(aspectRatio: .vertical, durationSeconds: 25, style: .cinematic, quality: .p1080, seed: 42)
    let moods: [Mood] = [.uplifting, .calm, .warm, .dramatic, .mysterious, .uplifting]
    let narration = [
        "Bees wake with the sun.", "They fly to the flowers.", "Nectar fills their tiny stomachs.",
        "Back home, they pass it on.", "Wings fan it thick and gold.", "And that is honey.",
    ]
    let scenes = (0..<6).map { index in
        PlanScene(
            id: "s\(index + 1)", narration: narration[index],
            visual: index == 2 && thirdScene != nil ? thirdScene! : "bees and honey with a flower, scene \(index + 1)",
            keyPhrase: "Scene \(index + 1)", mood: moods[index], duration: 5, musicGroup: index < 3 ? 0 : 1,
            transition: Transition(kind: .fade, duration: 1))
    }
    let plan = Plan(
        title: "Reference", summary: "benchmark", script: narration.joined(separator: " "), prompt: "bench",
        settings: settings, scenes: scenes)
    var state = try await VideoPipeline(store: store).assemble(plan).state
    state.transitions = Array(repeating: Transition(kind: .fade, duration: 1), count: 5)
    precondition(state.clips.allSatisfy { $0.duration == 5 }, "a narration outgrew its 5 s clip")
    return state
}

func benchRender(runs: Int) async throws {
    let store = AssetStore(root: workspace.appendingPathComponent("cache"))
    let state = try await referenceTimeline(store: store)
    let renderer = Renderer(assets: store)
    let output = workspace.appendingPathComponent("reference.mp4")
    // Clip probes are remembered per process (MediaProbe.probeAsset); the bench forgets them before each render.
    let probeTime = try await seconds {
        for clip in state.clips { _ = try await MediaProbe.probe(try store.url(for: clip.asset)) }
    }
    // A first render makes the frames the floor encodes; then render and floor alternate, so drift in the
    // machine's speed (shared CPU) hits both alike. Best of `runs` for each.
    _ = try await renderer.render(state, to: output)
    let raw = workspace.appendingPathComponent("reference.yuv")
    let audio = workspace.appendingPathComponent("reference.wav")
    try await ToolRunner.run(
        .ffmpeg,
        [
            "-loglevel", "error", "-y", "-i", output.path, "-map", "0:v", "-f", "rawvideo", "-pix_fmt", "yuv420p",
            raw.path,
        ])
    try await ToolRunner.run(
        .ffmpeg, ["-loglevel", "error", "-y", "-i", output.path, "-map", "0:a", "-c:a", "pcm_s16le", audio.path])
    defer { try? FileManager.default.removeItem(at: raw) }
    var renders: [(wall: Double, cpu: Double)] = []
    var floors: [(wall: Double, cpu: Double)] = []
    for _ in 0..<runs {
        MediaProbe.forgetAssets()  // each measured render is a process's first: it probes every clip
        renders.append(
            try await measured {
                _ = try await renderer.render(
                    state, to: output, thumbnail: workspace.appendingPathComponent("reference.jpg"))
            })
        floors.append(
            try await measured {
                try await ToolRunner.run(
                    .ffmpeg,
                    [
                        "-loglevel", "error", "-y", "-f", "rawvideo", "-pix_fmt", "yuv420p", "-s",
                        "\(state.canvas.width)x\(state.canvas.height)",
                        "-r", "\(state.canvas.fps)", "-i", raw.path, "-i", audio.path, "-map", "0:v", "-map", "1:a",
                    ] + Renderer.encoderArguments(state) + [
                        "-f", "mp4", workspace.appendingPathComponent("floor.mp4").path,
                    ])
            })
    }
    let renderTimes = renders.map(\.wall)
    let floorTimes = floors.map(\.wall)
    // Where the render's time goes: the same graph with nothing encoded, and the audio-only loudness pass.
    let work = workspace.appendingPathComponent("graph")
    try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    let builder = try await renderer.makeBuilder(for: state, work: work)
    var loudness: LoudnessMeasurement?
    var limit: Double?
    let measureTime = try await seconds { (loudness, limit) = try await renderer.measureLoudness(builder) }
    let graph = builder.graph(loudness: loudness.map { .normalize($0, limit: limit) } ?? .none)
    try Data((graph.inputArguments.joined(separator: "\n") + "\n---\n" + graph.filter).utf8).write(
        to: workspace.appendingPathComponent("graph.txt"))
    var filterTimes: [Double] = []
    for _ in 0..<runs {
        filterTimes.append(
            try await seconds {
                try await ToolRunner.run(
                    .ffmpeg,
                    ["-loglevel", "error"] + graph.inputArguments + [
                        "-filter_complex", graph.filter, "-map", graph.videoOutput ?? "", "-map", graph.audioOutput,
                        "-f", "null", "-",
                    ])
            })
    }
    let frames = Int((state.duration * Double(state.canvas.fps)).rounded())
    let render = renderTimes.min() ?? 0
    let floor = floorTimes.min() ?? 0
    let pairRatios = zip(renders, floors).map { $0.wall / $1.wall }
    let cpuRatios = zip(renders, floors).map { $0.cpu / $1.cpu }
    print(
        "Reference timeline: 6 clips × 5 s, 1080×1920, 30 fps, 5 × 1 s crossfades, captions, voice + music; \(f(state.duration)) s, \(frames) frames; x264 \(state.output.preset.rawValue) crf \(state.output.crf); \(runs) alternating runs"
    )
    table(
        ["measure", "best s", "all runs s", "fps", "× floor (best)"],
        [
            [
                "render (probes + loudness pass, then one filtergraph + thumbnail)", f(render),
                renderTimes.map { f($0) }.joined(separator: ", "), f(Double(frames) / render, 1), f(render / floor),
            ],
            [
                "encode floor (raw frames + audio, same encoder, no filters)", f(floor),
                floorTimes.map { f($0) }.joined(separator: ", "), f(Double(frames) / floor, 1), "1.00",
            ],
            [
                "  of the render: decode + filtergraph, nothing encoded", f(filterTimes.min() ?? 0),
                filterTimes.map { f($0) }.joined(separator: ", "), f(Double(frames) / (filterTimes.min() ?? 1), 1),
                f((filterTimes.min() ?? 0) / floor),
            ],
            [
                "  of the render: loudness measurement pass (audio only)", f(measureTime), f(measureTime), "-",
                f(measureTime / floor),
            ],
            [
                "  clip probes, one after another (the render runs two at a time, beside the loudness pass)",
                f(probeTime), f(probeTime), "-", f(probeTime / floor),
            ],
        ])
    print("")
    table(
        ["render ÷ floor, run by run", "values", "median"],
        [
            ["wall time", pairRatios.map { f($0) }.joined(separator: ", "), f(median(pairRatios))],
            ["CPU time (user + system)", cpuRatios.map { f($0) }.joined(separator: ", "), f(median(cpuRatios))],
        ])
}

func benchGenerate() async throws {
    let prompt = "a 30-second vertical video about how bees make honey"
    let cache = workspace.appendingPathComponent("generate-cache")
    try? FileManager.default.removeItem(at: cache)
    let pipeline = VideoPipeline(store: AssetStore(root: cache))
    var rows: [[String]] = []
    var kindRows: [[String]] = []
    var cpuRows: [[String]] = []
    pipeline.quality.clock.keepChecks()
    let detectors = try await detectorsCost()
    for label in ["cold cache", "warm cache"] {
        let marks = StageClock()
        var generated = 0
        let clock = pipeline.quality.clock
        let checkedBefore = clock.seconds
        let kindsBefore = CheckClock.Kind.allCases.map { clock.seconds(of: $0) }
        let keptBefore = clock.checks.count
        let encodedBefore = clock.secondsMeasuredWhileEncoding
        let cpuBefore = processCPU()
        let total = try await seconds {
            marks.mark(.planning)
            let plan = try await pipeline.plan(prompt: prompt, settings: try settings(for: prompt))
            let (made, _) = try await pipeline.makeVideo(
                plan, to: workspace.appendingPathComponent("bees.mp4"),
                thumbnail: workspace.appendingPathComponent("bees.jpg")
            ) { marks.mark($0.stage == .music ? .visuals : $0.stage) }
            generated = made.assets.generated
            marks.mark(.done)
        }
        let generateCPU = processCPU() - cpuBefore
        // The run's checks again, one after another with nothing beside them: their CPU time is their cost. The
        // probes the clip checks made are forgotten first, so each check probes its clip again as it did.
        let runChecks = clock.checks.dropFirst(keptBefore)
        MediaProbe.forgetAssets()
        let replayCPUBefore = processCPU()
        var gone = 0  // a check of an asset that failed it: the file left the cache
        let replayWall = await seconds {
            for check in runChecks {
                do { try await check.run() } catch { gone += 1 }
            }
        }
        let replayCPU = processCPU() - replayCPUBefore
        // The detectors that ran inside the clips' encodes, priced per second of clip.
        let encoded = clock.secondsMeasuredWhileEncoding - encodedBefore
        let insideEncodes = encoded * detectors.perClipSecond
        cpuRows.append([
            label, "\(runChecks.count - gone)" + (gone > 0 ? " (\(gone) gone)" : ""), f(generateCPU, 1),
            f(replayCPU, 2), f(replayWall, 2), "\(f(encoded, 1)) s → \(f(insideEncodes, 2))",
            String(format: "%.1f %%", 100 * (replayCPU + insideEncodes) / generateCPU),
        ])
        let stages = marks.durations
        // Quality checks (every asset made and the render), summed over checks, as a share of the whole run.
        let checked = pipeline.quality.clock.seconds - checkedBefore
        rows.append([
            label, f(total, 1), f(stages[.voice] ?? 0, 1), f(stages[.visuals] ?? 0, 1), f(stages[.rendering] ?? 0, 1),
            "\(generated)", f(checked, 2), String(format: "%.1f %%", 100 * checked / total),
        ])
        kindRows.append(
            [label]
                + zip(CheckClock.Kind.allCases, kindsBefore).map { kind, before in
                    f(clock.seconds(of: kind) - before, 2)
                })
    }
    print("Full generate: \"\(prompt)\" (720×1280, 30 fps, embedded generators)")
    table(
        [
            "run", "total s", "voice s", "pictures + clips + music s", "render s", "assets generated", "checks s",
            "checks ÷ total",
        ], rows)
    print("")
    table(["checks by kind, s"] + CheckClock.Kind.allCases.map(\.rawValue), kindRows)
    print("")
    table(
        [
            "run", "checks run", "generate CPU s", "checks again CPU s", "checks again wall s",
            "clip measured in its encode → detectors CPU s", "checks ÷ generate, CPU",
        ], cpuRows)
    print("")
    print(
        "Clip detectors (6 s of 720×1280 at 30 fps, with and without them, \(detectors.runs) pairs): "
            + "\(f(detectors.perClipSecond * 6, 3)) CPU s per clip = \(f(100 * detectors.share, 1)) % of its encode; "
            + "decoding the file for them instead: \(f(detectors.decodePass, 3)) CPU s")
}

/// What the clip detectors cost inside an embedded clip's encode. Timing the encode with and without them drowns
/// their ~0.1 CPU-s in the encode's own spread, so they are timed on the same frames without an encoder: 6 s of a
/// moving 720×1280 test picture through the detectors and through `null`, alternating, the median difference. The
/// encode they ride in and the pass that would decode the file for them are measured beside it.
func detectorsCost(
    runs: Int = 5
) async throws -> (perClipSecond: Double, share: Double, decodePass: Double, runs: Int) {
    let folder = workspace.appendingPathComponent("detectors")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let image = folder.appendingPathComponent("picture.png")
    try await ToolRunner.run(
        .ffmpeg,
        ["-loglevel", "error", "-y", "-f", "lavfi", "-i", "testsrc2=s=1080x1920", "-frames:v", "1", image.path])
    let request = ClipRequest(
        image: try ContentKey(generator: "bench", version: 1, inputs: ["picture"]), width: 720, height: 1280, fps: 30,
        duration: 6, motion: .zoomIn)
    let clip = folder.appendingPathComponent("clip.mp4")
    func frames(through filter: String) async throws -> Double {
        try await measured {
            try await ToolRunner.run(
                .ffmpeg,
                [
                    "-hide_banner", "-nostdin", "-f", "lavfi", "-i", "testsrc2=s=720x1280:r=30:d=6", "-vf", filter,
                    "-f", "null", "-",
                ])
        }.cpu
    }
    var differences: [Double] = []
    var encodes: [Double] = []
    var decodes: [Double] = []
    for _ in 0..<runs {
        let plain = try await frames(through: "null")
        differences.append(try await frames(through: ClipQuality.detectors) - plain)
        encodes.append(
            try await measured {
                _ = try await KenBurnsVideoGenerator().makeMeasuredClip(request, image: image, to: clip)
            }.cpu)
        MediaProbe.forgetAssets()
        decodes.append(try await measured { _ = try await ClipQuality.measure(clip) }.cpu)
    }
    let perClip = median(differences)
    return (perClip / 6, perClip / median(encodes), median(decodes), runs)
}

func settings(for prompt: String) throws -> Settings {
    let hints = PromptHints(prompt: prompt)
    return Settings(aspectRatio: hints.aspectRatio ?? .landscape, durationSeconds: hints.durationSeconds ?? 30)
}

/// When each stage started, to split a run's wall time by stage.
final class StageClock: Sendable {
    private let marks = Mutex<[(GenerationStage, ContinuousClock.Instant)]>([])

    func mark(_ stage: GenerationStage) {
        marks.withLock { starts in
            if starts.last?.0 != stage && !starts.contains(where: { $0.0 == stage }) { starts.append((stage, .now)) }
        }
    }

    var durations: [GenerationStage: Double] {
        marks.withLock { starts in
            var result: [GenerationStage: Double] = [:]
            for (current, next) in zip(starts, starts.dropFirst()) {
                let elapsed = next.1 - current.1
                result[current.0] = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            }
            return result
        }
    }
}

switch arguments.first {
case "render": try await benchRender(runs: Int(arguments.dropFirst().first ?? "") ?? 3)
case "segments": try await benchSegments(runs: Int(arguments.dropFirst().first ?? "") ?? 3)
case "fanout": try await benchFanOut(workerCounts: [1, 2, 4])
case "generate": try await benchGenerate()
case "voice": try await benchVoice()
case "queue":
    guard let url = ProcessInfo.processInfo.environment["DATABASE_URL"] else {
        print("queue: set DATABASE_URL to a PostgreSQL database (bench/queue.sh starts a throwaway one)")
        exit(2)
    }
    try await benchQueue(url: url, jobs: Int(arguments.dropFirst().first ?? "") ?? 4000, workerCounts: [1, 4])
case "queue-priority":
    guard let url = ProcessInfo.processInfo.environment["DATABASE_URL"] else {
        print("queue-priority: set DATABASE_URL (sqlite://… or postgres://…)")
        exit(2)
    }
    try await benchQueuePriority(url: url, jobs: Int(arguments.dropFirst().first ?? "") ?? 10_000, claims: 500)
default:
    print(
        "usage: pixora-bench render [runs] | segments [runs] | fanout | generate | voice | queue [jobs] | queue-priority [jobs]"
    )
    exit(2)
}
