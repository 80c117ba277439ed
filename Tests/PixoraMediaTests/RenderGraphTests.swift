import Foundation
import PixoraCore
import Testing

@testable import PixoraMedia

@Suite("Render filtergraph text")
struct RenderGraphTests {
    static func ref(_ c: Character, _ ext: String) -> AssetRef {
        AssetRef(String(repeating: c, count: 64) + "." + ext)!
    }

    static func state(_ transitions: [Transition], captions: Bool = false) -> EditorState {
        let clips =
            transitions.indices.map { Clip(id: "c\($0)", sceneId: nil, asset: ref("a", "mp4"), duration: 4) }
            + [Clip(id: "last", sceneId: nil, asset: ref("a", "mp4"), duration: 4)]
        return EditorState(
            title: "t", canvas: Canvas(width: 720, height: 1280, fps: 30), clips: clips, transitions: transitions,
            captions: Captions(enabled: captions, cues: [Cue(start: 1, end: 2, text: "hi")]),
            audio: AudioMix(voice: AudioTrack(segments: []), music: AudioTrack(segments: [])))
    }

    static func builder(_ state: EditorState, sizes: [RenderGraphBuilder.Size?]? = nil) -> RenderGraphBuilder {
        RenderGraphBuilder(
            state: state, clipPaths: state.clips.indices.map { "/a/\($0).mp4" }, clipSizes: sizes,
            voicePaths: state.audio.voice.segments.indices.map { "/v/\($0).wav" },
            musicPaths: state.audio.music.segments.indices.map { "/m/\($0).wav" },
            subtitlePath: state.captions.enabled ? "/w/text.ass" : nil, fontsDirectory: "/fonts")
    }

    @Test("two clips: only the overlapping frames go through xfade, the rest is joined by concat")
    func twoClips() {
        let graph = Self.builder(Self.state([Transition(kind: .wipeleft, duration: 0.5)])).graph(loudness: .none)
        #expect(graph.inputs.map(\.path) == ["/a/0.mp4", "/a/1.mp4"])
        #expect(
            graph.filter == """
                [0:v]trim=start=0:duration=4,setpts=PTS-STARTPTS,fps=30,scale=720:1280:force_original_aspect_ratio=decrease,pad=720:1280:(ow-iw)/2:(oh-ih)/2:color=0x000000,setsar=1,format=yuv420p,settb=AVTB,split=2[p0b0][p0t0];
                [p0b0]trim=start_frame=0:end_frame=105,setpts=PTS-STARTPTS[b0];
                [p0t0]trim=start_frame=105:end_frame=120,setpts=PTS-STARTPTS[t0];
                [1:v]trim=start=0:duration=4,setpts=PTS-STARTPTS,fps=30,scale=720:1280:force_original_aspect_ratio=decrease,pad=720:1280:(ow-iw)/2:(oh-ih)/2:color=0x000000,setsar=1,format=yuv420p,settb=AVTB,split=2[p1h1][p1b1];
                [p1h1]trim=start_frame=0:end_frame=15,setpts=PTS-STARTPTS[h1];
                [p1b1]trim=start_frame=15:end_frame=120,setpts=PTS-STARTPTS[b1];
                [t0]split=2[xt1][xs1];
                [xs1]trim=end_frame=1[xa1];
                [xt1][h1]xfade=transition=wipeleft:duration=0.5:offset=0,trim=start_frame=1,setpts=PTS-STARTPTS,format=yuv420p[xb1];
                [xa1][xb1]concat=n=2:v=1:a=0[x1];
                [b0][x1][b1]concat=n=3:v=1:a=0,setpts=N/(30*TB),trim=duration=7.5,format=yuv420p[vout];
                anullsrc=r=48000:cl=stereo,atrim=duration=7.5[aout]
                """)
    }

    @Test(
        "three clips: a crossfade window, then a cut joined directly; canvas-sized clips skip scaling; subtitles last")
    func threeClips() {
        let size = RenderGraphBuilder.Size(width: 720, height: 1280)
        let state = Self.state([Transition(kind: .fade, duration: 1), .cut], captions: true)
        let graph = Self.builder(state, sizes: [size, size, size]).graph(loudness: .none)
        let lines = graph.filter.components(separatedBy: ";\n")
        #expect(
            lines[0]
                == "[0:v]trim=start=0:duration=4,setpts=PTS-STARTPTS,fps=30,setsar=1,format=yuv420p,settb=AVTB,split=2[p0b0][p0t0]"
        )
        #expect(lines[1] == "[p0b0]trim=start_frame=0:end_frame=90,setpts=PTS-STARTPTS[b0]")
        #expect(lines[2] == "[p0t0]trim=start_frame=90:end_frame=120,setpts=PTS-STARTPTS[t0]")
        #expect(lines[4] == "[p1h1]trim=start_frame=0:end_frame=30,setpts=PTS-STARTPTS[h1]")
        #expect(lines[5] == "[p1b1]trim=start_frame=30:end_frame=120,setpts=PTS-STARTPTS[b1]")
        #expect(lines[6] == "[h1]format=yuva420p,fade=t=in:st=0:d=1:alpha=1[a1]")
        #expect(lines[7] == "[t0][a1]overlay=format=yuv420:eof_action=pass,format=yuv420p[x1]")
        #expect(
            lines[8]
                == "[2:v]trim=start=0:duration=4,setpts=PTS-STARTPTS,fps=30,setsar=1,format=yuv420p,settb=AVTB,null[b2]"
        )
        #expect(
            lines[9]
                == "[b0][x1][b1][b2]concat=n=4:v=1:a=0,setpts=N/(30*TB),subtitles=filename=/w/text.ass:fontsdir=/fonts,"
                + "trim=duration=11,format=yuv420p[vout]")
        // Frames add up to the timeline: 90 + 30 + 90 + 120 = 330 = 11 s.
        #expect(state.duration == 11)
    }

    @Test("a thumbnail frame is split off the finished picture inside the same graph")
    func thumbnailBranch() {
        let graph = Self.builder(Self.state([])).graph(loudness: .none, thumbnailFrame: 45)
        let lines = graph.filter.components(separatedBy: ";\n")
        #expect(lines[1] == "[b0]trim=duration=4,format=yuv420p,split=2[vout][still]")
        #expect(lines[2] == "[still]select='eq(n,45)'[thumb]")
        #expect(graph.thumbnailOutput == "[thumb]")
        #expect(Self.builder(Self.state([])).graph(loudness: .none).thumbnailOutput == nil)
    }

    @Test("a single clip needs no split, crossfade or concat")
    func singleClip() {
        let state = Self.state([])
        let lines = Self.builder(state).graph(loudness: .none).filter.components(separatedBy: ";\n")
        #expect(lines[0].hasSuffix("settb=AVTB,null[b0]"))
        #expect(lines[1] == "[b0]trim=duration=4,format=yuv420p[vout]")
    }

    @Test("voice is delayed into place, music looped, faded and ducked, and the mix normalised linearly")
    func audioChain() {
        var state = Self.state([Transition(kind: .fade, duration: 1)])
        state.audio.voice.segments = [AudioSegment(asset: Self.ref("b", "wav"), start: 1.25, duration: 2)]
        state.audio.music = AudioTrack(
            volume: 0.3,
            segments: [
                AudioSegment(asset: Self.ref("c", "wav"), start: 0, duration: 7, fadeIn: 1, fadeOut: 2, loop: true)
            ])
        let measured = LoudnessMeasurement(integrated: -20, truePeak: -5, range: 4, threshold: -30, offset: 0.2)
        let graph = Self.builder(state).graph(loudness: .normalize(measured, limit: 0.5))
        #expect(graph.inputs.map(\.loop) == [false, false, false, true])
        #expect(graph.inputArguments.suffix(6) == ["-threads", "1", "-stream_loop", "-1", "-i", "/m/0.wav"])
        #expect(graph.inputArguments.filter { $0 == "-threads" }.count == graph.inputs.count)
        let lines = graph.filter.components(separatedBy: ";\n")
        #expect(
            lines.contains(
                "[2:a]aresample=48000,aformat=sample_fmts=fltp:sample_rates=48000:channel_layouts=stereo,atrim=start=0:duration=2,asetpts=PTS-STARTPTS,adelay=delays=1250:all=1[voice0]"
            ))
        #expect(
            lines.contains(
                "[3:a]aresample=48000,aformat=sample_fmts=fltp:sample_rates=48000:channel_layouts=stereo,atrim=start=0:duration=7,asetpts=PTS-STARTPTS,afade=t=in:st=0:d=1,afade=t=out:st=5:d=2[music0]"
            ))
        #expect(lines.contains("[music0]anull,volume=0.3[music]"))
        // The key is held (padded) past the last word, or the ducked music would stop where the voice does.
        #expect(lines.contains("[voicekey]apad[voiceheld]"))
        #expect(
            lines.contains(
                "[music][voiceheld]sidechaincompress=threshold=0.02:ratio=8:attack=15:release=350:knee=4[ducked]"))
        #expect(
            lines.last
                == "[mix]apad=whole_dur=7,atrim=duration=7,alimiter=limit=0.5:attack=5:release=80:level=false:latency=true,loudnorm=I=-14:TP=-1.5:LRA=11:measured_I=-20:measured_TP=-5:measured_LRA=4:measured_thresh=-30:offset=0.2:linear=true,aresample=48000,aformat=sample_fmts=fltp:sample_rates=48000:channel_layouts=stereo[aout]"
        )
        let audioOnly = Self.builder(state).audioGraph(loudness: .measure(limit: nil))
        #expect(audioOnly.inputs.map(\.path) == ["/v/0.wav", "/m/0.wav"])
        #expect(audioOnly.filter.contains("[0:a]aresample"))
        #expect(audioOnly.filter.hasSuffix("apad=whole_dur=7,atrim=duration=7,ebur128=peak=true[aout]"))
    }

    @Test("the loudness report is read from ebur128's summary; silence gives nothing to normalise")
    func loudnessReport() {
        let summary = """
            [Parsed_ebur128_0 @ 0x1] Summary:

              Integrated loudness:
                I:         -27.9 LUFS
                Threshold: -38.0 LUFS

              Loudness range:
                LRA:         2.6 LU
                Threshold: -48.3 LUFS
                LRA low:   -29.6 LUFS
                LRA high:  -27.1 LUFS

              True peak:
                Peak:      -17.7 dBFS
            """.components(separatedBy: "\n")
        #expect(
            LoudnessReport.parse(summary)
                == LoudnessMeasurement(integrated: -27.9, truePeak: -17.7, range: 2.6, threshold: -38, offset: 0))
        let silent = summary.map {
            $0.replacingOccurrences(of: "-27.9", with: "-70.0").replacingOccurrences(of: "-17.7", with: "-inf")
        }
        #expect(LoudnessReport.parse(silent) == nil)
    }

    @Test("subtitle text cannot inject override tags and positions follow the overlay")
    func subtitles() {
        var state = Self.state([Transition(kind: .fade, duration: 1)], captions: true)
        state.captions.cues = [Cue(start: 1, end: 2.5, text: "a {\\b1} b\nc")]
        state.overlays = [TextOverlay(id: "t", text: "Title", start: 0, end: 3, x: 0.5, y: 0.25)]
        let text = SubtitleDocument(state: state).text
        #expect(text.contains("PlayResX: 720\nPlayResY: 1280"))
        // Captions stand above the bottom 20 % of a 9:16 frame (256 of 1280 px), where players draw their controls,
        // box included (a quarter of the 54 px font: 14 px).
        #expect(text.contains("Dialogue: 0,0:00:01.00,0:00:02.50,S0,,0,0,270,,{\\an2}a \\{\\\u{2060}b1\\} b\\Nc"))
        #expect(text.contains("Dialogue: 1,0:00:00.00,0:00:03.00,S1,,0,0,0,,{\\an5\\pos(360,320)}Title"))
    }
}

@Suite("Atomic files")
struct AtomicFileTests {
    @Test("writing over an existing file replaces it; a failed write keeps the old file and leaves no partial")
    func replaces() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pixora-atomic-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("out.txt")
        try await AtomicFile.write(to: file) { try Data("one".utf8).write(to: $0) }
        try await AtomicFile.write(to: file) { try Data("two".utf8).write(to: $0) }
        #expect(try String(contentsOf: file, encoding: .utf8) == "two")
        struct Failure: Error {}
        await #expect(throws: Failure.self) {
            try await AtomicFile.write(to: file) { url in
                try Data("half".utf8).write(to: url)
                throw Failure()
            }
        }
        #expect(try String(contentsOf: file, encoding: .utf8) == "two")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["out.txt"])
    }
}
