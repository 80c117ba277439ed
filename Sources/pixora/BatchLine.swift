import Foundation
import PixoraCore
import PixoraGenerators

/// One line of a `--batch` file: a create body as `POST /api/v1/videos` takes it (a prompt with optional
/// settings and script, or a plan), checked by the same rules. Problems name the field, as the API does.
struct BatchLine: Sendable {
    var prompt: String
    var settings: Settings
    var script: String?
    var plan: Plan?

    struct Body: Decodable {
        var prompt: String?
        var settings: SettingsRequest?
        var script: String?
        var plan: Plan?
    }

    static let maxScript = 20_000

    /// Reads one line; throws `BatchLineError` with a field path and message.
    static func parse(_ text: String, defaultVoice: Voice) throws -> BatchLine {
        let body: Body
        do {
            body = try JSONDecoder().decode(Body.self, from: Data(text.utf8))
        } catch let error as DecodingError {
            throw BatchLineError(message: describe(error))
        }
        let maxPrompt = PixoraCore.SettingsOptions.maxPromptLength
        if let plan = body.plan {
            if let issue = plan.validate().first {
                throw BatchLineError(message: "plan.\(issue.path): \(issue.message)")
            }
            let prompt = (body.prompt ?? plan.prompt).trimmingCharacters(in: .whitespacesAndNewlines)
            guard prompt.count <= maxPrompt else {
                throw BatchLineError(message: "prompt: must be at most \(maxPrompt) characters")
            }
            return BatchLine(prompt: prompt.isEmpty ? plan.title : prompt, settings: plan.settings, plan: plan)
        }
        let prompt = (body.prompt ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !prompt.isEmpty else {
            throw BatchLineError(message: "prompt: is required: describe the video you want")
        }
        guard prompt.count <= maxPrompt else {
            throw BatchLineError(message: "prompt: must be at most \(maxPrompt) characters, got \(prompt.count)")
        }
        let settings = (body.settings ?? SettingsRequest()).resolved(prompt: prompt, defaultVoice: defaultVoice)
        if let issue = settings.validate().first {
            throw BatchLineError(message: "settings.\(issue.path): \(issue.message)")
        }
        var script: String?
        if let text = body.script {
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty, trimmed.count <= maxScript else {
                throw BatchLineError(
                    message: "script: must be 1 to \(maxScript) characters; leave it out to have it written")
            }
            do {
                _ = try ScriptFit.rate(for: trimmed, settings: settings)
            } catch let error as UsageError {
                throw BatchLineError(message: "script: \(error.message)")
            }
            script = trimmed
        }
        return BatchLine(prompt: prompt, settings: settings, script: script)
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            keys.reduce("") { text, key in
                if let index = key.intValue { return text + "[\(index)]" }
                return text.isEmpty ? key.stringValue : text + "." + key.stringValue
            }
        }
        switch error {
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            return "not valid JSON"
        case .typeMismatch(_, let context) where context.codingPath.isEmpty:
            return "not a JSON object"
        case .dataCorrupted(let context), .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "\(path(context.codingPath)): \(context.debugDescription)"
        case .keyNotFound(let key, let context):
            return "\(path(context.codingPath + [key])): is required"
        @unknown default:
            return "\(error)"
        }
    }
}

/// Why a batch line cannot be made; reported with its line number, the other lines go on.
struct BatchLineError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
