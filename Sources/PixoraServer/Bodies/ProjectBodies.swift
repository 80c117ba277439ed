import Foundation
import PixoraAPI
import PixoraCore
import PixoraPipeline
import PixoraStore

extension Schemas.Project {
    /// `detail` adds the analysis, the keyframe links and the events link; list items carry neither.
    init(
        _ project: Project, files: [ProjectFile], job: PixoraStore.Job?, latestPlan: Int?, videoCount: Int,
        tokens: TokenService, detail: Bool = true
    ) throws {
        let base = "/api/v1/projects/\(project.id)"
        let keyframes =
            detail
            ? project.analysis?.shots.map { tokens.signedPath("\(base)/keyframes/\($0.index)", user: project.userId) }
            : nil
        self.init(
            id: project.id, kind: project.kind, title: project.title, topic: project.topic, status: project.status,
            error: project.error,
            files: files.map { Schemas.ProjectFile($0, project: project, tokens: tokens) },
            analysis: detail ? project.analysis : nil, keyframeUrls: keyframes, latestPlan: latestPlan,
            videoCount: videoCount, eventsUrl: detail ? tokens.signedPath("\(base)/events", user: project.userId) : nil,
            job: try job.map(Schemas.Job.init),
            workflow: detail ? project.workflow.map { .init($0, project: project, tokens: tokens) } : nil,
            createdAt: Date(milliseconds: project.createdAt),
            updatedAt: Date(milliseconds: project.updatedAt), favorite: project.favorite,
            collectionIds: project.collectionIds)
    }
}

extension Schemas.ProjectFile {
    init(_ file: ProjectFile, project: Project, tokens: TokenService) {
        self.init(
            role: file.role, contentType: file.contentType, sizeBytes: Int(file.sizeBytes),
            durationSeconds: file.duration, name: file.name,
            url: tokens.signedPath("/api/v1/projects/\(project.id)/files/\(file.role.rawValue)", user: project.userId))
    }
}

extension Schemas.PlanVersion {
    init(_ version: ProjectPlan, pricing: Pricing, includePlan: Bool) {
        self.init(
            number: version.number, source: version.source, note: version.note,
            plannedSeconds: version.plan.plannedDuration, sceneCount: version.plan.scenes.count,
            price: pricing.price(for: version.plan), plan: includePlan ? version.plan : nil,
            createdAt: Date(milliseconds: version.createdAt))
    }
}

extension Schemas.ChatMessage {
    init(_ message: ProjectMessage) {
        self.init(
            number: message.number, role: message.role == .user ? .user : .assistant, text: message.text,
            planVersion: message.planNumber, createdAt: Date(milliseconds: message.createdAt))
    }
}

extension Schemas.PlanChange {
    init(_ change: PlanComparison.Change) {
        let (kind, scene): (String, String?) =
            switch change {
            case .duration: ("duration", nil)
            case .sceneCount: ("sceneCount", nil)
            case .sceneAdded(let id, _): ("sceneAdded", id)
            case .sceneRemoved(let id, _): ("sceneRemoved", id)
            case .sceneMoved(let id, _, _): ("sceneMoved", id)
            case .narration(let id, _): ("narration", id)
            case .visual(let id, _): ("visual", id)
            case .mood(let id, _, _, _): ("mood", id)
            case .style: ("style", nil)
            case .tone: ("tone", nil)
            case .music: ("music", nil)
            case .voice: ("voice", nil)
            case .title: ("title", nil)
            }
        self.init(kind: kind, sceneId: scene, sentence: change.sentence)
    }
}
