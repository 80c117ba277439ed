/// What the person chose for one run of a step. Each step reads its own fields and refuses the others' (so a
/// mistyped request is not silently a different run); `validate(for:)` says which.
public struct StudioRequest: Codable, Sendable, Hashable {
    /// `hero`: how many candidates (1–4, default 3).
    public var variations: Int?
    /// `storyboard`: the person's edited plan instead of a new one. `frames`: the one scene to redraw.
    public var plan: Plan?
    public var scene: String?
    /// `frames`: which frame of `scene` to redraw (both when absent).
    public var frame: FrameMoment?
    /// `clips`: a model per scene id, overriding the routing.
    public var models: [String: String]?
    /// `audio`: an effect description per scene id ("" for none); absent scenes get a suggestion from their text.
    public var effects: [String: String]?
    /// `audio`: music under the video (the project's setting when absent).
    public var music: Bool?
    /// `edit`: typed edits applied to the current timeline, in order.
    public var operations: [EditorOperation]?
    /// `export`.
    public var format: OutputContainer?
    public var quality: Quality?
    /// A fresh take: new concepts, new hero candidates, a new plan (otherwise the same inputs give the same output).
    public var seed: UInt64?

    public init() {}

    /// The fields a step reads.
    static func fields(of step: StudioStep) -> Set<String> {
        switch step {
        case .idea: ["seed"]
        case .storyboard: ["plan", "seed"]
        case .hero: ["variations", "seed"]
        case .frames: ["scene", "frame"]
        case .clips: ["models"]
        case .audio: ["effects", "music"]
        case .edit: ["operations"]
        case .export: ["format", "quality"]
        }
    }

    var present: Set<String> {
        var names: Set<String> = []
        if variations != nil { names.insert("variations") }
        if plan != nil { names.insert("plan") }
        if scene != nil { names.insert("scene") }
        if frame != nil { names.insert("frame") }
        if models != nil { names.insert("models") }
        if effects != nil { names.insert("effects") }
        if music != nil { names.insert("music") }
        if operations != nil { names.insert("operations") }
        if format != nil { names.insert("format") }
        if quality != nil { names.insert("quality") }
        if seed != nil { names.insert("seed") }
        return names
    }

    /// Problems with this request for `step`, as `field: message`.
    public func issues(for step: StudioStep) -> [DocumentIssue] {
        var issues: [DocumentIssue] = []
        for name in present.subtracting(Self.fields(of: step)).sorted() {
            issues.append(DocumentIssue(name, "is not a choice of the \(step.rawValue) step"))
        }
        if let variations, !(1...4).contains(variations) {
            issues.append(DocumentIssue("variations", "must be 1 to 4, got \(variations)"))
        }
        if frame != nil, scene == nil {
            issues.append(DocumentIssue("frame", "needs the scene whose frame to redraw"))
        }
        for (scene, text) in effects ?? [:] where text.codePointCount > 200 {
            issues.append(DocumentIssue("effects.\(scene)", "must be at most 200 characters"))
        }
        if let operations, operations.count > 100 {
            issues.append(DocumentIssue("operations", "at most 100 edits at once"))
        }
        return issues
    }
}
