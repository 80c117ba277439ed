import PixoraCore

extension PlanOperation {
    /// What this operation did to `before`, in a sentence for the chat reply.
    public func summary(before: Plan, after: Plan) -> String {
        let said = words(before: before, after: after)
        let dropped = Self.spokenSentences(before) - Self.spokenSentences(after)
        guard dropped > 0, kind != .setNarration, kind != .removeScene, kind != .rewriteScene else { return said }
        return said + " \(dropped) sentence\(dropped == 1 ? "" : "s") of narration no longer fit and are not spoken "
            + "(they stay in the script)."
    }

    static func spokenSentences(_ plan: Plan) -> Int {
        plan.scenes.reduce(0) { $0 + RemixNarration.sentences(in: $1.narration).count }
    }

    func words(before: Plan, after: Plan) -> String {
        let length = after.plannedDuration.formattedTenths
        let scenes = Self.scenes(after)
        func number(_ id: String?, in plan: Plan) -> Int { (plan.scenes.firstIndex { $0.id == id } ?? 0) + 1 }
        switch self {
        case .setDuration:
            return "Made it \(length) s (was \(before.plannedDuration.formattedTenths) s): \(scenes)."
        case .setSceneCount:
            return "Now \(scenes) (was \(Self.scenes(before)))."
        case .scalePacing(let factor):
            return "\(factor > 1 ? "Faster" : "Slower") pacing: \(scenes) (was \(Self.scenes(before)))."
        case .setMood(let mood, let sceneId):
            guard let sceneId else { return "Every scene is now \(mood.rawValue)." }
            let old = before.scenes.first { $0.id == sceneId }?.mood.rawValue ?? ""
            return "Scene \(number(sceneId, in: after)) is now \(mood.rawValue) (was \(old))."
        case .setTone(let tone): return "The tone is now \(tone.rawValue) (was \(before.settings.tone.rawValue))."
        case .setStyle(let style): return "The look is now \(style.rawValue) (was \(before.settings.style.rawValue))."
        case .setNarration(let enabled):
            let spoken = after.scenes.filter { !$0.narration.isEmpty }.count
            let joined =
                after.scenes.count < before.scenes.count
                ? " (scenes joined to make room for the words: was \(before.scenes.count))" : ""
            return enabled
                ? "Narration on: the script is spoken over \(spoken) of \(after.scenes.count) scenes\(joined)."
                : "Narration off: no scene is spoken (the script is kept, “add narration” brings it back)."
        case .setMusic:
            let (old, new) = (PlanComparison.MusicSetting(before), PlanComparison.MusicSetting(after))
            return "Music: \(PlanComparison.Change.words(new)) (was \(PlanComparison.Change.words(old)))."
        case .rewriteScene(let id, let narration, let visual):
            let parts = [narration.map { _ in "narration" }, visual.map { _ in "picture" }].compactMap { $0 }
            return "Rewrote scene \(number(id, in: after))'s \(parts.joined(separator: " and "))."
        case .addScene:
            let added = after.scenes.first { scene in !before.scenes.contains { $0.id == scene.id } }
            let seconds = added.map { RemixStaging.visibleLengths(of: after.scenes)[number($0.id, in: after) - 1] }
            return "Added scene \(number(added?.id, in: after)) (\(seconds?.formattedTenths ?? "?") s, "
                + "“\(added?.keyPhrase ?? "")”); the video is now \(length) s in \(after.scenes.count) scenes."
        case .removeScene(let id):
            return "Removed scene \(number(id, in: before)) (\(id)); the video is now \(length) s in "
                + "\(after.scenes.count) scenes."
        case .moveScene(let id, let to):
            let place = to == 0 ? "the start" : to == after.scenes.count - 1 ? "the end" : "position \(to + 1)"
            return "Moved scene \(number(id, in: before)) (\(id)) to \(place)."
        case .matchSampleShot(let sceneId, let shot):
            let scene = after.scenes.first { $0.id == sceneId } ?? after.scenes[0]
            let look = "\(scene.mood.rawValue), \(scene.motion.map(SampleLook.phrase) ?? "still")"
            guard let sceneId else {
                return "Every scene now follows sample shot \(shot) (\(look)): \(scenes)."
            }
            let seconds = RemixStaging.visibleLengths(of: after.scenes)[number(sceneId, in: after) - 1]
            return "Scene \(number(sceneId, in: after)) now follows sample shot \(shot): "
                + "\(seconds.formattedTenths) s, \(look)."
        }
    }

    /// "5 scenes of about 6 s".
    static func scenes(_ plan: Plan) -> String {
        let count = plan.scenes.count
        let mean = plan.plannedDuration / Double(max(count, 1))
        return "\(count) scene\(count == 1 ? "" : "s") of about \(mean.formattedTenths) s"
    }
}
