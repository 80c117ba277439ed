import Foundation
import PixoraCore
import SQLKit

/// What a studio step job carries: which run of which step, and what the person chose.
public struct StudioStepPayload: Codable, Sendable, Equatable {
    public var step: StudioStep
    public var run: Int
    public var request: StudioRequest
    public var credits: Int

    public init(step: StudioStep, run: Int, request: StudioRequest, credits: Int) {
        self.step = step
        self.run = run
        self.request = request
        self.credits = credits
    }
}

/// Guided studio projects: every change to a workflow happens in a transaction that first locks the project's row
/// (`Projects.touch`), reads the document, applies one `StudioWorkflow` transition and writes it back, so two
/// requests or a request and a worker never interleave their changes.
public enum StudioProjects {
    public static func create(
        in database: any Database, owner: String, title: String, topic: String, settings: Settings, id: String = newID()
    ) async throws -> Project {
        try await database.transaction { db in
            let now = Clock.nowMillis()
            let workflow = try json(StudioWorkflow(topic: topic, settings: settings))
            try await db.raw(
                """
                INSERT INTO projects (id, user_id, kind, title, topic, status, workflow, created_at, updated_at)
                VALUES (\(bind: id), \(bind: owner), 'studio', \(bind: title), \(bind: topic), 'active',
                        \(bind: workflow), \(bind: now), \(bind: now))
                """
            ).run()
            guard let project = try await Projects.find(db, owner: owner, id: id) else {
                throw StoreError.notFound("project vanished")
            }
            return project
        }
    }

    /// Charges `credits` (once per run: the ledger key names the project, step and run), marks the step running
    /// and queues its job, all or nothing. `check` sees the locked workflow first and may refuse (an estimate that
    /// no longer holds). Throws `StudioRuleError` when the step may not run, `StoreError.insufficientCredits` when
    /// the balance is short.
    public static func start(
        in database: any Database, owner: String, id: String, step: StudioStep, request: StudioRequest, credits: Int,
        maxAttempts: Int
    ) async throws -> Project? {
        try await database.transaction { db in
            guard let (project, workflow) = try await locked(db, owner: owner, id: id) else { return nil }
            let now = Clock.nowMillis()
            let next = try workflow.started(step, credits: credits, at: now)
            let run = next[step].runs
            if credits > 0 {
                _ = try await CreditLedger.apply(
                    db, user: owner, delta: -credits, reason: .studioCharge, reference: project.id,
                    key: "studio:\(project.id):\(step.rawValue):\(run)")
            }
            let payload = try json(StudioStepPayload(step: step, run: run, request: request, credits: credits))
            _ = try await Jobs.enqueue(
                db, kind: .studioStep, user: owner, video: nil, project: project.id, payload: payload,
                maxAttempts: maxAttempts)
            try await save(db, id: project.id, next)
            return try await Projects.find(db, owner: owner, id: id)
        }
    }

    /// Applies a change that needs no job (an approval, the edit step's timeline) to the owner's locked workflow.
    public static func update(
        in database: any Database, owner: String, id: String,
        _ change: @Sendable (StudioWorkflow) throws -> StudioWorkflow
    ) async throws -> Project? {
        try await database.transaction { db in
            guard let (project, workflow) = try await locked(db, owner: owner, id: id) else { return nil }
            try await save(db, id: project.id, try change(workflow))
            return try await Projects.find(db, owner: owner, id: id)
        }
    }

    /// The worker's end of a run: records the outputs when the step is still on this run (a newer run or a
    /// deleted project makes it a no-op), and gives back what the estimate charged beyond what the run really
    /// used (`spent`: items another run made meanwhile, a cheaper fallback model), once. A run that was paused
    /// keeps its whole charge: what it made before the pause is found in the store, not counted in `spent`.
    public static func complete(
        _ db: any SQLDatabase, id: String, owner: String, payload: StudioStepPayload, outputs: StudioOutputs,
        spent: Int
    ) async throws {
        guard let workflow = try await lockedForWorker(db, id: id, payload: payload) else { return }
        var next = workflow.completed(payload.step, outputs: outputs, at: Clock.nowMillis())
        let unused = workflow[payload.step].pausedRun == payload.run ? 0 : payload.credits - spent
        if unused > 0,
            try await CreditLedger.apply(
                db, user: owner, delta: unused, reason: .studioRefund, reference: id,
                key: "studio:\(id):\(payload.step.rawValue):\(payload.run):unused") != nil
        {
            next[payload.step].credits -= unused
            next[payload.step].lastRunCredits -= unused
        }
        try await save(db, id: id, next)
    }

    /// A run failed for good (or was given up): refunds its charge once and marks the step failed.
    public static func fail(_ db: any SQLDatabase, id: String, owner: String, payload: StudioStepPayload, error: String)
        async throws
    {
        guard let workflow = try await lockedForWorker(db, id: id, payload: payload) else { return }
        var refunded = 0
        if payload.credits > 0 {
            let row = try await CreditLedger.apply(
                db, user: owner, delta: payload.credits, reason: .studioRefund, reference: id,
                key: "studio:\(id):\(payload.step.rawValue):\(payload.run):refund")
            refunded = row == nil ? 0 : payload.credits
        }
        let next = workflow.failed(payload.step, error: error, refunded: refunded, at: Clock.nowMillis())
        try await save(db, id: id, next)
    }

    /// Refunds the step that is running or paused, if any, when the owner deletes the project (its job goes with
    /// the row, so the worker's own failure path never runs). The refund key is the one a failed run uses: once
    /// either way.
    public static func refundRunning(_ db: any SQLDatabase, owner: String, id: String) async throws {
        try await Projects.touch(db, id: id)
        guard let workflow = try await Projects.find(db, owner: owner, id: id)?.workflow,
            let step = workflow.runningStep ?? workflow.pausedStep
        else { return }
        let record = workflow[step]
        guard record.lastRunCredits > 0 else { return }
        _ = try await CreditLedger.apply(
            db, user: owner, delta: record.lastRunCredits, reason: .studioRefund, reference: id,
            key: "studio:\(id):\(step.rawValue):\(record.runs):refund")
    }

    static func lockedForWorker(_ db: any SQLDatabase, id: String, payload: StudioStepPayload) async throws
        -> StudioWorkflow?
    {
        try await Projects.touch(db, id: id)
        guard let workflow = try await Projects.find(db, id: id)?.workflow,
            workflow[payload.step].state == .running, workflow[payload.step].runs == payload.run
        else { return nil }
        return workflow
    }

    static func locked(_ db: any SQLDatabase, owner: String, id: String) async throws
        -> (Project, StudioWorkflow)?
    {
        try await Projects.touch(db, id: id)
        guard let project = try await Projects.find(db, owner: owner, id: id) else { return nil }
        guard let workflow = project.workflow else {
            throw StudioProjectKindError(project: project.id)
        }
        return (project, workflow)
    }

    static func save(_ db: any SQLDatabase, id: String, _ workflow: StudioWorkflow) async throws {
        let document = try json(workflow)
        try await db.raw(
            """
            UPDATE projects SET workflow = \(bind: document), updated_at = \(bind: Clock.nowMillis())
            WHERE id = \(bind: id)
            """
        ).run()
    }

    static func json(_ value: some Encodable) throws -> String {
        String(decoding: try CanonicalJSON.encode(value), as: UTF8.self)
    }
}

/// A studio operation asked of a remix project.
public struct StudioProjectKindError: Error, CustomStringConvertible {
    public var project: String
    public var description: String { "Project \(project) is a remix project; it has no studio steps." }
}
