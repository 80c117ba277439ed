import Foundation

/// One scene of a plan: what is said, what is shown, and how it joins the next.
public struct PlanScene: Codable, Sendable, Hashable {
    /// Characters of narration one scene may hold.
    public static let maximumNarration = 1200

    public var id: String
    public var narration: String
    /// What the picture shows, in words (the image generator's prompt).
    public var visual: String
    /// A short phrase set as typography in the picture.
    public var keyPhrase: String
    public var mood: Mood
    /// Planned length in seconds; the assembler lengthens it if the narration needs more.
    public var duration: Double
    /// Scenes with the same group share one music track.
    public var musicGroup: Int
    /// Transition into the next scene; ignored on the last scene.
    public var transition: Transition
    /// Picks another picture for the same description (a regenerated scene); absent for the first.
    public var variation: Int?
    /// The camera motion of the embedded clip; absent: the pipeline's cycle by scene index.
    public var motion: CameraMotion?
    /// Which generator or model makes the clip and why; absent: the configured default.
    public var generator: SceneGenerator?

    public init(
        id: String, narration: String, visual: String, keyPhrase: String, mood: Mood, duration: Double,
        musicGroup: Int, transition: Transition, variation: Int? = nil, motion: CameraMotion? = nil,
        generator: SceneGenerator? = nil
    ) {
        self.id = id
        self.narration = narration
        self.visual = visual
        self.keyPhrase = keyPhrase
        self.mood = mood
        self.duration = duration
        self.musicGroup = musicGroup
        self.transition = transition
        self.variation = variation
        self.motion = motion
        self.generator = generator
    }
}

/// The planner's output and the user's editable breakdown: everything needed to generate assets.
public struct Plan: Codable, Sendable, Hashable {
    public static let currentVersion = 1
    public static let sceneDurationRange: ClosedRange<Double> = 1.5...30
    public static let maximumScenes = 40

    public var version: Int
    public var title: String
    public var summary: String
    public var script: String
    public var prompt: String
    public var settings: Settings
    public var scenes: [PlanScene]
    /// Media the user uploaded for this plan; absent for plans made from a prompt.
    public var media: PlanMedia?

    public init(
        title: String, summary: String, script: String, prompt: String, settings: Settings, scenes: [PlanScene],
        media: PlanMedia? = nil
    ) {
        self.version = Self.currentVersion
        self.title = title
        self.summary = summary
        self.script = script
        self.prompt = prompt
        self.settings = settings
        self.scenes = scenes
        self.media = media
    }

    /// Planned length of the finished video: scene lengths minus transition overlaps.
    public var plannedDuration: Double {
        let total = scenes.reduce(0) { $0 + $1.duration }
        let overlaps = scenes.dropLast().reduce(0) { $0 + $1.transition.overlap }
        return total - overlaps
    }

    /// Field-level problems, empty when the plan can be generated.
    public func validate() -> [DocumentIssue] {
        var issues: [DocumentIssue] = []
        if version != Self.currentVersion {
            issues.append(
                .init(
                    "version", "unsupported plan version \(version); this Pixora reads version \(Self.currentVersion)"))
        }
        if title.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            issues.append(.init("title", "must not be empty"))
        }
        issues += settings.validate().map { DocumentIssue("settings.\($0.path)", $0.message) }
        if scenes.isEmpty {
            issues.append(.init("scenes", "must contain at least one scene"))
        } else if scenes.count > Self.maximumScenes {
            issues.append(.init("scenes", "has \(scenes.count) scenes; at most \(Self.maximumScenes) are allowed"))
        }
        var seen = Set<String>()
        for (index, scene) in scenes.enumerated() {
            let path = "scenes[\(index)]"
            if !Identifier.isValid(scene.id) {
                issues.append(.init("\(path).id", Identifier.rule))
            } else if !seen.insert(scene.id).inserted {
                issues.append(.init("\(path).id", "duplicate scene id '\(scene.id)'"))
            }
            if !Self.sceneDurationRange.contains(scene.duration) {
                issues.append(
                    .init("\(path).duration", "must be between 1.5 and 30 seconds, got \(scene.duration.formatted)"))
            }
            if scene.narration.codePointCount > PlanScene.maximumNarration {
                issues.append(
                    .init(
                        "\(path).narration",
                        "is \(scene.narration.codePointCount) characters; at most \(PlanScene.maximumNarration) are allowed"
                    ))
            }
            if scene.visual.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                issues.append(.init("\(path).visual", "must describe what the scene shows"))
            }
            if scene.musicGroup < 0 {
                issues.append(.init("\(path).musicGroup", "must be 0 or more, got \(scene.musicGroup)"))
            }
            if index < scenes.count - 1 {
                let next = scenes[index + 1]
                let limit = Transition.longest(between: scene.duration, and: next.duration)
                let overlap = scene.transition.overlap
                if overlap < 0 || overlap > limit {
                    issues.append(
                        .init(
                            "\(path).transition.duration",
                            "must be between 0 and \(limit.formatted) s (half the shorter neighbouring scene, at most 3 s), got \(overlap.formatted)"
                        ))
                }
            }
        }
        return issues
    }

    /// Decodes and validates a plan file's bytes.
    public static func load(_ data: Data) throws -> Plan {
        let plan = try CanonicalJSON.decode(Plan.self, from: data, document: "plan")
        let issues = plan.validate()
        guard issues.isEmpty else { throw InvalidDocument(document: "plan", issues: issues) }
        return plan
    }
}

/// Ids of scenes, clips and overlays: short, lowercase, safe in any file name or URL.
public enum Identifier {
    public static let rule = "must be 1–32 characters of a–z, 0–9 and '-'"

    public static func isValid(_ id: String) -> Bool {
        (1...32).contains(id.count)
            && id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }
}
