import Foundation
import PixoraCore
import SQLKit

/// What a pause, resume or cancel of a studio step found: the move made, or the state that allows none.
public enum StepMoveOutcome: Sendable, Equatable {
    /// The step and its job moved (or a pause found the step paused already).
    case done
    /// Pause or cancel of a step that is neither running nor paused.
    case notRunning(StepState)
    /// Resume of a step that is not paused.
    case notPaused(StepState)
}

/// Pausing, resuming and cancelling a studio step's run, as `Videos+Pause` does for a video's generation. Each
/// takes the job row before the project row, the order of a finishing worker (`Jobs.complete`, then
/// `StudioProjects.complete`), so a pause and a worker that completes at the same moment serialise: one wins.
/// Everything a run made is in the content-addressed store, so a resumed run makes only what is missing.
/// Call each inside a transaction.
extension StudioProjects {
    /// Holds the step's queued or running job (lease cleared; a running job's attempt is given back, since a pause
    /// is not a failure): its worker stops at its next heartbeat, discarding the item it was making.
    public static func pause(_ db: any SQLDatabase, owner: String, id: String, step: StudioStep) async throws
        -> StepMoveOutcome?
    {
        guard let state = try await state(db, owner: owner, id: id, step: step) else { return nil }
        if state == .paused { return .done }
        guard state == .running else { return .notRunning(state) }
        let now = Clock.nowMillis()
        let jobs = try await Jobs.hold(db, .project(id), kind: .studioStep, at: now)
        try await Projects.touch(db, id: id)
        guard let workflow = try await Projects.find(db, id: id)?.workflow else { return nil }
        // No job was held: a pause that raced this one paused it, or the run ended meanwhile.
        guard jobs > 0, workflow[step].state == .running else {
            return workflow[step].state == .paused ? .done : .notRunning(workflow[step].state)
        }
        try await save(db, id: id, workflow.paused(step, at: now))
        return .done
    }

    /// Queues the paused job again, due now; the step is `running` again.
    public static func resume(_ db: any SQLDatabase, owner: String, id: String, step: StudioStep) async throws
        -> StepMoveOutcome?
    {
        guard let state = try await state(db, owner: owner, id: id, step: step) else { return nil }
        guard state == .paused else { return .notPaused(state) }
        let now = Clock.nowMillis()
        let jobs = try await Jobs.release(db, .project(id), at: now)
        try await Projects.touch(db, id: id)
        guard let workflow = try await Projects.find(db, id: id)?.workflow else { return nil }
        // A resume that raced this one took the job first.
        guard jobs > 0, workflow[step].state == .paused else { return .notPaused(workflow[step].state) }
        try await save(db, id: id, workflow.resumed(step, at: now))
        return .done
    }

    /// Ends a running or paused run: its job is cancelled (a running worker stops at its next heartbeat), the
    /// run's charge is refunded once (the key a failed run uses) and the step is `failed`, so it can run again.
    public static func cancel(_ db: any SQLDatabase, owner: String, id: String, step: StudioStep) async throws
        -> StepMoveOutcome?
    {
        guard let state = try await state(db, owner: owner, id: id, step: step) else { return nil }
        guard [.running, .paused].contains(state) else { return .notRunning(state) }
        let now = Clock.nowMillis()
        try await Jobs.cancel(db, .project(id), kind: .studioStep, at: now)
        try await Projects.touch(db, id: id)
        guard let workflow = try await Projects.find(db, id: id)?.workflow else { return nil }
        let record = workflow[step]
        // The run ended meanwhile (its worker completed or failed it first).
        guard [.running, .paused].contains(record.state) else { return .notRunning(record.state) }
        var refunded = 0
        if record.lastRunCredits > 0,
            try await CreditLedger.apply(
                db, user: owner, delta: record.lastRunCredits, reason: .studioRefund, reference: id,
                key: "studio:\(id):\(step.rawValue):\(record.runs):refund") != nil
        {
            refunded = record.lastRunCredits
        }
        let error = "You cancelled this run."
        try await save(db, id: id, workflow.failed(step, error: error, refunded: refunded, at: now))
        return .done
    }

    /// The owner's step as it stands (nil: no such project of the owner's), read without a lock: the moves
    /// above check it again under the project's lock once the job row is theirs.
    static func state(_ db: any SQLDatabase, owner: String, id: String, step: StudioStep) async throws
        -> StepState?
    {
        guard let project = try await Projects.find(db, owner: owner, id: id) else { return nil }
        guard let workflow = project.workflow else { throw StudioProjectKindError(project: project.id) }
        return workflow[step].state
    }
}
