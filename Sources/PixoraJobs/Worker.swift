import Foundation
import Logging
import PixoraCore
import PixoraPipeline
import PixoraStore
import SQLKit
import Synchronization

/// How a worker paces itself. Defaults suit real jobs; tests shorten them.
public struct WorkerSettings: Sendable {
    /// How long a claim lasts without a heartbeat; a worker that dies loses its job after this.
    public var lease: TimeInterval = 30
    public var heartbeat: TimeInterval = 10
    /// Sleep between polls when the queue is empty.
    public var idlePoll: TimeInterval = 0.5
    public var maxAttempts = 3
    /// Backoff after a failed attempt: base × 2^(attempt−1), at most maxBackoff.
    public var retryBase: TimeInterval = 5
    public var maxBackoff: TimeInterval = 300
    /// Minimum time between stored progress reports of one job.
    public var progressInterval: TimeInterval = 0.25
    /// How often a worker looks for videos whose retention ended, queueing their cleanup when there are some.
    public var expiryCheck: TimeInterval = 15
    /// How often a worker queues the monthly allowance pass (when it has the handler: billing on).
    public var allowanceCheck: TimeInterval = 3600
    /// The time the expiry check reads (milliseconds since 1970); tests move it to see a warning a day ahead.
    public var now: @Sendable () -> Int64 = { Clock.nowMillis() }

    public init() {}

    /// From `PIXORA_LEASE_SECONDS`, `PIXORA_HEARTBEAT_SECONDS`, `PIXORA_JOB_ATTEMPTS`, `PIXORA_RETRY_BASE_SECONDS`.
    public static func from(configuration: Configuration) -> WorkerSettings {
        var settings = WorkerSettings()
        settings.lease = configuration.number("PIXORA_LEASE_SECONDS") ?? settings.lease
        settings.heartbeat = configuration.number("PIXORA_HEARTBEAT_SECONDS") ?? settings.lease / 3
        settings.maxAttempts = configuration.integer("PIXORA_JOB_ATTEMPTS") ?? settings.maxAttempts
        settings.retryBase = configuration.number("PIXORA_RETRY_BASE_SECONDS") ?? settings.retryBase
        return settings
    }

    /// For tests: the settings of an environment given as a dictionary.
    public static func from(environment: [String: String]) throws -> WorkerSettings {
        from(configuration: try Configuration(environment: environment))
    }
}

/// What a job handler gets besides the job: progress reporting and the one way to finish successfully.
public struct JobContext: Sendable {
    public let job: Job
    public let worker: String
    let database: any Database
    let settings: WorkerSettings
    let throttle: ProgressThrottle
    /// The worker's logger, with the job's id and kind.
    public let logger: Logger

    /// Stores a progress report (throttled; stage changes and the final report always go through).
    public func report(_ progress: JobProgress) async {
        guard throttle.shouldSend(progress, interval: settings.progressInterval) else { return }
        guard let json = try? String(decoding: JSONEncoder().encode(progress), as: UTF8.self) else { return }
        try? await Jobs.reportProgress(in: database, id: job.id, owner: worker, progress: json)
    }

    /// Marks the job succeeded and runs `body` in the same transaction, so its results land exactly when the job
    /// is recorded as done. Throws `JobLeaseLost` (writing nothing) when the job is no longer this worker's.
    public func complete(final progress: JobProgress? = nil, _ body: (any SQLDatabase) async throws -> Void)
        async throws
    {
        let json = progress.flatMap { try? String(decoding: JSONEncoder().encode($0), as: UTF8.self) }
        try await database.transaction { db in
            guard try await Jobs.complete(db, id: job.id, owner: worker, progress: json) else { throw JobLeaseLost() }
            try await body(db)
        }
    }
}

/// Thrown when a job was cancelled or taken over while it ran.
public struct JobLeaseLost: Error, Sendable {}

/// Decides which progress reports are worth a database write.
final class ProgressThrottle: Sendable {
    private let sent = Mutex<(at: Date, stage: GenerationStage?)>((.distantPast, nil))

    func shouldSend(_ progress: JobProgress, interval: TimeInterval) -> Bool {
        sent.withLock { sent in
            let now = Date()
            let due =
                now.timeIntervalSince(sent.at) >= interval || progress.stage != sent.stage
                || progress.fraction >= 1
            if due { sent = (now, progress.stage) }
            return due
        }
    }
}

/// Runs one kind of job.
public protocol JobHandler: Sendable {
    var kind: JobKind { get }
    /// Does the work and finishes with `context.complete`. Throwing fails this attempt.
    func run(_ context: JobContext) async throws
    /// The job failed for good (out of attempts, a permanent error, or its worker kept dying): record it, refund.
    /// Runs inside the transaction that marks the job failed.
    func failed(_ job: Job, error: String, in db: any SQLDatabase) async throws
}

/// Claims jobs from the queue and runs them, renewing each lease while the job runs. Many workers, in one
/// process or many, can share one queue.
public final class Worker: Sendable {
    public let id: String
    let database: any Database
    let handlers: [JobKind: any JobHandler]
    let settings: WorkerSettings
    let logger: Logger
    let reapClock = IntervalClock()
    let expiryClock = IntervalClock()
    let allowanceClock = IntervalClock()

    public init(
        database: any Database, handlers: [any JobHandler], settings: WorkerSettings = WorkerSettings(), logger: Logger,
        id: String? = nil
    ) {
        self.database = database
        self.handlers = Dictionary(uniqueKeysWithValues: handlers.map { ($0.kind, $0) })
        self.settings = settings
        self.logger = logger
        self.id =
            id
            ?? "\(ProcessInfo.processInfo.hostName)-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8).lowercased())"
    }

    /// Polls and runs jobs until the task is cancelled.
    public func run() async {
        logger.info("worker started", metadata: ["worker": .string(id)])
        while !Task.isCancelled {
            do {
                if try await runOne() { continue }
            } catch is CancellationError {
                break
            } catch {
                logger.error("worker loop error", metadata: ["error": .string("\(error)")])
            }
            try? await Task.sleep(for: .seconds(settings.idlePoll))
        }
        logger.info("worker stopped", metadata: ["worker": .string(id)])
    }

    /// Fails jobs whose workers died on every attempt, then claims and runs one job. False when the queue had
    /// nothing ready.
    @discardableResult
    public func runOne() async throws -> Bool {
        // Dead workers are rare: look for their jobs every few seconds, not before every claim.
        if reapClock.due(every: min(settings.lease / 2, 5)) { try await reap() }
        if handlers[.expireMedia] != nil, expiryClock.due(every: settings.expiryCheck) { try await scheduleExpiry() }
        if handlers[.grantAllowances] != nil, allowanceClock.due(every: settings.allowanceCheck) {
            try await database.transaction { db in
                _ = try await Subscriptions.enqueueGrants(db, maxAttempts: settings.maxAttempts)
            }
        }
        guard let job = try await Jobs.claim(in: database, owner: id, lease: settings.lease) else { return false }
        await execute(job)
        return true
    }

    func reap() async throws {
        try await database.transaction { db in
            for job in try await Jobs.reapExhausted(db) {
                let error = "the worker stopped responding on every attempt"
                logger.warning(
                    "job failed: its worker stopped responding on every attempt",
                    metadata: ["job": .string(job.id), "kind": .string(job.kind.rawValue)])
                await undo(job, handler: handlers[job.kind], error: error, in: db, logger: logger)
            }
        }
    }

    /// Queues the cleanup when a video is due; the queue holds at most one, so every worker may ask. Warns the owners
    /// of videos that expire within a day on the way (once per video, whichever worker sees it first).
    func scheduleExpiry() async throws {
        let now = Clock.nowMillis()
        // Read first: most checks find nothing, and need no write transaction.
        let warnAt = settings.now()
        if try await !database.read({ db in try await Notifications.expiringUnwarned(db, now: warnAt, limit: 1) })
            .isEmpty
        {
            let warned = try await database.transaction { db in try await Notifications.warnExpiring(db, now: warnAt) }
            logger.info("warned of videos about to expire", metadata: ["videos": "\(warned)"])
        }
        try await database.transaction { db in
            let videosDue = try await !Videos.dueForExpiry(db, now: now, limit: 1).isEmpty
            let othersDue = try await MediaExpiry.uploadsOrExportsDue(db, now: now)
            guard videosDue || othersDue else { return }
            if try await Jobs.enqueueExpiry(db, maxAttempts: settings.maxAttempts) {
                logger.info("queued the cleanup of expired videos")
            }
        }
    }

    func execute(_ job: Job) async {
        var logger = logger
        logger[metadataKey: "job"] = .string(job.id)
        logger[metadataKey: "kind"] = .string(job.kind.rawValue)
        logger.info("job claimed", metadata: ["attempt": .stringConvertible(job.attempts)])
        guard let handler = handlers[job.kind] else {
            let error = "no handler for job kind '\(job.kind.rawValue)'"
            await fail(job, handler: nil, error: error, retryable: false, logger: logger)
            return
        }
        let context = JobContext(
            job: job, worker: id, database: database, settings: settings, throttle: ProgressThrottle(), logger: logger)
        let started = Date()
        let lost = LeaseFlag()
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await handler.run(context) }
                group.addTask { [database, settings, id] in
                    // Renews the lease; when it cannot (cancelled or taken over), stops the work.
                    while true {
                        try await Task.sleep(for: .seconds(settings.heartbeat))
                        let held =
                            (try? await Jobs.heartbeat(in: database, id: job.id, owner: id, lease: settings.lease))
                            ?? true
                        if !held {
                            lost.set()
                            throw JobLeaseLost()
                        }
                    }
                }
                try await group.next()
                group.cancelAll()
            }
            logger.info(
                "job succeeded",
                metadata: ["seconds": .string(String(format: "%.1f", Date().timeIntervalSince(started)))])
        } catch is JobLeaseLost {
            logger.info("job stopped: cancelled or taken over by another worker")
        } catch is CancellationError where lost.value {
            logger.info("job stopped: cancelled or taken over by another worker")
        } catch is CancellationError {
            // The worker is shutting down: leave the job to expire and be picked up again.
            logger.info("job interrupted by shutdown; its lease will expire and another worker will take it")
        } catch {
            // A corrupt stored document stays corrupt: failing at once tells the user now, not three backoffs later.
            let corrupt = if case .corrupt? = error as? StoreError { true } else { false }
            // An asset that failed its quality check was already retried with new seeds (`QualityGate`).
            let retryable =
                !corrupt && !((error as? any UserFacingError)?.isUsageError ?? false) && !(error is QualityCheckFailed)
            await fail(job, handler: handler, error: Self.message(for: error), retryable: retryable, logger: logger)
        }
    }

    func fail(_ job: Job, handler: (any JobHandler)?, error: String, retryable: Bool, logger: Logger) async {
        do {
            let outcome = try await database.transaction { db -> JobFailure in
                let outcome = try await Jobs.fail(
                    db, id: job.id, owner: id, error: error, retryable: retryable, base: settings.retryBase,
                    maxBackoff: settings.maxBackoff)
                if outcome == .failed { await undo(job, handler: handler, error: error, in: db, logger: logger) }
                return outcome
            }
            switch outcome {
            case .retrying(let at):
                logger.warning(
                    "job attempt failed; retrying",
                    metadata: ["error": .string(error), "retry_in_ms": .stringConvertible(at - Clock.nowMillis())])
            case .failed: logger.error("job failed", metadata: ["error": .string(error)])
            case .leaseLost: logger.info("job failed after its lease was lost; nothing recorded")
            }
        } catch {
            logger.error("could not record job failure", metadata: ["error": .string("\(error)")])
        }
    }

    /// Runs the handler's `failed` in the transaction that fails the job. When it cannot (a corrupt payload), the
    /// job is still failed for good and the reason logged: a job nothing can undo must not be retried forever.
    func undo(_ job: Job, handler: (any JobHandler)?, error: String, in db: any SQLDatabase, logger: Logger) async {
        do {
            try await handler?.failed(job, error: error, in: db)
        } catch {
            logger.error(
                "could not undo a failed job's effects",
                metadata: ["job": .string(job.id), "error": .string("\(error)")])
        }
    }

    static func message(for error: any Error) -> String {
        let text = (error as? any UserFacingError).map { "\($0)" } ?? "\(error)"
        return String(text.prefix(2000))
    }
}

/// Says when a periodic chore is due.
final class IntervalClock: Sendable {
    private let last = Mutex<Date>(.distantPast)

    func due(every interval: TimeInterval) -> Bool {
        last.withLock { last in
            let now = Date()
            guard now.timeIntervalSince(last) >= interval else { return false }
            last = now
            return true
        }
    }
}

/// Set by the heartbeat when the lease is gone, read by the job's error handling.
final class LeaseFlag: Sendable {
    private let lost = Atomic<Bool>(false)
    func set() { lost.store(true, ordering: .releasing) }
    var value: Bool { lost.load(ordering: .acquiring) }
}
