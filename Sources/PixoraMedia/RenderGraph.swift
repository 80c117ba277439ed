import Foundation
import PixoraCore

/// One ffmpeg invocation's inputs and `filter_complex` text for an EditorState.
public struct RenderGraph: Sendable, Equatable {
    public struct Input: Sendable, Equatable {
        public var path: String
        /// Repeat the input forever (music shorter than its segment); the graph trims it.
        public var loop: Bool
    }

    public var inputs: [Input]
    public var filter: String
    /// Output pad labels, e.g. `[vout]`, `[aout]`; video is nil in an audio-only graph.
    public var videoOutput: String?
    public var audioOutput: String
    /// The single thumbnail frame, when asked for.
    public var thumbnailOutput: String? = nil

    /// `-i` arguments for the inputs, in order. Each input is decoded on one thread: the encoder keeps every core
    /// busy anyway, and frame-threaded decoders for every clip at once cost the reference render 2 s more CPU
    /// (5%) for no gain in time (bench/render.sh).
    public var inputArguments: [String] {
        inputs.flatMap { ["-threads", "1"] + ($0.loop ? ["-stream_loop", "-1", "-i", $0.path] : ["-i", $0.path]) }
    }
}

/// Integrated loudness, true peak, range and gate threshold of a mix, measured before the render.
public struct LoudnessMeasurement: Sendable, Equatable, Codable {
    public var integrated: Double
    public var truePeak: Double
    public var range: Double
    public var threshold: Double
    public var offset: Double

    public init(integrated: Double, truePeak: Double, range: Double, threshold: Double, offset: Double) {
        self.integrated = integrated
        self.truePeak = truePeak
        self.range = range
        self.threshold = threshold
        self.offset = offset
    }
}

/// How the audio chain ends: measuring the mix, or normalising it with the measured values.
public enum LoudnessStage: Sendable, Equatable {
    /// The analysis pass: ebur128 prints integrated loudness, gate threshold, range and true peak.
    case measure(limit: Double?)
    /// Linear loudnorm with the values of the analysis pass.
    case normalize(LoudnessMeasurement, limit: Double?)
    /// Nothing to normalise (silent timeline).
    case none
}

/// Builds the filtergraph: clips fitted to the canvas and chained with `xfade`, subtitles burnt in,
/// voice and effect segments delayed into place, music looped, faded and ducked under the voice,
/// loudness-normalised.
public struct RenderGraphBuilder: Sendable {
    public var state: EditorState
    /// Files of `state.clips`, in order.
    public var clipPaths: [String]
    /// Pixel size of each clip file when known; clips already at canvas size skip scaling.
    public var clipSizes: [Size?]
    /// Seconds of picture in each clip file when known; a clip shown longer than that holds its last frame.
    public var clipLengths: [Double?]
    public var voicePaths: [String]
    public var musicPaths: [String]
    /// Files of `state.audio.effects.segments`, in order.
    public var effectPaths: [String]
    public var subtitlePath: String?
    public var fontsDirectory: String
    /// Per clip, the LUT file of its look (already blended to the look's intensity), when its look is a LUT.
    public var clipLUTs: [String?]

    public struct Size: Sendable, Equatable {
        public var width: Int
        public var height: Int
        public init(width: Int, height: Int) {
            self.width = width
            self.height = height
        }
    }

    public init(
        state: EditorState, clipPaths: [String], clipSizes: [Size?]? = nil, clipLengths: [Double?]? = nil,
        voicePaths: [String],
        musicPaths: [String], effectPaths: [String] = [], subtitlePath: String?, fontsDirectory: String,
        clipLUTs: [String?]? = nil
    ) {
        self.state = state
        self.clipPaths = clipPaths
        self.clipSizes = clipSizes ?? Array(repeating: nil, count: clipPaths.count)
        self.clipLengths = clipLengths ?? Array(repeating: nil, count: clipPaths.count)
        self.voicePaths = voicePaths
        self.musicPaths = musicPaths
        self.effectPaths = effectPaths
        self.subtitlePath = subtitlePath
        self.fontsDirectory = fontsDirectory
        self.clipLUTs = clipLUTs ?? Array(repeating: nil, count: clipPaths.count)
    }

    /// The full graph: video and audio. With `thumbnailFrame`, the picture is also split once more and that
    /// one frame leaves at `[thumb]`, so the thumbnail costs no second decode of the finished file.
    public func graph(loudness: LoudnessStage, thumbnailFrame: Int? = nil) -> RenderGraph {
        var chains: [String] = []
        let inputs = clipPaths.map { RenderGraph.Input(path: $0, loop: false) }
        chains += videoChains()
        if let thumbnailFrame, let last = chains.popLast() {
            chains.append(String(last.dropLast("[vout]".count)) + ",split=2[vout][still]")
            chains.append("[still]select='eq(n,\(thumbnailFrame))'[thumb]")
        }
        let audio = audioChains(firstInput: inputs.count, loudness: loudness)
        chains += audio.chains
        return RenderGraph(
            inputs: inputs + audio.inputs, filter: chains.joined(separator: ";\n"), videoOutput: "[vout]",
            audioOutput: "[aout]",
            thumbnailOutput: thumbnailFrame == nil ? nil : "[thumb]")
    }

    /// Only the audio chain, for measuring loudness before the real render.
    public func audioGraph(loudness: LoudnessStage) -> RenderGraph {
        let audio = audioChains(firstInput: 0, loudness: loudness)
        return RenderGraph(
            inputs: audio.inputs, filter: audio.chains.joined(separator: ";\n"), videoOutput: nil, audioOutput: "[aout]"
        )
    }

    var hasAudio: Bool { state.audio.namedTracks.contains { !$0.track.segments.isEmpty } }

    // MARK: Video

    /// Clips are cut into head, body and tail by frame number; only each transition's overlapping frames go
    /// through `xfade`, and everything is joined by one `concat`. ffmpeg 5.1's xfade has no yuv420p support, so
    /// chaining whole clips through it converted every frame of the video in and out of 4:4:4 at each cut.
    func videoChains() -> [String] {
        let frames = clipFrames
        let overlaps = overlapFrames
        var chains: [String] = []
        var segments: [String] = []
        for index in state.clips.indices {
            let overlapIn = index > 0 ? overlaps[index - 1] : 0
            let overlapOut = index < overlaps.count ? overlaps[index] : 0
            var parts: [(label: String, start: Int, end: Int)] = []
            if overlapIn > 0 { parts.append(("[h\(index)]", 0, overlapIn)) }
            if frames[index] - overlapOut > overlapIn {
                parts.append(("[b\(index)]", overlapIn, frames[index] - overlapOut))
            }
            if overlapOut > 0 { parts.append(("[t\(index)]", frames[index] - overlapOut, frames[index])) }
            let source = "[\(index):v]\(clipSteps(index).joined(separator: ","))"
            if parts.count == 1 {
                chains.append(
                    "\(source),\(Self.frameRange(parts[0].start, parts[0].end, of: frames[index]))\(parts[0].label)")
            } else {
                chains.append(
                    "\(source),split=\(parts.count)\(parts.map { "[p\(index)\($0.label.dropFirst().dropLast())]" }.joined())"
                )
                for part in parts {
                    chains.append(
                        "[p\(index)\(part.label.dropFirst().dropLast())]\(Self.frameRange(part.start, part.end, of: frames[index]))\(part.label)"
                    )
                }
            }
            if index > 0 && overlapIn > 0 {
                chains += transitionChains(
                    into: index, tail: "[t\(index - 1)]", head: "[h\(index)]", output: "[x\(index)]")
                segments.append("[x\(index)]")
            }
            if parts.contains(where: { $0.label == "[b\(index)]" }) { segments.append("[b\(index)]") }
        }
        let finish = (captionSteps(subtitlePath) + ["trim=duration=\(n(state.duration))", "format=yuv420p"]).joined(
            separator: ",")
        if segments.count == 1 {
            chains.append("\(segments[0])\(finish)[vout]")
        } else {
            // Numbered afresh: xfade ends its stream one frame late, so concat left a gap after each wipe or slide
            // that the encoder's constant rate filled with a repeated frame, a frame late from there on.
            let renumber = "setpts=N/(\(state.canvas.fps)*TB)"
            chains.append("\(segments.joined())concat=n=\(segments.count):v=1:a=0,\(renumber),\(finish)[vout]")
        }
        return chains
    }

    /// Frames each clip shows on the canvas.
    var clipFrames: [Int] {
        let fps = Double(state.canvas.fps)
        return state.clips.map { max(Int(($0.duration * fps).rounded()), 1) }
    }

    /// Frames each transition overlaps its two clips (zero for a cut).
    var overlapFrames: [Int] {
        let fps = Double(state.canvas.fps)
        return state.clips.indices.dropLast().map { index in
            index < state.transitions.count ? Int((state.transitions[index].overlap * fps).rounded()) : 0
        }
    }

    /// A clip's file fitted to the canvas: trimmed, held past its end, at the canvas's rate, graded, letterboxed.
    /// `frames` keeps only those frames of the clip (a segment's share), cut right after `fps` so the grade and
    /// the scaling run on nothing that is thrown away; `fps` only picks frames, so the pictures are the ones the
    /// whole clip gives.
    func clipSteps(_ index: Int, frames: Range<Int>? = nil) -> [String] {
        let clip = state.clips[index]
        let canvas = state.canvas
        let (w, h) = (canvas.width, canvas.height)
        let fps = Double(canvas.fps)
        var steps = ["trim=start=\(n(clip.trimIn)):duration=\(n(clip.duration))", "setpts=PTS-STARTPTS"]
        if let length = clipLengths[index], clip.trimIn + clip.duration > length + 1 / fps {
            // Longer than its source: hold the last frame, then cut to the exact length.
            let missing = clip.trimIn + clip.duration - length
            steps += [
                "tpad=stop_mode=clone:stop_duration=\(n(missing + 1 / fps))", "trim=duration=\(n(clip.duration))",
            ]
        }
        steps.append("fps=\(canvas.fps)")
        if let frames {
            let range = Self.frameRange(frames.lowerBound, frames.upperBound, of: clipFrames[index])
            if range != "null" { steps.append(range) }
        }
        // Graded before letterboxing, so the background stays the colour the document asks for.
        steps += LookFilter.steps(state.look(ofClip: index), lutPath: clipLUTs[index])
        if clipSizes[index] != Size(width: w, height: h) {
            steps += [
                "scale=\(w):\(h):force_original_aspect_ratio=decrease",
                "pad=\(w):\(h):(ow-iw)/2:(oh-ih)/2:color=\(state.background.replacingOccurrences(of: "#", with: "0x"))",
            ]
        }
        return steps + ["setsar=1", "format=yuv420p", "settb=AVTB"]
    }

    /// The transition from clip `index - 1` into clip `index`, from the first one's tail and the second one's head.
    func transitionChains(into index: Int, tail: String, head: String, output: String) -> [String] {
        let transition = state.transitions[index - 1]
        let seconds = n(Double(overlapFrames[index - 1]) / Double(state.canvas.fps))
        if transition.kind == .fade {
            // A plain crossfade stays in yuv420p: the incoming clip fades in as an alpha layer over the outgoing one.
            return [
                "\(head)format=yuva420p,fade=t=in:st=0:d=\(seconds):alpha=1[a\(index)]",
                "\(tail)[a\(index)]overlay=format=yuv420:eof_action=pass,format=yuv420p\(output)",
            ]
        }
        // ffmpeg 5.1's xfade draws its first frame (progress 1: all of the outgoing clip) with rows of memory it
        // never wrote, different on every run; that frame is the outgoing clip's own, so it is taken from there.
        return [
            "\(tail)split=2[xt\(index)][xs\(index)]",
            "[xs\(index)]trim=end_frame=1[xa\(index)]",
            "[xt\(index)]\(head)xfade=transition=\(transition.kind.rawValue):duration=\(seconds):offset=0,"
                + "trim=start_frame=1,setpts=PTS-STARTPTS,format=yuv420p[xb\(index)]",
            "[xa\(index)][xb\(index)]concat=n=2:v=1:a=0\(output)",
        ]
    }

    /// Burns in the captions and overlays of the subtitle script at `path`, when there is one.
    func captionSteps(_ path: String?) -> [String] {
        guard let path else { return [] }
        return ["subtitles=filename=\(FilterArgument.escaped(path)):fontsdir=\(FilterArgument.escaped(fontsDirectory))"]
    }

    /// Frames `start..<end` of a clip, restarted at time zero (the whole clip needs no trim).
    static func frameRange(_ start: Int, _ end: Int, of total: Int) -> String {
        start == 0 && end == total ? "null" : "trim=start_frame=\(start):end_frame=\(end),setpts=PTS-STARTPTS"
    }

    // MARK: Audio

    func audioChains(firstInput: Int, loudness: LoudnessStage) -> (inputs: [RenderGraph.Input], chains: [String]) {
        let total = n(state.duration)
        let format = "aresample=48000,aformat=sample_fmts=fltp:sample_rates=48000:channel_layouts=stereo"
        guard hasAudio else {
            return ([], ["anullsrc=r=48000:cl=stereo,atrim=duration=\(total)[aout]"])
        }
        var inputs: [RenderGraph.Input] = []
        var chains: [String] = []
        var index = firstInput

        func track(_ name: String, _ track: AudioTrack, paths: [String]) -> String? {
            guard !track.segments.isEmpty else { return nil }
            var labels: [String] = []
            for (number, segment) in track.segments.enumerated() {
                inputs.append(.init(path: paths[number], loop: segment.loop))
                var steps = [
                    format, "atrim=start=\(n(segment.trimIn)):duration=\(n(segment.duration))", "asetpts=PTS-STARTPTS",
                ]
                if segment.volume != 1 { steps.append("volume=\(n(segment.volume))") }
                if segment.fadeIn > 0 { steps.append("afade=t=in:st=0:d=\(n(segment.fadeIn))") }
                if segment.fadeOut > 0 {
                    steps.append(
                        "afade=t=out:st=\(n(max(segment.duration - segment.fadeOut, 0))):d=\(n(segment.fadeOut))")
                }
                let delay = Int((segment.start * 1000).rounded())
                if delay > 0 { steps.append("adelay=delays=\(delay):all=1") }
                let label = "[\(name)\(number)]"
                chains.append("[\(index):a]\(steps.joined(separator: ","))\(label)")
                labels.append(label)
                index += 1
            }
            let mixed = "[\(name)]"
            let gain = track.volume != 1 ? ",volume=\(n(track.volume))" : ""
            if labels.count == 1 {
                chains.append("\(labels[0])anull\(gain)\(mixed)")
            } else {
                chains.append(
                    "\(labels.joined())amix=inputs=\(labels.count):duration=longest:normalize=0\(gain)\(mixed)")
            }
            return mixed
        }

        let voice = track("voice", state.audio.voice, paths: voicePaths)
        let music = track("music", state.audio.music, paths: musicPaths)
        let effects = track("effects", state.audio.effects, paths: effectPaths)
        let mix = Self.mix(voice: voice, music: music, effects: effects, ducking: state.audio.ducking, into: &chains)
        var finish = ["apad=whole_dur=\(total)", "atrim=duration=\(total)"]
        switch loudness {
        case .measure(let limit):
            if let limit { finish.append(Self.limiter(limit)) }
            // The EBU R128 meter gives what loudnorm's second pass needs at a third of loudnorm's analysis cost.
            finish.append("ebur128=peak=true")
        case .normalize(let measured, let limit):
            if let limit { finish.append(Self.limiter(limit)) }
            finish.append(
                "loudnorm=I=\(n(state.output.loudness)):TP=\(n(state.output.truePeak)):LRA=11"
                    + ":measured_I=\(n(measured.integrated)):measured_TP=\(n(measured.truePeak)):measured_LRA=\(n(measured.range))"
                    + ":measured_thresh=\(n(measured.threshold)):offset=\(n(measured.offset)):linear=true")
            finish.append(format)
        case .none:
            break
        }
        chains.append("\(mix)\(finish.joined(separator: ","))[aout]")
        return (inputs, chains)
    }

    /// The music dips about 10 dB under the voice; effects only about 3 dB (ratio 1.25 over the same key), so a
    /// door or a gust placed under a line is still heard while the words stay on top.
    static let musicDuck = "threshold=0.02:ratio=8:attack=15:release=350:knee=4"
    static let effectsDuck = "threshold=0.02:ratio=1.25:attack=15:release=350:knee=4"

    /// Joins the tracks into one label: the music and effects ducked under the voice when asked, then `amix`.
    static func mix(voice: String?, music: String?, effects: String?, ducking: Bool, into chains: inout [String])
        -> String
    {
        let beds = [(music, musicDuck, ""), (effects, effectsDuck, "effects")].compactMap { bed in
            bed.0.map { (label: $0, duck: bed.1, suffix: bed.2) }
        }
        var inputs: [String]
        if let voice, ducking, !beds.isEmpty {
            // The key is padded with silence: sidechaincompress stops at the end of either input, so an unpadded
            // key cut off all music after the last word (the tail of every video, most of one with a short
            // voice-over).
            let keys = beds.map { "[voicekey\($0.suffix)]" }
            chains.append("\(voice)asplit=\(beds.count + 1)[voicemix]\(keys.joined())")
            inputs = ["[voicemix]"]
            for bed in beds {
                chains.append("[voicekey\(bed.suffix)]apad[voiceheld\(bed.suffix)]")
                chains.append(
                    "\(bed.label)[voiceheld\(bed.suffix)]sidechaincompress=\(bed.duck)[ducked\(bed.suffix)]")
                inputs.append("[ducked\(bed.suffix)]")
            }
        } else {
            inputs = [voice].compactMap { $0 } + beds.map(\.label)
        }
        switch inputs.count {
        case 0: return "[silence]"
        case 1: return inputs[0]
        default:
            chains.append("\(inputs.joined())amix=inputs=\(inputs.count):duration=longest:normalize=0[mix]")
            return "[mix]"
        }
    }

    static func limiter(_ limit: Double) -> String {
        "alimiter=limit=\(n(limit)):attack=5:release=80:level=false:latency=true"
    }
}

/// Numbers in filter text: up to 4 decimals, no exponent, no trailing zeros.
func n(_ value: Double) -> String {
    var text = String(format: "%.4f", value)
    while text.hasSuffix("0") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
    return text == "-0" ? "0" : text
}
