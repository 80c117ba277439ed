import Logging
import PixoraJobs
import PixoraPipeline
import ServiceLifecycle

/// Runs a queue worker as a lifecycle service: it stops polling on shutdown, and an interrupted job's lease
/// simply expires so another worker takes it.
public struct WorkerService: Service {
    public let worker: Worker

    public init(worker: Worker) { self.worker = worker }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            await worker.run()
        }
    }
}

/// Builds the worker of a server process from its services.
public enum PixoraPipelineWorkerFactory {
    public static func make(_ services: AppServices) -> Worker {
        Worker(
            database: services.database, handlers: services.workshop.handlers + [services.webhookDelivery],
            settings: WorkerSettings.from(configuration: services.configuration.settings), logger: services.logger)
    }
}
