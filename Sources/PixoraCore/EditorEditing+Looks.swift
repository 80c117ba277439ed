import Foundation

/// Colour looks (whole video or one clip) and overlay animations.
extension Edit {
    mutating func setLook(_ operation: EditorOperation) throws {
        switch operation.op {
        case .setLook:
            let look = try lookValue(operation.look)
            state.look = look
            changes.append("The video now has \(look.summary)")
        case .setClipLook:
            let clip = try clipIndex(operation.clip)
            let look = try lookValue(operation.look)
            state.clips[clip].look = look
            changes.append("Scene \(clip + 1) now has \(look.summary)")
        default:
            if operation.clip != nil {
                let clip = try clipIndex(operation.clip)
                state.clips[clip].look = nil
                changes.append("Scene \(clip + 1) now follows the video's look")
            } else {
                state.look = nil
                changes.append("Removed the video's look")
            }
        }
    }

    mutating func setOverlayAnimation(_ operation: EditorOperation) throws {
        let id = try required(operation.id, "id")
        guard let index = state.overlays.firstIndex(where: { $0.id == id }) else {
            throw fail("id", "there is no overlay '\(id)'")
        }
        let animation = try required(operation.animation, "animation")
        let overlay = state.overlays[index]
        let issues = animation.issues(at: "\(path).animation", span: overlay.end - overlay.start)
        guard issues.isEmpty else { throw InvalidDocument(document: "operations", issues: issues) }
        state.overlays[index].animation = animation.isEmpty ? nil : animation
        changes.append(Self.describe(animation: state.overlays[index].animation, of: overlay.text))
    }

    func lookValue(_ value: Look?) throws -> Look {
        let look = try required(value, "look")
        let issues = look.issues(at: "\(path).look")
        guard issues.isEmpty else { throw InvalidDocument(document: "operations", issues: issues) }
        return look
    }

    static func describe(animation: OverlayAnimation?, of text: String) -> String {
        guard let animation, !animation.isEmpty else { return "The text “\(text)” no longer animates" }
        let parts = [("enters", animation.in), ("leaves", animation.out)].compactMap { verb, step in
            step.map { "\(verb) with \($0.type.rawValue) (\($0.duration.formatted) s)" }
        }
        return "The text “\(text)” now \(parts.joined(separator: " and "))"
    }
}
