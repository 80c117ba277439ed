import Foundation
import PixoraCore
import PixoraMedia
import Synchronization
import Testing

@Suite("SampleAnalyzer: shots, pacing and palette on ffmpeg-made samples", .serialized)
struct SampleAnalyzerShotTests {
    let frame = 1 / SampleFixtures.fps

    @Test("hard cuts between different sources are found within one frame, and nothing else")
    func hardCuts() async throws {
        let fixtures = try SampleFixtures()
        defer { fixtures.remove() }
        let video = try await fixtures.cuts([
            ("testsrc2", 2.0), ("smptebars", 1.6), ("rgbtestsrc", 1.2), ("testsrc", 1.4), ("mandelbrot", 1.8),
        ])
        let keyframes = fixtures.url("keyframes")
        let seen = Mutex<[Double]>([])
        let analysis = try await SampleAnalyzer().analyze(video: video, keyframesTo: keyframes) { fraction in
            seen.withLock { $0.append(fraction) }
        }
        let expected = [2.0, 3.6, 4.8, 6.2]
        let found = analysis.shots.dropFirst().map(\.start)
        #expect(found.count == expected.count, "cuts at \(found)")
        for (time, truth) in zip(found, expected) { #expect(abs(time - truth) <= frame + 0.001, "\(time) vs \(truth)") }
        #expect(analysis.shots.dropFirst().allSatisfy { $0.entry == .cut && $0.transitionSeconds == 0 })
        #expect(analysis.shots.first?.entry == .start && analysis.shots.first?.start == 0)
        #expect(abs((analysis.shots.last?.end ?? 0) - 8.0) <= 0.05)
        #expect(abs(analysis.pacing.cutsPerMinute - 4 / 8.0 * 60) <= 1)
        #expect(abs(analysis.pacing.shortestShotSeconds - 1.2) <= 0.05)
        #expect(abs(analysis.pacing.longestShotSeconds - 2.0) <= 0.05)

        // One keyframe per shot, at most 480 px, taken from inside its shot.
        for shot in analysis.shots {
            let name = try #require(shot.keyframe)
            #expect(name == String(format: "shot-%03d.jpg", shot.index))
            let info = try await MediaProbe.probe(keyframes.appendingPathComponent(name))
            #expect(info.video?.width == 320 && info.video?.height == 180)
        }
        // Each keyframe is its own shot's picture: closer to the video at its shot's middle than at any other's.
        var middles: [[UInt8]] = []
        for shot in analysis.shots {
            middles.append(try await MediaCheck.thumbnailPixels(of: video, at: (shot.start + shot.end) / 2))
        }
        for (index, shot) in analysis.shots.enumerated() {
            let picture = try await fixtures.greyPixels(of: keyframes.appendingPathComponent(shot.keyframe ?? ""))
            let distances = middles.map { MediaCheck.difference(picture, $0) }
            #expect(distances.firstIndex(of: distances.min() ?? 0) == index, "shot \(shot.index): \(distances)")
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: keyframes.path)
        #expect(leftovers.sorted() == analysis.shots.compactMap(\.keyframe).sorted())

        let fractions = seen.withLock { $0 }
        #expect(fractions.first == 0 && fractions.last == 1)
        #expect(zip(fractions, fractions.dropFirst()).allSatisfy { $0 <= $1 })
        #expect(fractions.count >= 4, "progress \(fractions)")
    }

    @Test("a dissolve, a fade through black and a slide are gradual transitions near their middle, with their length")
    func gradualTransitions() async throws {
        let fixtures = try SampleFixtures()
        defer { fixtures.remove() }
        for (transition, duration) in [("fade", 1.0), ("fadeblack", 1.2), ("slideleft", 0.8)] {
            let video = try await fixtures.crossfade(transition, offset: 2, duration: duration, total: 5)
            let analysis = try await SampleAnalyzer().analyze(video: video)
            let shots = analysis.shots
            #expect(shots.count == 2, "\(transition): shots \(shots.map { ($0.start, $0.entry) })")
            let second = try #require(shots.dropFirst().first)
            #expect(second.entry == .gradual, "\(transition)")
            #expect(abs(second.start - (2 + duration / 2)) <= 0.2, "\(transition): boundary at \(second.start)")
            #expect(
                abs(second.transitionSeconds - duration) <= 0.3,
                "\(transition): \(second.transitionSeconds) s long")
        }
    }

    @Test(
        "fast camera motion and noise-like texture make no cuts",
        arguments: [
            (
                "pan", "testsrc2=s=1280x720:r=25",
                "crop=320:180:x='480+470*sin(t*3)':y='270+260*cos(t*2.3)'"
            ),
            (
                "zoom", "testsrc2=s=640x360:r=25",
                "zoompan=z='1.6+0.6*sin(in/5)':x='iw/2-iw/zoom/2':y='ih/2-ih/zoom/2':d=1:s=320x180:fps=25"
            ),
            ("noise", "testsrc2=s=320x180:r=25", "noise=alls=90:allf=t+u"),
            ("cellular", "cellauto=s=320x180:rule=30:rate=25:random_fill_ratio=0.5", "format=yuv420p"),
            ("life", "life=s=320x180:r=25:mold=10:ratio=0.3:death_color=#203040:life_color=#e0d0a0", "format=yuv420p"),
        ])
    func noFalseCuts(name: String, source: String, filter: String) async throws {
        let fixtures = try SampleFixtures()
        defer { fixtures.remove() }
        let video = try await fixtures.picture("\(name).mp4", source: source, filter: filter, seconds: 5)
        let analysis = try await SampleAnalyzer().analyze(video: video)
        #expect(analysis.shots.count == 1, "\(name): \(analysis.shots.map { ($0.start, $0.entry) })")
        #expect(analysis.pacing.cutsPerMinute == 0)
        if name == "pan" { #expect(analysis.shots[0].motion >= 0.3, "pan motion \(analysis.shots[0].motion)") }
    }

    @Test("a solid red video's palette, shot colours and brightness are red; a still picture has no motion")
    func solidRed() async throws {
        let fixtures = try SampleFixtures()
        defer { fixtures.remove() }
        let video = try await fixtures.picture("red.mp4", source: "color=c=red:s=320x180:r=25", seconds: 3)
        let analysis = try await SampleAnalyzer().analyze(video: video)
        let main = try #require(analysis.palette.first)
        #expect(main.share >= 0.95, "palette \(analysis.palette)")
        let value = try #require(Int(main.hex.dropFirst(), radix: 16))
        #expect(value >> 16 & 255 >= 200 && value >> 8 & 255 <= 40 && value & 255 <= 40, "main colour \(main.hex)")
        #expect(analysis.shots.count == 1 && analysis.shots[0].colours.first == main.hex)
        #expect(abs(analysis.shots[0].brightness - 0.3) <= 0.05, "brightness \(analysis.shots[0].brightness)")
        #expect(analysis.shots[0].motion <= 0.02)
        #expect(analysis.audio.present == false && analysis.audio.segments.isEmpty)
        #expect(analysis.container.width == 320 && analysis.container.fps == 25 && !analysis.container.hasAudio)
        #expect(analysis.description.source == "rules" && !analysis.description.summary.isEmpty)
    }

    @Test("the transitions of a timeline rendered by Pixora's own renderer are found as gradual, at their middles")
    func renderedTimeline() async throws {
        let fixtures = try MediaFixtures()
        defer { fixtures.remove() }
        var state = try await fixtures.timeline(captions: false)
        state.overlays = []
        let video = fixtures.root.appendingPathComponent("timeline.mp4")
        try await Renderer(assets: fixtures.folder).render(
            state, to: video, thumbnail: fixtures.root.appendingPathComponent("timeline.jpg"))
        let analysis = try await SampleAnalyzer().analyze(video: video)
        // Clips of 3 s with 0.5 s transitions: the second starts at 2.5 s, the third at 5 s.
        let middles = [2.75, 5.25]
        let found = analysis.shots.dropFirst()
        #expect(found.count == middles.count, "\(analysis.shots.map { ($0.start, $0.entry) })")
        for (shot, middle) in zip(found, middles) {
            #expect(shot.entry == .gradual && abs(shot.start - middle) <= 0.1, "\(shot.start) vs \(middle)")
            #expect(abs(shot.transitionSeconds - 0.5) <= 0.15, "\(shot.transitionSeconds) s")
        }
    }

    @Test("cuts that come faster and faster raise the rhythm and read as accelerating")
    func accelerating() async throws {
        let fixtures = try SampleFixtures()
        defer { fixtures.remove() }
        let lengths = [3.0, 2.4, 1.8, 1.2, 0.8, 0.6, 0.6, 0.4, 0.4, 0.4]
        let sources = ["testsrc2", "smptebars", "rgbtestsrc"]
        let video = try await fixtures.cuts(lengths.indices.map { (sources[$0 % 3], lengths[$0]) })
        let analysis = try await SampleAnalyzer().analyze(video: video)
        #expect(analysis.shots.count == lengths.count, "\(analysis.shots.map(\.start))")
        let pacing = analysis.pacing
        #expect(pacing.trend == "accelerating", "rhythm \(pacing.rhythm)")
        #expect(pacing.rhythm.count == 6 && abs(pacing.windowSeconds - 11.6 / 6) <= 0.01)
        #expect((pacing.rhythm.last ?? 0) > (pacing.rhythm.first ?? 0))
        #expect(abs(pacing.medianShotSeconds - 0.7) <= 0.05 && abs(pacing.meanShotSeconds - 1.16) <= 0.05)
    }

    @Test("a missing file and a file that is not a video are usage errors that say so")
    func rejectsNonVideos() async throws {
        let fixtures = try SampleFixtures()
        defer { fixtures.remove() }
        await #expect(throws: SampleAnalysisError.missing(path: fixtures.url("nope.mp4").path)) {
            try await SampleAnalyzer().analyze(video: fixtures.url("nope.mp4"))
        }
        let text = fixtures.url("notes.mp4")
        try Data("just some words, not a video\n".utf8).write(to: text)
        let picture = try await fixtures.ffmpeg(
            "still.png", ["-f", "lavfi", "-i", "testsrc=s=64x36", "-frames:v", "1"])
        let sound = try await fixtures.ffmpeg("tone.wav", ["-f", "lavfi", "-i", "sine=d=1"])
        let song = try await fixtures.ffmpeg(
            "song.mp3",
            [
                "-f", "lavfi", "-i", "sine=d=2", "-f", "lavfi", "-i", "testsrc=s=64x36:d=0.04", "-map", "0:a", "-map",
                "1:v", "-c:a", "libmp3lame", "-c:v", "png", "-disposition:v", "attached_pic",
            ])
        for file in [text, picture, sound, song] {
            do {
                _ = try await SampleAnalyzer().analyze(video: file)
                Issue.record("\(file.lastPathComponent) was analysed")
            } catch let error as SampleAnalysisError {
                #expect(error.isUsageError)
                #expect("\(error)".contains("is not a video"), "\(error)")
                if file == picture || file == song { #expect("\(error)".contains("still picture"), "\(error)") }
            }
        }
    }
}

@Suite("SampleAnalyzer: sound on ffmpeg- and flite-made samples", .serialized)
struct SampleAnalyzerSoundTests {
    @Test("silence, a steady tone and synthesized speech are classified by their majority share")
    func soundKinds() async throws {
        let fixtures = try SampleFixtures()
        defer { fixtures.remove() }
        let speech = try await fixtures.speech(
            "Bees visit hundreds of flowers every day. They carry nectar home in a special stomach, "
                + "and back at the hive, other bees pass it from mouth to mouth until it thickens into honey.")
        let cases: [(String, [String], SampleAnalysis.SoundKind, String)] = [
            ("silence", ["-f", "lavfi", "-i", "anullsrc=r=48000:cl=stereo"], .silence, "slideshow"),
            ("tone", ["-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000"], .music, "slideshow"),
            ("speech", ["-i", speech.path], .speech, "talking head"),
        ]
        for (name, audio, kind, type) in cases {
            let video = try await fixtures.withSound("\(name).mp4", audio: audio, seconds: 7)
            let analysis = try await SampleAnalyzer().analyze(video: video)
            let report = analysis.audio
            // One still 7 s shot: the sound decides what kind of video it reads as.
            #expect(analysis.description.contentType == type, "\(name): \(analysis.description)")
            #expect(report.present)
            let shares: [SampleAnalysis.SoundKind: Double] = [
                .speech: report.speechShare, .music: report.musicShare, .silence: report.silenceShare,
            ]
            #expect(shares[kind, default: 0] >= 0.6, "\(name): \(shares), segments \(report.segments)")
            #expect(abs(shares.values.reduce(0, +) - 1) <= 0.01)
            #expect(report.segments.first?.start == 0 && abs((report.segments.last?.end ?? 0) - 7) <= 0.1)
            if kind == .silence { #expect(report.integratedLoudness == nil) }
        }
    }

    @Test("music followed by speech: the segments change within a second of the switch")
    func musicThenSpeech() async throws {
        let fixtures = try SampleFixtures()
        defer { fixtures.remove() }
        let speech = try await fixtures.speech(
            "Lava is melted rock. When it reaches the surface it cools, hardens and builds the mountain higher.")
        let chord =
            "aevalsrc='0.3*(sin(2*PI*220*t)+sin(2*PI*277*t)+sin(2*PI*330*t))*exp(-4*mod(t,0.6))':s=48000:d=6"
        let video = try await fixtures.withSound(
            "switch.mp4",
            audio: [
                "-f", "lavfi", "-i", chord, "-i", speech.path, "-filter_complex",
                "[2:a]aresample=48000,aformat=channel_layouts=mono[s];[1:a][s]concat=n=2:v=0:a=1[mix]",
            ], audioOutput: "[mix]", seconds: 10)
        let report = try await SampleAnalyzer().analyze(video: video).audio
        let kinds = report.segments.map(\.kind)
        #expect(kinds.first == .music && kinds.contains(.speech), "\(report.segments)")
        let switchTime = try #require(report.segments.first { $0.kind == .speech }?.start)
        #expect(abs(switchTime - 6) <= 1, "speech from \(switchTime) s")
        #expect(abs((report.tempoBPM ?? 0) - 100) <= 3, "tempo \(String(describing: report.tempoBPM))")
    }

    @Test("integrated loudness matches ffmpeg's EBU R128 meter")
    func loudness() async throws {
        let fixtures = try SampleFixtures()
        defer { fixtures.remove() }
        let video = try await fixtures.withSound(
            "tone.mp4", audio: ["-f", "lavfi", "-i", "sine=frequency=330:sample_rate=48000,volume=0.2"], seconds: 6)
        let report = try await SampleAnalyzer().analyze(video: video).audio
        let reference = try await MediaCheck.loudness(of: video)
        let measured = try #require(report.integratedLoudness)
        #expect(abs(measured - reference.integrated) <= 0.2, "\(measured) vs \(reference.integrated) LUFS")
        #expect(measured < -15 && measured > -50)
        #expect(report.loudnessRange != nil)
    }

    @Test("the tempo of a 120 BPM click track is found within 3 BPM", arguments: [120.0, 96.0])
    func tempo(bpm: Double) async throws {
        let fixtures = try SampleFixtures()
        defer { fixtures.remove() }
        let beat = 60 / bpm
        let clicks =
            "aevalsrc='0.6*sin(2*PI*1200*t)*exp(-60*mod(t,\(beat)))+0.1*sin(2*PI*110*t)':s=48000:c=mono"
        let video = try await fixtures.withSound("clicks.mp4", audio: ["-f", "lavfi", "-i", clicks], seconds: 10)
        let report = try await SampleAnalyzer().analyze(video: video).audio
        #expect(report.musicShare >= 0.6, "segments \(report.segments)")
        let tempo = try #require(report.tempoBPM)
        #expect(abs(tempo - bpm) <= 3, "tempo \(tempo) BPM")
    }
}
