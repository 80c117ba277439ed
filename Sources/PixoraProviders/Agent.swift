import Foundation
import Logging
import PixoraCore
import Synchronization

/// A tool the language model may call: its name, what it does, the JSON schema of its arguments, and the code
/// that runs it. The result either goes back to the model or ends the loop.
public struct AgentTool: Sendable {
    public enum Outcome: Sendable {
        /// Tell the model this (a result, or what was wrong with the call) and let it go on.
        case reply(String)
        /// The task is done.
        case finish
    }

    public var name: String
    public var description: String
    public var parameters: @Sendable () -> [String: Any]
    public var run: @Sendable (String) async throws -> Outcome

    public init(
        name: String, description: String, parameters: @escaping @Sendable () -> [String: Any],
        run: @escaping @Sendable (String) async throws -> Outcome
    ) {
        self.name = name
        self.description = description
        self.parameters = parameters
        self.run = run
    }
}

/// The agent loop: the model is given a task and tools, calls them (one round of calls per step), sees their
/// results, and stops when a tool finishes the task or it answers in words; at most `maxSteps` rounds.
public struct AgentLoop: Sendable {
    public let client: ChatClient
    public let maxSteps: Int

    public init(client: ChatClient, maxSteps: Int = 4) {
        self.client = client
        self.maxSteps = maxSteps
    }

    public enum Ending: Sendable, Equatable {
        /// A tool finished the task after this many steps.
        case finished(steps: Int)
        /// The model answered in words instead of calling a tool.
        case answered(String)
    }

    /// What happened in one round, for a caller that shows the agent at work.
    public enum Event: Sendable {
        /// The model's words beside its tool calls.
        case thought(round: Int, text: String)
        /// A tool call and the answer that went back to the model (nil when the call finished the task).
        case call(round: Int, name: String, arguments: String, reply: String?)
    }

    public func run(
        system: String, task: String, tools: [AgentTool], observe: (@Sendable (Event) async -> Void)? = nil
    ) async throws -> Ending {
        let definitions: [[String: Any]] = tools.map { tool in
            [
                "type": "function",
                "function": ["name": tool.name, "description": tool.description, "parameters": tool.parameters()],
            ]
        }
        var messages: [[String: Any]] = [["role": "system", "content": system], ["role": "user", "content": task]]
        for step in 1...maxSteps {
            try Task.checkCancellation()
            let reply = try await client.chat(messages, tools: definitions)
            guard !reply.toolCalls.isEmpty else { return .answered(reply.content ?? "") }
            if let text = reply.content?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty {
                await observe?(.thought(round: step, text: text))
            }
            messages.append([
                "role": "assistant", "content": reply.content ?? NSNull(),
                "tool_calls": reply.toolCalls.map {
                    ["id": $0.id, "type": "function", "function": ["name": $0.name, "arguments": $0.arguments]]
                },
            ])
            for call in reply.toolCalls {
                guard let tool = tools.first(where: { $0.name == call.name }) else {
                    let text = "There is no tool named \(call.name)."
                    messages.append(["role": "tool", "tool_call_id": call.id, "content": text])
                    await observe?(.call(round: step, name: call.name, arguments: call.arguments, reply: text))
                    continue
                }
                switch try await tool.run(call.arguments) {
                case .finish:
                    await observe?(.call(round: step, name: call.name, arguments: call.arguments, reply: nil))
                    return .finished(steps: step)
                case .reply(let text):
                    messages.append(["role": "tool", "tool_call_id": call.id, "content": text])
                    await observe?(.call(round: step, name: call.name, arguments: call.arguments, reply: text))
                }
            }
        }
        throw ProviderFailure(provider: client.http.provider, message: "the agent did not finish in \(maxSteps) steps")
    }
}

/// The editor assistant on a language model: the timeline is described to the model, which calls `apply_edits`
/// with typed operations; operations that do not fit are sent back with the reason, within the step limit.
public struct LanguageModelAssistant: Sendable {
    public let loop: AgentLoop

    public init(client: ChatClient, maxSteps: Int = 3) { loop = AgentLoop(client: client, maxSteps: maxSteps) }

    /// What the model did, or nil when it answered without editing (it did not understand, or asked back).
    public func answer(_ instruction: String, state: EditorState) async throws -> (
        EditorAssistant.Answer?, message: String?
    ) {
        let outcome = OutcomeBox()
        let tool = AgentTool(
            name: "apply_edits",
            description: "Apply edits to the timeline. Operations are applied in order; indexes count from 0.",
            parameters: { Self.parameters }
        ) { arguments in
            guard let data = arguments.data(using: .utf8),
                let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                let list = object["operations"], let listData = try? JSONSerialization.data(withJSONObject: list)
            else { return .reply("The arguments must be a JSON object with an operations array.") }
            do {
                let operations = try JSONDecoder().decode([EditorOperation].self, from: listData)
                guard !operations.isEmpty else { return .reply("operations is empty; send at least one.") }
                let result = try state.applying(operations)
                let reply =
                    (object["reply"] as? String).flatMap { $0.isEmpty ? nil : $0 }
                    ?? (result.changes.isEmpty
                        ? "Nothing needed to change." : "Done: " + result.changes.joined(separator: "; ") + ".")
                outcome.set(EditorAssistant.Answer(reply: reply, operations: operations, result: result))
                return .finish
            } catch let error as InvalidDocument {
                return .reply(
                    "Those operations do not fit: \(error.issues.map(\.description).joined(separator: "; ")). Correct them and call apply_edits again."
                )
            } catch {
                return .reply("Those operations cannot be read: \(error). Correct them and call apply_edits again.")
            }
        }
        let ending = try await loop.run(system: Self.system(state), task: instruction, tools: [tool])
        if case .answered(let text) = ending { return (nil, text) }
        return (outcome.value, nil)
    }

    final class OutcomeBox: Sendable {
        private let answer = Mutex<EditorAssistant.Answer?>(nil)
        func set(_ value: EditorAssistant.Answer) { answer.withLock { $0 = value } }
        var value: EditorAssistant.Answer? { answer.withLock { $0 } }
    }

    static var parameters: [String: Any] {
        [
            "type": "object",
            "required": ["operations", "reply"],
            "properties": [
                "reply": ["type": "string", "description": "One short sentence telling the user what you changed."],
                "operations": [
                    "type": "array",
                    "items": [
                        "type": "object",
                        "required": ["op"],
                        "properties": [
                            "op": ["type": "string", "enum": EditorOperation.Kind.allCases.map(\.rawValue)],
                            "from": ["type": "integer"], "to": ["type": "integer"], "clip": ["type": "integer"],
                            "cut": ["type": "integer"],
                            "trimIn": ["type": "number"], "duration": ["type": "number"], "volume": ["type": "number"],
                            "kind": ["type": "string", "enum": TransitionKind.allCases.map(\.rawValue)],
                            "track": ["type": "string", "enum": EditorOperation.Track.allCases.map(\.rawValue)],
                            "enabled": ["type": "boolean"], "at": ["type": "number"], "effect": ["type": "integer"],
                            "style": ["type": "object"], "overlay": ["type": "object"], "id": ["type": "string"],
                            "text": ["type": "string"],
                            "start": ["type": "number"], "end": ["type": "number"], "x": ["type": "number"],
                            "y": ["type": "number"],
                            "look": [
                                "type": "object",
                                "properties": [
                                    "preset": ["type": "string", "enum": LookPreset.allCases.map(\.rawValue)],
                                    "lut": ["type": "string"], "intensity": ["type": "number"],
                                ] as [String: Any],
                            ] as [String: Any],
                            "animation": [
                                "type": "object",
                                "properties": Dictionary(
                                    uniqueKeysWithValues: ["in", "out"].map { side in
                                        (
                                            side,
                                            [
                                                "type": "object",
                                                "properties": [
                                                    "type": [
                                                        "type": "string",
                                                        "enum": AnimationType.allCases.map(\.rawValue),
                                                    ],
                                                    "duration": ["type": "number"],
                                                ] as [String: Any],
                                            ] as [String: Any]
                                        )
                                    }),
                            ] as [String: Any],
                        ] as [String: Any],
                    ] as [String: Any],
                ] as [String: Any],
            ] as [String: Any],
        ]
    }

    /// The rules of the operations and the timeline as it is now, in words.
    static func system(_ state: EditorState) -> String {
        let starts = state.clipStarts
        var lines = [
            "You edit the timeline of a short narrated video. Turn the user's instruction into operations and call apply_edits.",
            "Operations: moveClip {from, to}; removeClip {clip}; trimClip {clip, trimIn?, duration?} (seconds); setTransition {cut, kind?, duration?} (cut i joins clip i and i+1; duration at most 3 s and half the shorter clip); setAllTransitions {kind?, duration?}; setTrackVolume {track: voice|music|effects, volume 0–4, 1 = as generated}; splitClip {clip, at} (seconds from the clip's start; the two parts are joined by a cut); moveEffect {effect, start}; removeEffect {effect}; setClipVolume {clip, volume} (that scene's narration); setDucking {enabled}; setCaptions {enabled?, style?: {size (fraction of height), color #RRGGBB, box}}; addOverlay {overlay: {text, start, end, x?, y? (fractions, centre of the text), style?}}; updateOverlay {id, text?, start?, end?, x?, y?, style?}; removeOverlay {id}; setLook {look: {preset: none|warm|cool|vintage|bw|teal-orange|high-contrast, intensity 0–1}} (the whole video's colour grade); setClipLook {clip, look}; clearLook {clip?}; setOverlayAnimation {id, animation: {in?: {type: fade|slide-up|slide-left|pop|typewriter, duration}, out?: {…}}} (in and out together fit in the overlay's time).",
            "Scene numbers the user says count from 1; clip indexes count from 0. If the instruction is not about editing this timeline, answer in one sentence without calling the tool.",
            "Timeline (\(state.duration.formatted) s):",
        ]
        for (index, clip) in state.clips.enumerated() {
            lines.append(
                "- clip \(index) (scene \(index + 1)): starts at \(starts[index].formatted) s, \(clip.duration.formatted) s long"
            )
        }
        for (index, transition) in state.transitions.enumerated() {
            lines.append(
                "- cut \(index): \(transition.kind.rawValue)\(transition.kind == .cut ? "" : ", \(transition.duration.formatted) s")"
            )
        }
        lines.append(
            "- voice volume \(state.audio.voice.volume.formatted), music volume \(state.audio.music.volume.formatted), ducking \(state.audio.ducking ? "on" : "off")"
        )
        lines.append(
            "- captions \(state.captions.enabled ? "on" : "off"), size \(state.captions.style.size.formatted), colour \(state.captions.style.color)"
        )
        for (index, effect) in state.audio.effects.segments.enumerated() {
            lines.append(
                "- sound effect \(index): starts at \(effect.start.formatted) s, \(effect.duration.formatted) s long")
        }
        for overlay in state.overlays {
            lines.append(
                "- text overlay id \(overlay.id): “\(overlay.text)” from \(overlay.start.formatted) to \(overlay.end.formatted) s at x \(overlay.x.formatted), y \(overlay.y.formatted)"
            )
        }
        return lines.joined(separator: "\n")
    }
}
