import Foundation
import Logging
import PixoraCore
import PixoraMedia
import PixoraPipeline

/// The plan chat on a language model: the plan, the sample's shots and the uploads are described to the model,
/// which answers with calls of the plan-operation tools; each call is applied through `PlanOperation.apply`, and
/// calls that are refused go back to the model with the reason (within `maxSteps` rounds). A failed request, an
/// answer without a usable call, or calls that never fit fall back to the offline rules, so chat always works.
public struct LanguageModelPlanChat: PlanChatting {
    public let client: ChatClient
    public let fallback: RuleBasedPlanChat
    public let maxSteps: Int
    let logger: Logger

    public var id: String { "llm.\(client.endpoint.model)" }

    public init(
        client: ChatClient, fallback: RuleBasedPlanChat = RuleBasedPlanChat(), maxSteps: Int = 2,
        logger: Logger = Logger(label: "pixora.plan-chat")
    ) {
        self.client = client
        self.fallback = fallback
        self.maxSteps = max(maxSteps, 1)
        self.logger = logger
    }

    public func respond(to message: String, plan: Plan, context: RemixContext) async -> ChatOutcome {
        let text = TextSanitizer.singleLine(message).trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty, text.count <= RuleBasedPlanChat.maximumLength else {
            return fallback.respond(to: message, plan: plan, context: context)
        }
        do {
            if let outcome = try await ask(text, plan: plan, context: context) { return outcome }
        } catch is CancellationError {
            return ChatOutcome(operations: [], plan: nil, reply: "Cancelled; nothing changed.", answeredBy: id)
        } catch {
            logger.warning("plan chat on \(id) failed, the rules answer instead: \(error)")
        }
        return fallback.respond(to: text, plan: plan, context: context)
    }

    /// The model's outcome, or nil when its answer is not usable and the rules should answer.
    func ask(_ message: String, plan: Plan, context: RemixContext) async throws -> ChatOutcome? {
        let tools = PlanOperationTools.definitions()
        var messages: [[String: Any]] = [
            ["role": "system", "content": Self.system(plan: plan, context: context)],
            ["role": "user", "content": message],
        ]
        var run = PlanChatRun(plan: plan, context: context)
        var words: String?
        for _ in 1...maxSteps {
            try Task.checkCancellation()
            let reply = try await client.chat(messages, tools: tools)
            guard !reply.toolCalls.isEmpty else {
                words = reply.content
                break
            }
            messages.append([
                "role": "assistant", "content": reply.content ?? NSNull(),
                "tool_calls": reply.toolCalls.map {
                    ["id": $0.id, "type": "function", "function": ["name": $0.name, "arguments": $0.arguments]]
                },
            ])
            for call in reply.toolCalls {
                messages.append(["role": "tool", "tool_call_id": call.id, "content": Self.run(call, in: &run)])
            }
            if !run.applied.isEmpty { return run.outcome(answeredBy: id, otherwise: "") }
        }
        // Nothing the model chose could be made: the rules may still understand the message.
        let rules = fallback.respond(to: message, plan: plan, context: context)
        if rules.plan != nil { return rules }
        if !run.refusals.isEmpty { return run.outcome(answeredBy: id, otherwise: "") }
        guard let words = words.map(TextSanitizer.singleLine), !words.trimmingCharacters(in: .whitespaces).isEmpty
        else { return nil }
        return ChatOutcome(operations: [], plan: nil, reply: String(words.prefix(600)), answeredBy: id)
    }

    /// Decodes and applies one tool call; the text tells the model what happened.
    static func run(_ call: ChatClient.ToolCall, in run: inout PlanChatRun) -> String {
        guard PlanOperation.Kind(rawValue: call.name) != nil else {
            return "There is no tool named \(call.name)."
        }
        guard var object = (try? JSONSerialization.jsonObject(with: Data(call.arguments.utf8))) as? [String: Any]
        else { return "The arguments must be a JSON object." }
        object["op"] = call.name
        object.removeValue(forKey: "version")
        let operation: PlanOperation
        do {
            let data = try JSONSerialization.data(withJSONObject: object)
            operation = try JSONDecoder().decode(PlanOperation.self, from: data)
        } catch {
            return "Those arguments cannot be read: \(error). Correct them and call \(call.name) again."
        }
        guard run.apply(operation) else {
            return "Refused: \(run.refusals.last ?? "it does not fit"). Choose another change or explain why."
        }
        return "Done: \(run.sentences.last ?? "")"
    }

    /// The rules of the operations, the plan as it is, the sample's shots and the uploads, in words.
    static func system(plan: Plan, context: RemixContext) -> String {
        let visible = plan.visibleSceneLengths
        var lines = [
            "You change the plan of a short vertical video (9:16, 5 to 60 s, scenes 1.5 to 15 s) that is made like "
                + "a sample video the user uploaded. Turn the user's message into calls of the tools, in order; "
                + "call several tools when the message asks for several changes. Scene numbers the user says count "
                + "from 1; scenes are named by id in the tools. If the message is not about changing this plan, "
                + "answer in one sentence without calling a tool.",
            "Plan: \(plan.plannedDuration.formatted) s, style \(plan.settings.style.rawValue), tone "
                + "\(plan.settings.tone.rawValue), music \(Self.music(plan)), \(plan.scenes.count) scenes:",
        ]
        for (index, scene) in plan.scenes.enumerated() {
            let words = scene.narration.isEmpty ? "no narration" : "says “\(scene.narration.prefix(160))”"
            lines.append(
                "- scene \(index + 1), id \(scene.id): \(((visible[index] * 10).rounded() / 10).formatted) s, "
                    + "\(scene.mood.rawValue), shows “\(scene.visual.prefix(160))”, \(words)")
        }
        lines.append("Topic: \(context.topic.prefix(300))")
        lines.append("Sample shots (\(context.analysis.shots.count)):")
        for shot in context.analysis.shots.prefix(40) {
            lines.append(
                "- shot \(shot.index): \(((shot.duration * 10).rounded() / 10).formatted) s, motion "
                    + "\(shot.motion.formatted), brightness \(shot.brightness.formatted), "
                    + "begins with \(shot.entry.rawValue)")
        }
        let uploads = [
            context.uploads.music.map { _ in "a music track" }, context.uploads.voiceOver.map { _ in "a voice-over" },
            context.uploads.character.map { _ in "a character image" },
        ].compactMap { $0 }
        lines.append("Uploads: \(uploads.isEmpty ? "none" : uploads.joined(separator: ", ")).")
        return lines.joined(separator: "\n")
    }

    static func music(_ plan: Plan) -> String {
        !plan.settings.music ? "off" : plan.media?.music != nil ? "the user's upload" : "generated"
    }
}
