import Foundation
import PixoraCore
import PixoraPipeline

/// Takes the studio's steps in memory through the same transitions as the server's jobs (estimate, start, run,
/// complete, choose, approve), printing what each step cost and how long it took.
struct StudioWalk {
    let pipeline: StudioPipeline
    var workflow: StudioWorkflow
    let requests: [StudioStep: StudioRequest]
    let selections: [StudioStep: StudioSelection]
    let files: StudioFiles
    let quiet: Bool
    private var credits = 0
    private var seconds = 0.0

    init(
        pipeline: StudioPipeline, workflow: StudioWorkflow, requests: [StudioStep: StudioRequest],
        selections: [StudioStep: StudioSelection], files: StudioFiles, quiet: Bool
    ) {
        self.pipeline = pipeline
        self.workflow = workflow
        self.requests = requests
        self.selections = selections
        self.files = files
        self.quiet = quiet
    }

    /// Every step in order, each approved with the person's choices.
    mutating func takeAll() async throws {
        for step in StudioStep.allCases {
            try await take(step, requests[step] ?? StudioRequest())
            // The effects are checked once the scenes exist, before the clips, the slowest step, are paid for.
            if step == .storyboard {
                _ = try pipeline.estimate(.audio, requests[.audio] ?? StudioRequest(), workflow: workflow)
            }
        }
        total()
    }

    /// `step` again with `request`, then every later step that went stale; the others are listed at no cost so
    /// the whole rerun reads against the first walk line by line.
    mutating func rerun(_ step: StudioStep, _ request: StudioRequest) async throws {
        for other in StudioStep.allCases {
            if other == step {
                try await take(step, request)
            } else if other > step, workflow[other].state != .done {
                try await take(other, requests[other] ?? StudioRequest())
            } else {
                line(other, state: workflow[other].state, credits: 0, seconds: 0, note: "  unchanged")
            }
        }
        total()
    }

    mutating func take(_ step: StudioStep, _ request: StudioRequest) async throws {
        let estimate = try pipeline.estimate(step, request, workflow: workflow)
        if !quiet {
            for caveat in estimate.caveats { FileHandle.standardError.write(Data("note: \(caveat)\n".utf8)) }
        }
        // A display per step: its bar measures this step, not the walk.
        let display = ProgressDisplay(quiet: quiet)
        let clock = ContinuousClock()
        let start = clock.now
        workflow = try workflow.started(step, credits: estimate.credits, at: Self.now())
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("pixora-studio-\(UUID())")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let run = try await pipeline.run(
            step, request, workflow: workflow, scratch: scratch, progress: display.handle)
        var outputs = run.outputs
        // What the run used, never more than the estimate (as the server charges).
        let used = min(estimate.credits, run.credits)
        if step == .export, let export = outputs.export {
            outputs.export = try await files.placeExport(export, from: scratch)
        }
        workflow = workflow.completed(step, outputs: outputs, at: Self.now())
        let chosen = try pipeline.select(step, selections[step] ?? StudioSelection(), workflow: workflow)
        workflow = try workflow.approved(step, outputs: chosen, at: Self.now())
        // Written after every step, so a later failure still leaves what was approved to look at.
        try await files.write(workflow)
        let elapsed = start.duration(to: clock.now)
        let wall = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        display.finish()
        line(step, state: workflow[step].state, credits: used, seconds: wall, note: "")
        credits += used
        seconds += wall
    }

    func heading(_ text: String) {
        if !quiet { print(text) }
    }

    private mutating func total() {
        let name = "total".padding(toLength: 18, withPad: " ", startingAt: 0)
        if !quiet { print(name + Self.figures(credits, seconds)) }
        credits = 0
        seconds = 0
    }

    private func line(_ step: StudioStep, state: StepState, credits: Int, seconds: Double, note: String) {
        guard !quiet else { return }
        let name = step.rawValue.padding(toLength: 11, withPad: " ", startingAt: 0)
        print(
            name + state.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0) + Self.figures(credits, seconds)
                + note)
    }

    private static func figures(_ credits: Int, _ seconds: Double) -> String {
        String(format: "%4d credits %7.2f s", credits, seconds)
    }

    /// Milliseconds since 1970, as the store stamps its transitions.
    private static func now() -> Int64 { Int64(Date().timeIntervalSince1970 * 1000) }
}
