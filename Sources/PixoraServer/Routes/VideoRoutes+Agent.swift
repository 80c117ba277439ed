import PixoraCore
import PixoraJobs
import PixoraPipeline

extension VideoRoutes {
    /// The step limit of an agent-mode request, or nil for the pipeline. The director writes its own script and
    /// plan, so neither may be sent with it; without a language model the mode is refused (409
    /// `no_language_model`) before anything is charged.
    func agentRun(_ body: CreateRequest) throws -> Int? {
        guard let steps = try agentSteps(body) else { return nil }
        guard services.director != nil else {
            throw APIError(
                .conflict, .noLanguageModel,
                "agent mode needs a language model, and this server has none configured (OPENAI_API_KEY or "
                    + "OPENAI_BASE_URL)")
        }
        return steps
    }

    /// The body's mode fields checked (a preview checks them too): the step limit in agent mode, else nil.
    func agentSteps(_ body: CreateRequest) throws -> Int? {
        guard try requestedMode(body) == .agent else {
            if body.agentSteps != nil { throw APIError.validation("agentSteps", "is only for \"mode\": \"agent\"") }
            return nil
        }
        let range = DirectorSteps.range
        if let steps = body.agentSteps, !range.contains(steps) {
            throw APIError.validation(
                "agentSteps", "must be from \(range.lowerBound) to \(range.upperBound), got \(steps)")
        }
        if body.plan != nil { throw APIError.validation("plan", "cannot be sent in agent mode: the agent plans") }
        if body.script != nil {
            throw APIError.validation("script", "cannot be sent in agent mode: the agent writes the script")
        }
        return body.agentSteps ?? DirectorSteps.standard
    }

    /// The body's `mode` (the pipeline when absent); an unknown one is refused.
    func requestedMode(_ body: CreateRequest) throws -> GenerationMode {
        guard let text = body.mode else { return .pipeline }
        guard let mode = GenerationMode(rawValue: text) else {
            throw APIError.validation(
                "mode", "must be one of \(GenerationMode.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return mode
    }
}
