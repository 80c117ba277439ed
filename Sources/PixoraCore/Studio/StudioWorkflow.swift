/// A guided studio project's document: the settings, every step's state, and what each step made. Versioned and
/// validated like a Plan; every change is one of the typed transitions below, which keep the rules:
/// a step runs only after every earlier step is done, one step runs at a time, a finished run waits for approval,
/// and a run or an approval that changes a step's output makes every step that reads it stale.
public struct StudioWorkflow: Codable, Sendable, Hashable {
    public static let currentVersion = 1

    public var version: Int
    public var topic: String
    public var settings: Settings
    public var steps: [StepRecord]
    public var outputs: StudioOutputs

    public init(topic: String, settings: Settings) {
        version = Self.currentVersion
        self.topic = topic
        self.settings = settings
        steps = StudioStep.allCases.map { StepRecord(step: $0, state: $0 == .idea ? .ready : .locked) }
        outputs = StudioOutputs()
    }

    public subscript(step: StudioStep) -> StepRecord {
        get { steps.first { $0.step == step } ?? StepRecord(step: step, state: .locked) }
        set {
            if let index = steps.firstIndex(where: { $0.step == step }) { steps[index] = newValue }
        }
    }

    /// The first earlier step that is not done, which keeps `step` from running.
    public func missingPrerequisite(of step: StudioStep) -> StudioStep? {
        StudioStep.allCases.first { $0 < step && self[$0].state != .done }
    }

    public var runningStep: StudioStep? { steps.first { $0.state == .running }?.step }

    /// Checks that `step` may run now.
    public func checkCanRun(_ step: StudioStep) throws(StudioRuleError) {
        if let missing = missingPrerequisite(of: step) { throw .locked(step: step, missing: missing) }
        if let running = runningStep { throw .busy(running: running) }
        if let paused = pausedStep { throw .paused(step: paused) }
    }

    /// The step's job was queued, charging `credits`.
    public func started(_ step: StudioStep, credits: Int, at time: Int64) throws(StudioRuleError) -> Self {
        try checkCanRun(step)
        var next = self
        next[step].state = .running
        next[step].runs += 1
        next[step].error = nil
        next[step].credits += credits
        next[step].lastRunCredits = credits
        next[step].updatedAt = time
        return next
    }

    /// The run finished with `outputs` (the step's part replaced): the step waits for review, and every step that
    /// reads it is stale when the output differs from what it last approved.
    public func completed(_ step: StudioStep, outputs newOutputs: StudioOutputs, at time: Int64) -> Self {
        var next = self
        next.outputs = newOutputs
        next[step].state = .review
        next[step].updatedAt = time
        if newOutputs.digest(of: step) != self[step].approvedDigest { next.markDependentsStale(of: step, at: time) }
        return next
    }

    /// The run failed for good, or its owner cancelled it (its credits are refunded by the caller).
    public func failed(_ step: StudioStep, error: String, refunded credits: Int, at time: Int64) -> Self {
        var next = self
        guard [.running, .paused].contains(next[step].state) else { return next }
        next[step].state = .failed
        next[step].error = error
        next[step].credits -= credits
        next[step].lastRunCredits = 0
        next[step].updatedAt = time
        return next
    }

    /// The person accepts the step's output (after choosing among its candidates: `outputs` holds the choice).
    public func approved(_ step: StudioStep, outputs newOutputs: StudioOutputs, at time: Int64) throws(StudioRuleError)
        -> Self
    {
        guard self[step].state == .review else { throw .notInReview(step: step, state: self[step].state) }
        var next = self
        next.outputs = newOutputs
        let digest = newOutputs.digest(of: step)
        if digest != self[step].approvedDigest { next.markDependentsStale(of: step, at: time) }
        next[step].state = .done
        next[step].approvedDigest = digest
        next[step].updatedAt = time
        // Every locked step whose earlier steps are now all done opens (approvals may come in any order when an
        // earlier step was run again); a stale one stays stale: it must run again.
        for following in StudioStep.allCases
        where next[following].state == .locked && next.missingPrerequisite(of: following) == nil {
            next[following].state = .ready
        }
        return next
    }

    mutating func markDependentsStale(of step: StudioStep, at time: Int64) {
        for dependent in step.dependents where [.review, .done, .failed].contains(self[dependent].state) {
            self[dependent].state = .stale
            self[dependent].updatedAt = time
        }
    }

    /// Structural problems of a stored or sent document, as `path: message`.
    public func validate() -> [DocumentIssue] {
        var issues: [DocumentIssue] = []
        if version != Self.currentVersion {
            issues.append(DocumentIssue("version", "unsupported workflow version \(version)"))
        }
        if steps.map(\.step) != StudioStep.allCases {
            issues.append(DocumentIssue("steps", "must list the eight steps once each, in order"))
        }
        if steps.filter({ [.running, .paused].contains($0.state) }).count > 1 {
            issues.append(DocumentIssue("steps", "at most one step runs (or is paused) at a time"))
        }
        return issues
    }
}

/// One step's state and its bookkeeping.
public struct StepRecord: Codable, Sendable, Hashable {
    public var step: StudioStep
    public var state: StepState
    public var runs: Int
    /// Credits spent on this step over all its runs (refunds taken off).
    public var credits: Int
    /// What the latest run was charged.
    public var lastRunCredits: Int
    public var error: String?
    /// The output as last approved, to tell whether a rerun changed it.
    public var approvedDigest: String?
    /// The run that was paused at least once (it keeps its whole charge: `StudioProjects.complete`).
    public var pausedRun: Int?
    public var updatedAt: Int64

    public init(step: StudioStep, state: StepState) {
        self.step = step
        self.state = state
        runs = 0
        credits = 0
        lastRunCredits = 0
        updatedAt = 0
    }
}

/// Why a step cannot run or be approved now.
public enum StudioRuleError: Error, Equatable, CustomStringConvertible {
    case locked(step: StudioStep, missing: StudioStep)
    case busy(running: StudioStep)
    case notInReview(step: StudioStep, state: StepState)
    case paused(step: StudioStep)

    public var description: String {
        switch self {
        case .locked(let step, let missing):
            "The \(step.rawValue) step needs the \(missing.rawValue) step to be approved first."
        case .busy(let running):
            "The \(running.rawValue) step is running; wait for it to finish."
        case .notInReview(let step, let state):
            "The \(step.rawValue) step has nothing to approve: it is \(state.rawValue)."
        case .paused(let step):
            "The \(step.rawValue) step is paused; resume it or cancel it first."
        }
    }
}
