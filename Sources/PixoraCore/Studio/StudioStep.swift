/// The eight steps of a guided studio project, in the order they are taken.
public enum StudioStep: String, NamedChoice, Comparable {
    case idea, storyboard, hero, frames, clips, audio, edit, export

    public var position: Int { Self.allCases.firstIndex(of: self) ?? 0 }

    public static func < (lhs: StudioStep, rhs: StudioStep) -> Bool { lhs.position < rhs.position }

    /// The steps whose outputs this one reads. Re-running one of them makes this one stale; the order of the
    /// steps (each waits for every earlier one) is a separate rule, `StudioWorkflow.missingPrerequisite`.
    public var inputs: [StudioStep] {
        switch self {
        case .idea: []
        case .storyboard: [.idea]
        case .hero: [.idea]
        case .frames: [.storyboard, .hero]
        case .clips: [.storyboard, .frames]
        case .audio: [.storyboard]
        case .edit: [.storyboard, .clips, .audio]
        case .export: [.edit]
        }
    }

    /// Every later step that reads this one's output, directly or through another step.
    public var dependents: [StudioStep] {
        var found: [StudioStep] = []
        for step in Self.allCases where step > self {
            if step.inputs.contains(self) || step.inputs.contains(where: found.contains) { found.append(step) }
        }
        return found
    }

    public var title: String {
        switch self {
        case .idea: "Idea"
        case .storyboard: "Storyboard & script"
        case .hero: "Hero shot"
        case .frames: "Start & end frames"
        case .clips: "Video clips"
        case .audio: "Audio"
        case .edit: "Edit"
        case .export: "Export"
        }
    }
}

/// Where one step stands.
public enum StepState: String, NamedChoice {
    /// An earlier step is not done yet.
    case locked
    /// Can run.
    case ready
    /// Its job is queued or working.
    case running
    /// Its run was paused by its owner: its job is held until resumed (or cancelled, which refunds it).
    case paused
    /// Ran; waiting for the person to approve (or run again).
    case review
    /// Approved.
    case done
    /// An input changed after it ran: it must run again before it counts.
    case stale
    /// Its last run failed (and was refunded); it can run again.
    case failed
}
