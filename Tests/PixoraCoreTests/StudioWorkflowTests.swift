import PixoraCore
import Testing

@Suite("Studio workflow rules")
struct StudioWorkflowTests {
    let settings = Settings()

    func walked(to last: StudioStep) throws -> StudioWorkflow {
        var workflow = StudioWorkflow(topic: "bees", settings: settings)
        for step in StudioStep.allCases where step <= last {
            workflow = try workflow.started(step, credits: 2, at: 1)
            workflow = workflow.completed(step, outputs: workflow.outputs, at: 2)
            workflow = try workflow.approved(step, outputs: workflow.outputs, at: 3)
        }
        return workflow
    }

    @Test("a new project has idea ready and every other step locked")
    func fresh() {
        let workflow = StudioWorkflow(topic: "bees", settings: settings)
        #expect(workflow.steps.map(\.step) == StudioStep.allCases)
        #expect(workflow.steps.map(\.state) == [.ready] + Array(repeating: .locked, count: 7))
        #expect(workflow.validate().isEmpty)
    }

    @Test("a step runs only once every earlier step is done, and the refusal names the missing one")
    func prerequisites() throws {
        let workflow = try walked(to: .storyboard)
        #expect(throws: StudioRuleError.locked(step: .frames, missing: .hero)) {
            try workflow.checkCanRun(.frames)
        }
        #expect(throws: Never.self) { try workflow.checkCanRun(.hero) }
        let running = try workflow.started(.hero, credits: 3, at: 5)
        #expect(throws: StudioRuleError.busy(running: .hero)) { try running.checkCanRun(.idea) }
        #expect(running[.hero].state == .running && running[.hero].runs == 1 && running[.hero].credits == 3)
    }

    @Test("approving opens the next step; only a step in review can be approved")
    func approval() throws {
        var workflow = try walked(to: .idea)
        #expect(workflow[.storyboard].state == .ready)
        #expect(throws: StudioRuleError.notInReview(step: .storyboard, state: .ready)) {
            try workflow.approved(.storyboard, outputs: workflow.outputs, at: 9)
        }
        workflow = try workflow.started(.storyboard, credits: 0, at: 9)
        workflow = workflow.completed(.storyboard, outputs: workflow.outputs, at: 10)
        #expect(workflow[.storyboard].state == .review)
        #expect(workflow[.hero].state == .locked)
    }

    @Test("a rerun whose output changed makes exactly the steps that read it stale")
    func staleness() throws {
        let done = try walked(to: .export)
        #expect(done.steps.allSatisfy { $0.state == .done })
        // The hero step's output changes: frames read it, clips read frames, edit reads clips, export reads edit;
        // audio reads only the storyboard and stays done.
        var outputs = done.outputs
        outputs.hero = HeroOutput(candidates: [], chosen: 1)
        var rerun = try done.started(.hero, credits: 3, at: 20)
        rerun = rerun.completed(.hero, outputs: outputs, at: 21)
        #expect(rerun[.hero].state == .review)
        #expect([StudioStep.frames, .clips, .edit, .export].allSatisfy { rerun[$0].state == .stale })
        #expect([StudioStep.idea, .storyboard, .audio].allSatisfy { rerun[$0].state == .done })
        // A stale step cannot run until the rerun is approved.
        #expect(throws: StudioRuleError.locked(step: .frames, missing: .hero)) { try rerun.checkCanRun(.frames) }
        rerun = try rerun.approved(.hero, outputs: rerun.outputs, at: 22)
        #expect(rerun[.frames].state == .stale)
        #expect(throws: Never.self) { try rerun.checkCanRun(.frames) }
    }

    @Test("a rerun that made the same output stales nothing")
    func unchangedRerun() throws {
        let done = try walked(to: .export)
        var rerun = try done.started(.storyboard, credits: 0, at: 20)
        rerun = rerun.completed(.storyboard, outputs: rerun.outputs, at: 21)
        #expect(StudioStep.allCases.filter { rerun[$0].state == .stale }.isEmpty)
        #expect(rerun[.storyboard].state == .review)
    }

    @Test("a failed run gives back its credits in the step's total and can run again")
    func failure() throws {
        var workflow = try walked(to: .idea)
        workflow = try workflow.started(.storyboard, credits: 4, at: 5)
        workflow = workflow.failed(.storyboard, error: "flite crashed", refunded: 4, at: 6)
        #expect(workflow[.storyboard].state == .failed)
        #expect(workflow[.storyboard].credits == 0)
        #expect(workflow[.storyboard].error == "flite crashed")
        #expect(throws: Never.self) { try workflow.checkCanRun(.storyboard) }
        // A late failure report for a run that is no longer running changes nothing.
        #expect(workflow.failed(.storyboard, error: "again", refunded: 4, at: 7) == workflow)
    }

    @Test("dependents follow the inputs of each step, transitively")
    func dependents() {
        #expect(StudioStep.idea.dependents == [.storyboard, .hero, .frames, .clips, .audio, .edit, .export])
        #expect(StudioStep.hero.dependents == [.frames, .clips, .edit, .export])
        #expect(StudioStep.audio.dependents == [.edit, .export])
        #expect(StudioStep.export.dependents == [])
    }

    @Test("a request carrying another step's choice is refused, naming the field")
    func requestFields() {
        var request = StudioRequest()
        request.models = ["s1": "embedded.morph"]
        #expect(request.issues(for: .clips).isEmpty)
        #expect(request.issues(for: .hero).map(\.path) == ["models"])
        request = StudioRequest()
        request.variations = 7
        #expect(request.issues(for: .hero).map(\.path) == ["variations"])
        request = StudioRequest()
        request.frame = .end
        #expect(request.issues(for: .frames).map(\.path) == ["frame"])
    }

    @Test("approvals in any order open every step whose earlier steps are all done")
    func approvalsOutOfOrder() throws {
        var workflow = try walked(to: .hero)
        workflow = try workflow.started(.frames, credits: 0, at: 10)
        workflow = workflow.completed(.frames, outputs: workflow.outputs, at: 11)
        // The storyboard is run again (same output, so nothing goes stale) while frames waits for review.
        workflow = try workflow.started(.storyboard, credits: 0, at: 12)
        workflow = workflow.completed(.storyboard, outputs: workflow.outputs, at: 13)
        #expect(workflow[.frames].state == .review)
        workflow = try workflow.approved(.frames, outputs: workflow.outputs, at: 14)
        #expect(workflow[.clips].state == .locked)
        workflow = try workflow.approved(.storyboard, outputs: workflow.outputs, at: 15)
        #expect(workflow[.clips].state == .ready)
        #expect(workflow[.audio].state == .locked)
    }
}
