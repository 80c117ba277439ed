/// The step limits a director agent run may be given (the CLI's `--agent-steps`, the API's `agentSteps`): each step
/// is one round of model calls.
public enum DirectorSteps {
    public static let range = 2...50
    public static let standard = 12
}
