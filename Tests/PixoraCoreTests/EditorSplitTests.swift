import Foundation
import PixoraCore
import Testing

/// Three 4-second scenes joined by 1-second fades (starts 0, 3, 6; 10 s in all).
private func timeline() -> EditorState {
    var state = Fixtures.state(clips: 3, duration: 4, transition: Transition(kind: .fade, duration: 1))
    state.clips[1].trimIn = 0.5
    return state
}

/// The issues an operation is refused with, as `path: message` lines.
private func refusal(_ operation: EditorOperation, on state: EditorState = timeline()) -> [String] {
    do {
        _ = try state.applying([operation])
        return []
    } catch let error as InvalidDocument {
        return error.issues.map(\.description)
    } catch {
        return ["\(error)"]
    }
}

@Suite("Splitting a clip")
struct EditorSplitTests {
    @Test("a split makes two clips of the same asset joined by a cut, and the video keeps its length")
    func split() throws {
        let before = timeline()
        let result = try before.applying([.splitClip(1, at: 2)])
        let state = result.state
        #expect(state.clips.map(\.id) == ["s1", "s2", "s2-2", "s3"])
        #expect(state.clips.map(\.duration) == [4, 2, 2, 4])
        #expect(state.clips.map(\.trimIn) == [0, 0.5, 2.5, 0])
        #expect(state.clips[1].asset == state.clips[2].asset && state.clips[2].asset == before.clips[1].asset)
        #expect(state.clips[2].sceneId == "s2")
        #expect(state.transitions.map(\.kind) == [.fade, .cut, .fade])
        #expect(state.transitions.map(\.overlap) == [1, 0, 1])
        #expect(state.duration == before.duration)
        #expect(state.clipStarts == [0, 3, 5, 6])
        // Nothing on the timeline moves: the cut shows the same frames at the same times.
        #expect(state.audio == before.audio)
        #expect(state.captions == before.captions)
        #expect(state.overlays == before.overlays)
        #expect(result.changes == ["Split scene 2 at 2 s into two parts (2 s and 2 s) joined by a cut"])
    }

    @Test("a clip can be named by its id, and repeated splits get fresh ids")
    func splitByID() throws {
        let state = try timeline().applying([.splitClip(id: "s1", at: 2), .splitClip(id: "s1", at: 1)]).state
        #expect(state.clips.map(\.id) == ["s1", "s1-3", "s1-2", "s2", "s3"])
        #expect(state.clips.map(\.duration) == [1, 1, 2, 4, 4])
        #expect(state.clips.map(\.trimIn) == [0, 1, 2, 0.5, 0])
        #expect(state.transitions.map(\.kind) == [.cut, .cut, .fade, .fade])
        #expect(Set(state.clips.map(\.id)).count == state.clips.count)
        #expect(state.validate().isEmpty)
        #expect(refusal(.splitClip(id: "nope", at: 1)) == ["operations[0].id: there is no clip 'nope'"])
    }

    @Test("a split within one frame of either end is refused")
    func withinAFrame() {
        for at in [0.02, 3.99, 0, 4, -1] {
            let issues = refusal(.splitClip(2, at: at))
            #expect(issues.count == 1)
            #expect(issues.first?.hasPrefix("operations[0].at: must be at least one frame") == true, "\(issues)")
        }
    }

    @Test("a split leaving a part shorter than half a second is refused with the range that works")
    func tooShort() {
        #expect(
            refusal(.splitClip(2, at: 0.3)) == [
                "operations[0].at: would leave a part shorter than 0.5 s; split scene 3 between 0.5 and 3.5 s"
            ])
    }

    @Test("a split is refused when a neighbour's transition would not fit the shorter part")
    func transitionsMustFit() {
        // The 1 s fade into scene 2 needs a first part of at least 2 s; the one out of it a second part of 2 s.
        for at in [1.5, 2.5] {
            let issues = refusal(.splitClip(1, at: at))
            #expect(issues.count == 1)
            #expect(issues.first?.contains("a fade, 1 s between scenes") == true, "\(issues)")
            #expect(issues.first?.contains("would not fit") == true)
        }
        // A cut next to it asks for nothing, and the first clip has no transition before it.
        var cuts = timeline()
        cuts.transitions = [.cut, .cut]
        #expect(refusal(.splitClip(1, at: 1.5), on: cuts).isEmpty)
        #expect(refusal(.splitClip(0, at: 1)) == [])
    }

    @Test("the split operation reads from JSON with its clip and offset")
    func wireFormat() throws {
        let json = #"{"op":"splitClip","clip":1,"at":2}"#
        #expect(try JSONDecoder().decode(EditorOperation.self, from: Data(json.utf8)) == .splitClip(1, at: 2))
    }
}
