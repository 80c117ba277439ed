import PixoraCore
import PixoraMedia

extension PlanOperation {
    /// The plan with this change made, or `PlanOperationRefused` saying why it cannot be (the plan is a value, so
    /// a refused change leaves nothing behind). The result is checked like any plan and against the remix limits.
    public func apply(to plan: Plan, context: RemixContext) throws -> Plan {
        var edit = PlanEdit(plan: plan, kind: kind)
        switch self {
        case .setDuration(let seconds): try edit.setDuration(seconds)
        case .setSceneCount(let count): try edit.setSceneCount(count)
        case .scalePacing(let factor): try edit.scalePacing(factor)
        case .setMood(let mood, let sceneId): try edit.setMood(mood, sceneId: sceneId)
        case .setTone(let tone): edit.plan.settings.tone = tone
        case .setStyle(let style): edit.plan.settings.style = style
        case .setNarration(let enabled): try edit.setNarration(enabled)
        case .setMusic(let source): try edit.setMusic(source, uploads: context.uploads)
        case .rewriteScene(let id, let narration, let visual):
            try edit.rewrite(id, narration: narration, visual: visual)
        case .addScene(let after, let narration, let visual, let duration):
            try edit.add(after: after, narration: narration, visual: visual, duration: duration)
        case .removeScene(let id): try edit.remove(id)
        case .moveScene(let id, let to): try edit.move(id, to: to)
        case .matchSampleShot(let sceneId, let shot): try edit.match(sceneId, shot: shot, analysis: context.analysis)
        }
        try edit.check()
        return edit.plan
    }
}

/// The working copy of a plan while one operation changes it.
struct PlanEdit {
    var plan: Plan
    let kind: PlanOperation.Kind

    var lengths: [Double] { RemixStaging.visibleLengths(of: plan.scenes) }
    var total: Double { lengths.reduce(0, +) }

    func refuse(_ message: String) -> PlanOperationRefused { PlanOperationRefused(kind, message) }

    /// The position of scene `id`.
    func position(of id: String) throws -> Int {
        guard let index = plan.scenes.firstIndex(where: { $0.id == id }) else {
            let ids = plan.scenes.map(\.id).joined(separator: ", ")
            throw refuse("There is no scene '\(TextSanitizer.singleLine(id).prefix(40))'; the scenes are \(ids).")
        }
        return index
    }

    /// Scenes and lengths laid out again, with the plan's length in its settings.
    mutating func stage(_ scenes: [PlanScene], lengths: [Double]) {
        plan.scenes = RemixStaging.staged(scenes, visible: lengths, fps: plan.settings.fps)
        plan.settings.durationSeconds = (plan.plannedDuration * 1000).rounded() / 1000
    }

    /// After the scenes' lengths changed: when a scene can no longer say its words, the narration is laid over the
    /// scenes again (`spread`), so the assembler never has to lengthen a scene and the video keeps the length the
    /// person asked for.
    mutating func refitNarration(joining: Bool) {
        let visible = plan.visibleSceneLengths
        let crowded = plan.scenes.indices.contains { index in
            let words = plan.scenes[index].narration
            return !words.isEmpty && RemixNarration.needs([words], settings: plan.settings) > visible[index] + 1e-6
        }
        guard crowded else { return }
        spread(plan.scenes.flatMap { RemixNarration.sentences(in: $0.narration) }, joining: joining)
    }

    /// Lays `sentences` over the scenes in order; what finds no room is not spoken (it stays in the script). With
    /// `joining`, neighbouring scenes are joined (fewest joins first) until at least three quarters of the words
    /// fit, because scenes cut for music are often too short for a sentence.
    mutating func spread(_ sentences: [String], joining: Bool) {
        let visible = lengths
        let lowest = joining ? Self.sceneRange(for: total).lowerBound : plan.scenes.count
        var best: (resizing: SceneResizing, placed: [[String]], kept: Int)?
        for count in stride(from: plan.scenes.count, through: min(lowest, plan.scenes.count), by: -1) {
            var resizing = SceneResizing(scenes: plan.scenes, lengths: visible)
            resizing.resize(to: count)
            let placed = RemixNarration.distribute(
                sentences, over: resizing.lengths, settings: plan.settings, dropping: true)
            let kept = placed.reduce(0) { $0 + $1.count }
            if kept > best?.kept ?? -1 { best = (resizing, placed, kept) }
            if kept * 4 >= sentences.count * 3 { break }
        }
        guard var chosen = best else { return }
        for index in chosen.resizing.scenes.indices {
            chosen.resizing.scenes[index].narration = chosen.placed[index].joined(separator: " ")
        }
        stage(chosen.resizing.scenes, lengths: chosen.resizing.lengths)
    }

    /// The visible lengths with scene `index` at least `seconds` long, the others shortened to keep the total.
    func making(_ index: Int, atLeast seconds: Double) throws -> [Double] {
        var visible = lengths
        // Whole frames and one more, so the staging's rounding cannot leave the words a frame short.
        let rate = Double(plan.settings.fps)
        let seconds = ((seconds * rate).rounded(.up) + 1) / rate
        guard seconds > visible[index] else { return visible }
        guard seconds <= RemixLimits.longestVisible else {
            throw refuse(
                "Those words take about \(seconds.formattedTenths) s to say; a scene shows at most "
                    + "\(RemixLimits.longestVisible.formatted) s. Shorten them or split them over two scenes.")
        }
        let others = visible.indices.filter { $0 != index }
        let rest = total - seconds
        guard Double(others.count) * RemixLimits.shortestScene <= rest else {
            throw refuse("Those words need \(seconds.formattedTenths) s; the other scenes cannot give up that much.")
        }
        let fitted = RemixStaging.fitted(others.map { visible[$0] }, total: rest)
        for (position, other) in others.enumerated() { visible[other] = fitted[position] }
        visible[index] = seconds
        return visible
    }

    /// The fewest and most scenes a video of `seconds` can have within the scene limits.
    static func sceneRange(for seconds: Double) -> ClosedRange<Int> {
        let fewest = max(Int((seconds / RemixLimits.longestVisible - 1e-9).rounded(.up)), 1)
        let most = min(Int((seconds / RemixLimits.shortestScene + 1e-9).rounded(.down)), RemixLimits.mostScenes)
        return fewest...max(fewest, most)
    }

    mutating func setDuration(_ seconds: Double) throws {
        let range = RemixLimits.shortestVideo...RemixLimits.longestVideo
        guard seconds.isFinite, range.contains(seconds) else {
            throw refuse("A remix is 5 to 60 seconds long; \(seconds.formatted) s is outside that.")
        }
        let scale = seconds / total
        var resizing = SceneResizing(scenes: plan.scenes, lengths: lengths.map { $0 * scale })
        let counts = Self.sceneRange(for: seconds)
        resizing.resize(to: min(max(plan.scenes.count, counts.lowerBound), counts.upperBound))
        stage(resizing.scenes, lengths: RemixStaging.fitted(resizing.lengths, total: seconds))
        refitNarration(joining: true)
    }

    mutating func setSceneCount(_ count: Int) throws {
        let counts = Self.sceneRange(for: total)
        guard counts.contains(count) else {
            throw refuse(
                "A \(total.formattedTenths) s video can have \(counts.lowerBound) to \(counts.upperBound) scenes "
                    + "(each 1.5 to 15 s); \(count) does not fit.")
        }
        let length = total
        var resizing = SceneResizing(scenes: plan.scenes, lengths: lengths)
        resizing.resize(to: count)
        stage(resizing.scenes, lengths: RemixStaging.fitted(resizing.lengths, total: length))
        refitNarration(joining: false)
    }

    mutating func scalePacing(_ factor: Double) throws {
        guard factor.isFinite, (0.25...4).contains(factor), factor != 1 else {
            throw refuse("The pacing factor must be between 0.25 and 4 and not 1; got \(factor.formatted).")
        }
        let count = plan.scenes.count
        var wanted = Int((Double(count) * factor).rounded())
        if wanted == count { wanted += factor > 1 ? 1 : -1 }
        let counts = Self.sceneRange(for: total)
        let clamped = min(max(wanted, counts.lowerBound), counts.upperBound)
        guard clamped != count else {
            throw refuse(
                factor > 1
                    ? "The video already cuts as fast as it can: \(count) scenes is the most "
                        + "\(total.formattedTenths) s allows."
                    : "The video already cuts as slowly as it can: \(count) scene\(count == 1 ? "" : "s") "
                        + "of at most 15 s."
            )
        }
        try setSceneCount(clamped)
    }

    mutating func setMood(_ mood: Mood, sceneId: String?) throws {
        let visible = lengths
        var scenes = plan.scenes
        if let sceneId {
            scenes[try position(of: sceneId)].mood = mood
        } else {
            for index in scenes.indices { scenes[index].mood = mood }
        }
        stage(scenes, lengths: visible)
    }

    mutating func setNarration(_ enabled: Bool) throws {
        let visible = lengths
        var scenes = plan.scenes
        if enabled {
            let sentences = RemixNarration.sentences(in: plan.script)
            guard !sentences.isEmpty else {
                throw refuse("This plan has no script to narrate; rewrite a scene with the words to say.")
            }
            // Spreading the script again would undo rewritten scenes; a plan that mostly speaks is narrated already.
            guard scenes.filter({ !$0.narration.isEmpty }).count * 2 <= scenes.count else {
                throw refuse("The video is narrated already; rewrite a scene to change what it says.")
            }
            spread(sentences, joining: true)
            return
        }
        guard scenes.contains(where: { !$0.narration.isEmpty }) else {
            throw refuse("The video has no narration to turn off.")
        }
        for index in scenes.indices { scenes[index].narration = "" }
        stage(scenes, lengths: visible)
    }

    mutating func setMusic(_ source: PlanOperation.MusicSource, uploads: PlanMedia) throws {
        var media = plan.media ?? PlanMedia()
        switch source {
        case .generated:
            media.music = nil
            plan.settings.music = true
        case .upload:
            guard let music = uploads.music else {
                throw refuse(
                    "There is no uploaded music in this project; upload a music file first, or say “generate music”.")
            }
            media.music = music
            plan.settings.music = true
        case .none:
            media.music = nil
            plan.settings.music = false
        }
        plan.media = media.isEmpty ? nil : media
    }

    mutating func rewrite(_ id: String, narration: String?, visual: String?) throws {
        let index = try position(of: id)
        guard narration != nil || visual != nil else { throw refuse("Say the new narration or the new picture.") }
        var scenes = plan.scenes
        if let visual { scenes[index].visual = try Self.picture(visual, refuse: refuse) }
        guard let narration else {
            plan.scenes = scenes
            return
        }
        scenes[index].narration = try Self.words(narration, refuse: refuse)
        // The scene grows to hold the new words; the others give up the time, so the video keeps its length.
        let needs =
            scenes[index].narration.isEmpty
            ? 0 : RemixNarration.needs([scenes[index].narration], settings: plan.settings)
        stage(scenes, lengths: try making(index, atLeast: needs))
    }

    mutating func add(after: String?, narration: String, visual: String, duration: Double?) throws {
        guard plan.scenes.count < RemixLimits.mostScenes else {
            throw refuse("The plan already has \(RemixLimits.mostScenes) scenes, the most it may have.")
        }
        let insert = try after.map { try position(of: $0) + 1 } ?? 0
        var visible = lengths
        let words = try Self.words(narration, refuse: refuse)
        let needs = words.isEmpty ? 0 : RemixNarration.needs([words], settings: plan.settings)
        let length = max(duration ?? total / Double(plan.scenes.count), needs)
        guard length.isFinite, (RemixLimits.shortestScene...RemixLimits.longestVisible).contains(length) else {
            throw refuse("A new scene is 1.5 to 13.5 s long; \(length.formatted) s is outside that.")
        }
        let neighbour = plan.scenes[max(insert - 1, 0)]
        let picture = try Self.picture(visual, refuse: refuse)
        let scene = PlanScene(
            id: SceneResizing.freeId(in: plan.scenes), narration: words,
            visual: picture, keyPhrase: Self.keyPhrase(picture), mood: neighbour.mood, duration: length,
            musicGroup: 0, transition: neighbour.transition, motion: .zoomIn,
            generator: SceneGenerator(
                id: "embedded.kenburns", reason: "slow push-in for a scene added in chat, between the sample's shots"))
        var scenes = plan.scenes
        scenes.insert(scene, at: insert)
        visible.insert(length, at: insert)
        let wanted = visible.reduce(0, +)
        stage(scenes, lengths: RemixStaging.fitted(visible, total: min(wanted, RemixLimits.longestVideo)))
    }

    mutating func remove(_ id: String) throws {
        let index = try position(of: id)
        guard plan.scenes.count > 1 else { throw refuse("The plan's only scene cannot be removed.") }
        var visible = lengths
        guard total - visible[index] >= RemixLimits.shortestVideo else {
            throw refuse("Without that scene the video would be shorter than 5 s; make it longer first.")
        }
        var scenes = plan.scenes
        scenes.remove(at: index)
        visible.remove(at: index)
        stage(scenes, lengths: visible)
    }

    mutating func move(_ id: String, to destination: Int) throws {
        let index = try position(of: id)
        guard plan.scenes.indices.contains(destination) else {
            throw refuse("Position \(destination + 1) does not exist; the plan has \(plan.scenes.count) scenes.")
        }
        guard destination != index else { throw refuse("That scene is already at position \(index + 1).") }
        var visible = lengths
        var scenes = plan.scenes
        let scene = scenes.remove(at: index)
        let length = visible.remove(at: index)
        scenes.insert(scene, at: destination)
        visible.insert(length, at: destination)
        stage(scenes, lengths: visible)
    }

    mutating func match(_ sceneId: String?, shot number: Int, analysis: SampleAnalysis) throws {
        guard let shot = analysis.shots.first(where: { $0.index == number && $0.duration > 0 }) else {
            throw refuse("The sample has no shot \(number); its shots are 1 to \(analysis.shots.count).")
        }
        let length = min(max(shot.duration, RemixLimits.shortestScene), RemixLimits.longestVisible)
        let mood = SampleLook.mood(of: shot, overall: analysis.description.mood)
        func matched(_ scene: PlanScene, at position: Int) -> PlanScene {
            var scene = scene
            let motion = SampleLook.motion(of: shot, position: position)
            scene.mood = mood
            scene.motion = motion
            scene.visual = SampleLook.visual(SampleLook.baseVisual(scene.visual), shot: shot)
            scene.generator = SampleLook.generator(for: shot, motion: motion, videoModel: nil)
            return scene
        }
        if let sceneId {
            let index = try position(of: sceneId)
            var visible = lengths
            let wanted = total - visible[index] + length
            guard wanted >= RemixLimits.shortestVideo else {
                throw refuse("With that shot's length the video would be shorter than 5 s.")
            }
            visible[index] = length
            var scenes = plan.scenes
            scenes[index] = matched(scenes[index], at: index)
            stage(scenes, lengths: RemixStaging.fitted(visible, total: min(wanted, RemixLimits.longestVideo)))
            refitNarration(joining: false)
            return
        }
        // The whole video: as many scenes of the shot's length as fit the same total.
        let length0 = total
        let counts = Self.sceneRange(for: length0)
        let count = min(max(Int((length0 / length).rounded()), counts.lowerBound), counts.upperBound)
        var resizing = SceneResizing(scenes: plan.scenes, lengths: lengths)
        resizing.resize(to: count)
        let transition = SampleLook.transition(into: shot)
        let scenes = resizing.scenes.enumerated().map { position, scene in
            var scene = matched(scene, at: position)
            scene.transition = transition
            return scene
        }
        stage(scenes, lengths: Array(repeating: length0 / Double(count), count: count))
        refitNarration(joining: false)
    }

    /// Checks the result like any plan, and against what a remix may be.
    func check() throws {
        var problems = plan.validate().map(\.description)
        if plan.plannedDuration > RemixLimits.longestVideo + 0.01 {
            problems.append("the video would be \(plan.plannedDuration.formattedTenths) s; a remix is at most 60 s")
        }
        if let long = plan.scenes.first(where: { $0.duration > RemixLimits.longestScene + 1e-9 }) {
            problems.append("scene \(long.id) would be \(long.duration.formattedTenths) s; a scene is at most 15 s")
        }
        guard problems.isEmpty else { throw refuse("That change does not fit: " + problems.joined(separator: "; ")) }
    }

    /// Narration from a person or a model: one clean line within the plan's limit.
    static func words(_ text: String, refuse: (String) -> PlanOperationRefused) throws -> String {
        let clean = TextSanitizer.singleLine(text).trimmingCharacters(in: .whitespaces)
        guard clean.codePointCount <= PlanScene.maximumNarration else {
            throw refuse("A scene's narration is at most \(PlanScene.maximumNarration) characters.")
        }
        return clean
    }

    /// A picture description from a person or a model: one clean, non-empty line of at most 500 characters.
    static func picture(_ text: String, refuse: (String) -> PlanOperationRefused) throws -> String {
        let clean = TextSanitizer.singleLine(text).trimmingCharacters(in: .whitespaces)
        guard !clean.isEmpty else { throw refuse("Describe what the scene shows.") }
        guard clean.codePointCount <= 500 else { throw refuse("A picture description is at most 500 characters.") }
        return clean
    }

    /// The first few words of a description, as the scene's typography.
    static func keyPhrase(_ visual: String) -> String {
        let words = visual.split(whereSeparator: { $0.isWhitespace || $0 == "," }).prefix(4)
        return String(words.joined(separator: " ").prefix(60))
    }
}
