/// Pausing a step's run and taking it up again (`StudioProjects.pause`, `resume`, `cancel`). A paused step keeps
/// its charge and, like a running one, keeps every other step from running; its run continues where it stopped.
extension StudioWorkflow {
    /// The step whose run is paused, if any.
    public var pausedStep: StudioStep? { steps.first { $0.state == .paused }?.step }

    /// The running step's run stops; it is remembered as paused, which keeps its whole charge at the end (the
    /// items its first part made are found by the resumed part and cannot be told from another run's).
    public func paused(_ step: StudioStep, at time: Int64) -> Self {
        var next = self
        guard next[step].state == .running else { return next }
        next[step].state = .paused
        next[step].pausedRun = next[step].runs
        next[step].updatedAt = time
        return next
    }

    /// The paused run is queued again.
    public func resumed(_ step: StudioStep, at time: Int64) -> Self {
        var next = self
        guard next[step].state == .paused else { return next }
        next[step].state = .running
        next[step].updatedAt = time
        return next
    }
}
