import Foundation
import PixoraCore
import Testing

@Suite("EditorState")
struct EditorStateTests {
    @Test("clip starts and total duration subtract each transition's overlap")
    func timeline() {
        let state = Fixtures.state(clips: 3, duration: 4, transition: Transition(kind: .fade, duration: 1))
        #expect(state.clipStarts == [0, 3, 6])
        #expect(state.duration == 10)
        var withCut = state
        withCut.transitions[0] = .cut
        #expect(withCut.clipStarts == [0, 4, 7])
        #expect(withCut.duration == 11)
    }

    @Test("a valid document has no issues and survives a JSON round trip")
    func roundTrip() throws {
        let state = Fixtures.state()
        #expect(state.validate().isEmpty)
        let data = try CanonicalJSON.encode(state, pretty: true)
        #expect(try EditorState.load(data) == state)
    }

    @Test("each kind of mistake is reported with its field path")
    func fieldMessages() {
        var state = Fixtures.state()
        state.canvas.width = 721
        state.clips[1].duration = -1
        state.clips[2].id = "s1"
        state.transitions[0].duration = 2.5
        state.captions.cues[0].end = 0.1
        state.overlays[0].x = 1.5
        state.overlays[0].style.color = "white"
        state.audio.music.volume = 9
        state.audio.voice.segments[0].start = 50
        state.output.loudness = 0
        let issues = state.validate().map(\.description)
        #expect(issues.contains("canvas.width: must be an even number of pixels between 128 and 3840, got 721"))
        #expect(issues.contains("clips[1].duration: must be between 0.5 and 120 seconds, got -1"))
        #expect(issues.contains("clips[2].id: duplicate clip id 's1'"))
        #expect(issues.contains { $0.hasPrefix("transitions[0].duration: must be more than 0 and at most") })
        #expect(issues.contains("captions.cues[0].end: must be after start (0.5), got 0.1"))
        #expect(issues.contains("overlays[0].x: must be between 0 and 1 (fraction of the width), got 1.5"))
        #expect(issues.contains("overlays[0].style.color: must be a colour like #1A2B3C, got 'white'"))
        #expect(issues.contains("audio.music.volume: must be between 0 and 4, got 9"))
        #expect(issues.contains("output.loudness: must be between -30 and -5 LUFS, got 0"))
    }

    @Test("one transition per cut is required")
    func transitionCount() {
        var state = Fixtures.state(clips: 3)
        state.transitions.removeLast()
        #expect(
            state.validate().map(\.description).contains(
                "transitions: must have one transition per cut: 2 for 3 clips, got 1"))
    }

    @Test("decoding errors name the field and what was expected")
    func decodingMessages() throws {
        let valid = try JSONSerialization.jsonObject(with: CanonicalJSON.encode(Fixtures.state())) as! [String: Any]

        func message(_ edit: (inout [String: Any]) -> Void) -> String {
            var json = valid
            edit(&json)
            let data = try! JSONSerialization.data(withJSONObject: json)
            do {
                _ = try EditorState.load(data)
                return "no error"
            } catch let error as InvalidDocument {
                return error.issues.map(\.description).joined(separator: "; ")
            } catch {
                return "\(error)"
            }
        }

        #expect(message { $0.removeValue(forKey: "canvas") } == "missing field 'canvas'")
        #expect(
            message { json in
                var clips = json["clips"] as! [[String: Any]]
                clips[1]["duration"] = "long"
                json["clips"] = clips
            } == "clips[1].duration: expected a number")
        #expect(
            message { json in
                var transitions = json["transitions"] as! [[String: Any]]
                transitions[0]["kind"] = "spin"
                json["transitions"] = transitions
            }.hasPrefix("transitions[0].kind: unknown value 'spin'; expected one of: cut, fade, dissolve"))
        #expect(
            message { json in
                var clips = json["clips"] as! [[String: Any]]
                clips[0]["asset"] = "../../etc/passwd"
                json["clips"] = clips
            }.hasPrefix("clips[0].asset: '../../etc/passwd' is not an asset reference"))
        #expect(
            try! { () -> String in
                do {
                    _ = try EditorState.load(Data("{not json".utf8))
                    return ""
                } catch let error as InvalidDocument { return error.issues[0].description }
            }().hasPrefix("not valid JSON"))
    }

    @Test("optional fields take their defaults when left out")
    func defaults() throws {
        var json = try JSONSerialization.jsonObject(with: CanonicalJSON.encode(Fixtures.state())) as! [String: Any]
        var audio = json["audio"] as! [String: Any]
        var voice = audio["voice"] as! [String: Any]
        voice["segments"] = [["asset": String(repeating: "a", count: 64) + ".wav", "start": 1, "duration": 2]]
        audio["voice"] = voice
        json["audio"] = audio
        let state = try EditorState.load(JSONSerialization.data(withJSONObject: json))
        let segment = state.audio.voice.segments[0]
        #expect(segment.volume == 1 && segment.fadeIn == 0 && segment.trimIn == 0 && segment.loop == false)
    }
}
