import Foundation
import PixoraAPI
import PixoraCore
import PixoraStore
import PixoraTestSupport
import Testing

extension API {
    func createStudio(_ session: Session, topic: String = "how bees make honey", seconds: Int = 8) async throws
        -> Schemas.Project
    {
        let reply = try await call(
            .post, "/api/v1/projects", session: session,
            json: [
                "kind": "studio", "topic": topic,
                "settings": ["durationSeconds": seconds, "quality": "480p", "aspectRatio": "16:9"],
            ])
        guard reply.status == .created else { throw TestFailure("studio: \(reply.status) \(reply.text)") }
        return try reply.decode(Schemas.Project.self)
    }

    func step(_ project: Schemas.Project, _ step: StudioStep) throws -> Schemas.StudioStepView {
        guard let view = project.workflow?.steps.first(where: { $0.step == step }) else {
            throw TestFailure("no \(step.rawValue) step")
        }
        return view
    }

    /// Runs a step (charging its estimate) and waits until its job has finished.
    @discardableResult
    func runStep(_ session: Session, _ id: String, _ step: StudioStep, _ body: [String: Any] = [:]) async throws
        -> Schemas.Project
    {
        let reply = try await call(.post, "/api/v1/projects/\(id)/steps/\(step.rawValue)", session: session, json: body)
        guard reply.status == .accepted || (step == .edit && reply.status == .ok) else {
            throw TestFailure("run \(step.rawValue): \(reply.status) \(reply.text)")
        }
        let deadline = ContinuousClock.now + .seconds(600)
        while ContinuousClock.now < deadline {
            let project = try await call(.get, "/api/v1/projects/\(id)", session: session).decode(Schemas.Project.self)
            if try self.step(project, step).state != .running { return project }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw TestFailure("step \(step.rawValue) did not finish in time")
    }

    @discardableResult
    func approve(_ session: Session, _ id: String, _ step: StudioStep, _ body: [String: Any]? = nil) async throws
        -> Schemas.Project
    {
        let reply = try await call(
            .post, "/api/v1/projects/\(id)/steps/\(step.rawValue)/approve", session: session, json: body)
        guard reply.status == .ok else { throw TestFailure("approve \(step.rawValue): \(reply.status) \(reply.text)") }
        return try reply.decode(Schemas.Project.self)
    }

    func estimate(_ session: Session, _ id: String, _ step: StudioStep) async throws -> StudioEstimate {
        let reply = try await call(.get, "/api/v1/projects/\(id)/steps/\(step.rawValue)/estimate", session: session)
        guard reply.status == .ok else { throw TestFailure("estimate \(step.rawValue): \(reply.status) \(reply.text)") }
        return try reply.decode(StudioEstimate.self)
    }
}

@Suite("The guided studio through the API")
struct GuidedStudioAPITests {
    @Test(
        "eight steps from idea to a WebM export: locks, estimates equal to charges, stale steps, cheap reruns",
        arguments: TestEngine.allCases)
    func walk(engine: TestEngine) async throws {
        try await TestApp.with(engine) { app in
            try await app.withWorker {
                try await app.test { api in
                    let session = try await api.register()
                    let created = try await api.createStudio(
                        session, topic: "bees at dawn \(UUID().uuidString.prefix(6))")
                    let id = created.id
                    #expect(created.kind == .studio && created.status == .active)
                    #expect(try api.step(created, .idea).state == .ready)
                    #expect(try api.step(created, .frames).state == .locked)
                    #expect(try api.step(created, .frames).missing == .idea)

                    // Out of order: 409 step_locked naming the missing step, and nothing charged.
                    let before = try await api.balance(session)
                    let early = try await api.call(
                        .post, "/api/v1/projects/\(id)/steps/hero", session: session, json: [:])
                    #expect(early.status == .conflict && early.errorCode == .stepLocked)
                    #expect(early.errorMessage == "The hero step needs the idea step to be approved first.")
                    #expect(try await api.balance(session) == before)

                    // idea: three concepts; the second, edited to the project's 8 seconds.
                    var project = try await api.runStep(session, id, .idea)
                    let concepts = try #require(project.workflow?.outputs.idea?.concepts)
                    #expect(concepts.count == 3 && Set(concepts.map(\.title)).count == 3)
                    #expect(concepts[0].durationSeconds == 8)
                    var edited = concepts[1]
                    edited.durationSeconds = 8
                    project = try await api.approve(session, id, .idea, ["concept": try api.object(edited)])
                    #expect(project.workflow?.outputs.idea?.concept == edited)
                    #expect(try api.step(project, .storyboard).state == .ready)

                    // Each paid step: the estimate is what the ledger charges, except the storyboard's, which
                    // guesses the scene count before the plan exists and gives back the voices it did not make.
                    var spent = 0
                    for step in [StudioStep.storyboard, .hero, .frames, .clips, .audio] {
                        let estimate = try await api.estimate(session, id, step)
                        let balance = try await api.balance(session)
                        project = try await api.runStep(session, id, step)
                        let charged = try api.step(project, step).lastRunCredits
                        #expect(try api.step(project, step).state == .review, "\(step)")
                        #expect(try await api.balance(session) == balance - charged, "\(step)")
                        if step == .storyboard {
                            let scenes = try #require(project.workflow?.outputs.storyboard?.plan.scenes)
                            // The plan, and a voice per scene the asset cache did not already hold (the other
                            // engine's walk may have made the same voices first).
                            #expect((1...(1 + scenes.count)).contains(charged) && charged <= estimate.credits)
                        } else {
                            #expect(charged == estimate.credits, "\(step)")
                        }
                        spent += charged
                        project = try await api.approve(session, id, step)
                    }
                    #expect(spent > 0)
                    let outputs = try #require(project.workflow?.outputs)
                    let scenes = try #require(outputs.storyboard?.plan.scenes)
                    #expect(outputs.hero?.candidates.count == 3)
                    #expect(outputs.frames?.scenes.map(\.sceneId) == scenes.map(\.id))
                    #expect(outputs.clips?.scenes.allSatisfy { $0.model == "embedded.morph" } == true)

                    // A frame link serves its PNG to the owner only.
                    let frame = try #require(outputs.frames?.scenes.first?.startFrame)
                    let png = try await api.call(.get, frame)
                    #expect(png.status == .ok && png.headers[.contentType] == "image/png")
                    let stranger = try await api.register()
                    let path = String(frame.prefix { $0 != "?" })
                    #expect(try await api.call(.get, path, session: stranger).status == .notFound)
                    #expect(try await api.call(.get, "/api/v1/projects/\(id)", session: stranger).status == .notFound)

                    // edit: assembled at once; a split keeps the length.
                    project = try await api.runStep(session, id, .edit)
                    let state = try #require(project.workflow?.outputs.edit?.editorState)
                    #expect(state.clips.count == scenes.count)
                    // A sound that is not one of this project's (another user's, say) is refused.
                    let foreign = String(repeating: "ab", count: 32) + ".wav"
                    let smuggled = try await api.call(
                        .post, "/api/v1/projects/\(id)/steps/edit", session: session,
                        json: [
                            "operations": [["op": "addEffect", "asset": foreign, "start": 0, "duration": 1]]
                        ])
                    #expect(smuggled.status == .unprocessableContent)
                    #expect(
                        smuggled.errorMessage?.contains("is not a picture, clip or sound this project made") == true)
                    // A split keeps the timeline's length and adds a clip.
                    let split = try await api.call(
                        .post, "/api/v1/projects/\(id)/steps/edit", session: session,
                        json: ["operations": [["op": "splitClip", "clip": 0, "at": 1]]])
                    #expect(split.status == .ok)
                    let splitState = try #require(
                        try split.decode(Schemas.Project.self).workflow?.outputs.edit?.editorState)
                    #expect(splitState.clips.count == scenes.count + 1)
                    #expect(abs(splitState.duration - state.duration) < 0.001)
                    project = try await api.approve(session, id, .edit)

                    // export: WebM, probed.
                    project = try await api.runStep(session, id, .export, ["format": "webm", "quality": "480p"])
                    let export = try #require(project.workflow?.outputs.export)
                    #expect(export.format == .webm && export.height == 480)
                    let file = try await api.call(.get, export.url)
                    #expect(file.status == .ok && file.headers[.contentType] == "video/webm")
                    let probed = try await probe(Data(file.body.readableBytesView))
                    #expect(abs(probed.duration - splitState.duration) < 0.2)
                    project = try await api.approve(session, id, .export)
                    #expect(project.workflow?.steps.allSatisfy { $0.state == .done } == true)

                    // Rerun the hero step with a new seed: frames, clips, edit and export go stale; audio stays.
                    let heroBalance = try await api.balance(session)
                    project = try await api.runStep(session, id, .hero, ["seed": 99])
                    for step in [StudioStep.frames, .clips, .edit, .export] {
                        #expect(try api.step(project, step).state == .stale, "\(step)")
                    }
                    #expect(try api.step(project, .audio).state == .done)
                    #expect(try await api.balance(session) == heroBalance - 3)

                    // Choosing the old look again: the frames it needs are in the store, so they cost nothing.
                    project = try await api.runStep(session, id, .hero)
                    project = try await api.approve(session, id, .hero)
                    #expect(try await api.estimate(session, id, .frames).credits == 0)

                    let books = try await ledger(app, session.userId)
                    #expect(books.balance == books.sum)
                    #expect(try await api.balance(session) == books.balance)
                }
            }
        }
    }

    @Test("a remix project has no steps; a bad step name, a foreign field and a bad kind are refused")
    func refusals() async throws {
        try await TestApp.with(.sqlite) { app in
            try await app.test { api in
                let session = try await api.register()
                let project = try await api.createStudio(session)
                let wrong = try await api.call(
                    .post, "/api/v1/projects/\(project.id)/steps/idea", session: session, json: ["models": ["s1": "x"]])
                #expect(wrong.status == .unprocessableContent)
                #expect(wrong.errorMessage?.contains("models: is not a choice of the idea step") == true)
                let unknown = try await api.call(
                    .post, "/api/v1/projects/\(project.id)/steps/polish", session: session, json: [:])
                #expect(unknown.status == .unprocessableContent)
                let kind = try await api.call(
                    .post, "/api/v1/projects", session: session, json: ["kind": "remix", "topic": "x"])
                #expect(kind.status == .unprocessableContent)
                let approve = try await api.call(
                    .post, "/api/v1/projects/\(project.id)/steps/idea/approve", session: session)
                #expect(approve.status == .conflict && approve.errorCode == .stepNotInReview)
            }
        }
    }
}
