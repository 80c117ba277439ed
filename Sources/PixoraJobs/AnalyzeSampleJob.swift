import Foundation
import PixoraCore
import PixoraMedia
import PixoraPipeline
import PixoraStore
import SQLKit

/// Analyzes a remix project's sample video: the report goes into the project row, the shots' keyframes into the
/// project's media folder. Free, so a failure only marks the project failed.
struct AnalyzeSampleJob: JobHandler {
    let workshop: VideoWorkshop
    let analyzer: SampleAnalyzer
    var kind: JobKind { .analyzeSample }

    func run(_ context: JobContext) async throws {
        guard let id = context.job.projectId,
            let project = try await workshop.database.read({ db in try await Projects.find(db, id: id) })
        else { throw UsageError("the project of this job no longer exists") }
        let files = try await workshop.database.read { db in try await ProjectFiles.all(db, project: project.id) }
        guard let sample = files.first(where: { $0.role == .sample }) else {
            throw UsageError("the project has no sample video")
        }
        await context.report(Self.progress(0, "reading the sample"))
        // Keyframes are written to a scratch folder and stored only with the report, so a failed or repeated
        // attempt never leaves half a strip behind. A sample in the bucket is read from a copy in the same folder.
        let scratch = try workshop.media.scratchFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let video = try await workshop.storage.readableFile(sample.mediaKey, in: scratch)
        let analysis = try await analyzer.analyze(video: video, keyframesTo: scratch) { fraction in
            await context.report(Self.progress(fraction * 0.98, "measuring shots, colours and sound"))
        }
        for shot in analysis.shots {
            guard let name = shot.keyframe else { continue }
            let file = scratch.appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: file.path) else { continue }
            let key = MediaFolder.keyframeKey(project: project.id, shot: shot.index)
            try await workshop.storage.store(file, as: key, contentType: "image/jpeg")
        }
        let summary =
            "\(analysis.shots.count) shots, \(analysis.pacing.cutsPerMinute.rounded().formatted) cuts a minute"
        do {
            try await context.complete(final: Self.progress(1, "analyzed: \(summary)")) { db in
                try await Projects.analyzed(db, id: project.id, analysis: analysis)
            }
        } catch {
            // The project was deleted meanwhile: its keyframes must not outlive it. (A job taken over by another
            // worker keeps them: that worker places the same files.)
            let gone = try? await workshop.database.read { db in try await Projects.find(db, id: project.id) == nil }
            if gone == true { try? await workshop.storage.removeProject(project.id) }
            throw error
        }
    }

    func failed(_ job: Job, error: String, in db: any SQLDatabase) async throws {
        guard let project = job.projectId else { return }
        try await Projects.failed(db, id: project, error: error)
    }

    static func progress(_ fraction: Double, _ message: String) -> JobProgress {
        JobProgress(stage: fraction >= 1 ? .done : .analysis, fraction: min(max(fraction, 0), 1), message: message)
    }
}
