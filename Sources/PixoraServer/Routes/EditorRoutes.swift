import Foundation
import Hummingbird
import PixoraCore
import PixoraProviders
import PixoraStore

/// The editor's document: a version's EditorState with signed links to every asset it uses, typed edits applied
/// on the server (so the timeline arithmetic lives in one place), and the assistant that turns words into edits.
struct EditorRoutes {
    let services: AppServices
    var database: any Database { services.database }

    static let maxDocument = 4 << 20

    func register(_ routes: RouteRegistrar<AuthenticatedContext>) {
        routes.add(.get, "videos/:id/editor", editor)
        routes.add(.post, "editor/apply", apply)
        routes.add(.post, "editor/assistant", assistant)
    }

    @Sendable func editor(_ request: Request, context: AuthenticatedContext) async throws -> JSONResponse<
        Schemas.EditorDocument
    > {
        let id = try context.parameters.require("id")
        guard let video = try await database.read({ db in try await Videos.find(db, owner: context.userId, id: id) })
        else {
            throw APIError.notFound("video")
        }
        try APIError.refuseExpired(video)
        var wanted = video.currentVersion
        if let text = request.uri.queryParameters["version"].map(String.init) {
            guard let number = Int(text), number > 0 else {
                throw APIError.validation("version", "must be a version number such as 1, got '\(text)'")
            }
            wanted = number
        }
        let versions = try await database.read { db in try await Versions.list(db, video: video.id) }
        guard
            let version = versions.first(where: { $0.number == wanted })
                ?? (request.uri.queryParameters["version"] == nil ? versions.last : nil)
        else {
            if versions.isEmpty {
                throw APIError(
                    .conflict, .videoNotReady, "this video has no version to edit yet; it is \(video.status)")
            }
            throw APIError.notFound("version")
        }
        let state = version.editorState
        let keys =
            state.clips.map(\.asset.description)
            + state.audio.namedTracks.flatMap { $0.track.segments.map(\.asset.description) }
        var assets: [String: String] = [:]
        for key in keys where assets[key] == nil {
            assets[key] = services.tokens.signedPath("/api/v1/assets/\(key)", user: context.userId)
        }
        return JSONResponse(
            Schemas.EditorDocument(
                video: Schemas.EditorVideo(
                    id: video.id, title: video.title, status: video.status, currentVersion: video.currentVersion),
                version: Schemas.Version(version, video: video, includeState: false, tokens: services.tokens),
                editorState: state, assets: .init(additionalProperties: assets)))
    }

    @Sendable func apply(_ request: Request, context: AuthenticatedContext) async throws -> JSONResponse<
        Schemas.EditResult
    > {
        let body = try await request.decodeJSON(Schemas.ApplyEditsRequest.self, limit: Self.maxDocument)
        guard !body.operations.isEmpty else {
            throw APIError.validation("operations", "must contain at least one operation")
        }
        let result = try body.editorState.applying(body.operations)
        return JSONResponse(Schemas.EditResult(editorState: result.state, changes: result.changes))
    }

    /// The language model when one is configured (it may ask back in words, or fail: then the rules answer);
    /// the built-in rules otherwise.
    @Sendable func assistant(_ request: Request, context: AuthenticatedContext) async throws -> JSONResponse<
        Schemas.AssistantAnswer
    > {
        let body = try await request.decodeJSON(Schemas.AssistantRequest.self, limit: Self.maxDocument)
        let instruction = body.instruction.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !instruction.isEmpty else { throw APIError.validation("instruction", "is empty; say what to change") }
        guard instruction.codePointCount <= EditorAssistant.maximumLength else {
            throw APIError.validation(
                "instruction",
                "is \(instruction.count) characters; at most \(EditorAssistant.maximumLength) are allowed")
        }
        let issues = body.editorState.validate()
        guard issues.isEmpty else {
            throw APIError.validation(issues.map { DocumentIssue("editorState.\($0.path)", $0.message) })
        }
        var modelWords: String?
        if let model = services.languageAssistant {
            do {
                let (answer, words) = try await model.answer(instruction, state: body.editorState)
                if let answer { return respond(answer, by: "llm.\(model.loop.client.endpoint.model)") }
                modelWords = words
            } catch let failure as ProviderFailure {
                context.logger.warning(
                    "assistant model failed; the rules answer", metadata: ["error": .string(failure.message)])
            }
        }
        do {
            return respond(try EditorAssistant.answer(instruction, state: body.editorState), by: "embedded.rules")
        } catch let error as EditorAssistant.NotUnderstood {
            let words = modelWords.flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 }
            throw APIError(
                .unprocessableContent, .notUnderstood, words.map { "\($0) (\(error.description))" } ?? error.description
            )
        }
    }

    func respond(_ answer: EditorAssistant.Answer, by assistant: String) -> JSONResponse<Schemas.AssistantAnswer> {
        JSONResponse(
            Schemas.AssistantAnswer(
                reply: answer.reply, operations: answer.operations, changes: answer.result.changes,
                editorState: answer.result.state, assistant: assistant))
    }
}
