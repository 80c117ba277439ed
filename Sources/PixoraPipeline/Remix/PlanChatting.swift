import PixoraCore

/// What one chat message did to a plan.
public struct ChatOutcome: Codable, Sendable, Hashable {
    /// The operations applied, in order (the refused ones are not listed).
    public var operations: [PlanOperation]
    /// The new plan version; nil when nothing changed.
    public var plan: Plan?
    /// What changed, in words, or why nothing did.
    public var reply: String
    /// `rules`, or the id of the language model that chose the operations.
    public var answeredBy: String

    public init(operations: [PlanOperation], plan: Plan?, reply: String, answeredBy: String) {
        self.operations = operations
        self.plan = plan
        self.reply = reply
        self.answeredBy = answeredBy
    }
}

/// Turns a chat message into plan operations: the offline rules (`RuleBasedPlanChat`) or a language model with
/// tool calling that falls back to them. The API chooses one and stores the outcome as a plan version.
public protocol PlanChatting: Sendable {
    func respond(to message: String, plan: Plan, context: RemixContext) async -> ChatOutcome
}

/// Operations applied one after another to a working plan, each either made whole or refused with its reason;
/// the sentences of the reply are collected on the way. The rules and the language model both answer through it,
/// so a change is applied and described the same way whoever chose it.
public struct PlanChatRun: Sendable {
    public let original: Plan
    public let context: RemixContext
    public private(set) var plan: Plan
    public private(set) var applied: [PlanOperation] = []
    public private(set) var sentences: [String] = []
    public private(set) var refusals: [String] = []

    public init(plan: Plan, context: RemixContext) {
        original = plan
        self.plan = plan
        self.context = context
    }

    /// Applies `operation`; a refusal is kept for the reply and leaves the working plan as it was.
    @discardableResult
    public mutating func apply(_ operation: PlanOperation) -> Bool {
        do {
            let next = try operation.apply(to: plan, context: context)
            sentences.append(operation.summary(before: plan, after: next))
            plan = next
            applied.append(operation)
            return true
        } catch let refused as PlanOperationRefused {
            refusals.append(refused.message)
        } catch {
            refusals.append("That change could not be made: \(error).")
        }
        return false
    }

    public mutating func refuse(_ message: String) { refusals.append(message) }

    /// The outcome: the new plan when it differs from the original, and every sentence said.
    public func outcome(answeredBy: String, otherwise: String) -> ChatOutcome {
        let changed = plan != original
        var words = sentences
        if !changed && words.isEmpty && refusals.isEmpty { words.append(otherwise) }
        if !changed && !sentences.isEmpty { words = ["Nothing changed: the plan already was like that."] }
        words += refusals
        return ChatOutcome(
            operations: changed ? applied : [], plan: changed ? plan : nil, reply: words.joined(separator: " "),
            answeredBy: answeredBy)
    }
}
