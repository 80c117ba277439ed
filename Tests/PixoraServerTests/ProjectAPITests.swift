import Foundation
import HTTPTypes
import NIOCore
import PixoraAPI
import PixoraStore
import PixoraTestSupport
import Testing

/// A `multipart/form-data` body as a browser sends it.
struct MultipartBody {
    let boundary = "pixora-test-\(UUID().uuidString.prefix(8))"
    var bytes = ByteBuffer()

    mutating func text(_ name: String, _ value: String) {
        bytes.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
    }

    mutating func file(_ name: String, _ data: Data, filename: String, type: String = "application/octet-stream") {
        bytes.writeString(
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"; filename=\"\(filename)\"\r\n"
                + "Content-Type: \(type)\r\n\r\n")
        bytes.writeBytes(data)
        bytes.writeString("\r\n")
    }

    func finished() -> ByteBuffer {
        var copy = bytes
        copy.writeString("--\(boundary)--\r\n")
        return copy
    }

    var headers: HTTPFields { [.contentType: "multipart/form-data; boundary=\(boundary)"] }
}

/// Media made once per test run by ffmpeg.
enum ProjectFixtures {
    static let folder: URL = {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pixora-project-fixtures")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }()

    /// 8 s: shots of 3, 2 and 3 s (hard cuts at 3 s and 5 s), with a tone.
    static var sample: Data { get async throws { try await made.sample.value } }
    static var character: Data { get async throws { try await made.character.value } }
    static var music: Data { get async throws { try await made.music.value } }

    /// Each made on first use, off the concurrency pool (ffmpeg is waited for on a thread of its own).
    private static let made = (
        sample: Task {
            try await fixture("sample", "mp4") {
                try await sampleVideoFixture(shots: [(3, "red"), (2, "blue"), (3, "yellow")], to: $0)
            }
        },
        character: Task {
            try await fixture("character", "png") {
                try await ffmpegFixture(["-f", "lavfi", "-i", "color=c=magenta:s=64x64", "-frames:v", "1"], to: $0)
            }
        },
        music: Task {
            try await fixture("music", "wav") {
                try await ffmpegFixture(
                    ["-f", "lavfi", "-i", "sine=frequency=330:sample_rate=48000:duration=4"], to: $0)
            }
        }
    )

    private static func fixture(_ name: String, _ type: String, make: (URL) async throws -> Void) async throws -> Data {
        let url = folder.appendingPathComponent("\(name)-\(UUID().uuidString).\(type)")
        try await make(url)
        return try Data(contentsOf: url)
    }
}

extension API {
    func upload(_ session: Session, _ body: MultipartBody) async throws -> Reply {
        try await call(.post, "/api/v1/projects", session: session, headers: body.headers, raw: body.finished())
    }

    /// A remix project from the fixture sample (and optionally the character and the music).
    func createProject(_ session: Session, extras: Bool = false, topic: String = "how bees make honey") async throws
        -> Schemas.Project
    {
        var body = MultipartBody()
        body.text("kind", "remix")
        body.text("topic", topic)
        body.file("sample", try await ProjectFixtures.sample, filename: "my sample.mp4", type: "video/mp4")
        if extras {
            body.file("character", try await ProjectFixtures.character, filename: "hero.png", type: "image/png")
            body.file("audio", try await ProjectFixtures.music, filename: "bed.wav", type: "audio/wav")
        }
        let reply = try await upload(session, body)
        guard reply.status == .created else { throw TestFailure("upload: \(reply.status) \(reply.text)") }
        return try reply.decode(Schemas.Project.self)
    }

    /// Polls the project until its analysis has finished.
    func waitForAnalysis(_ session: Session, _ id: String) async throws -> Schemas.Project {
        let deadline = ContinuousClock.now + .seconds(600)
        while ContinuousClock.now < deadline {
            let project = try await call(.get, "/api/v1/projects/\(id)", session: session).decode(Schemas.Project.self)
            if project.status != .analyzing { return project }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw TestFailure("project \(id) was not analyzed in time")
    }
}

@Suite("Remix projects through the API")
struct ProjectAPITests {
    @Test(
        "upload a sample, read its analysis and keyframes, plan, chat, compare, restore, generate two variants",
        arguments: TestEngine.allCases)
    func remixFlow(engine: TestEngine) async throws {
        try await TestApp.with(engine) { app in
            try await app.test { api in
                let session = try await api.register()
                let created = try await api.createProject(session, extras: true)
                #expect(created.status == .analyzing)
                #expect(created.title == "Remix of my sample")
                #expect(Set(created.files.map(\.role)) == [.sample, .character, .music])
                #expect(created.files.first { $0.role == .sample }?.contentType == "video/mp4")
                #expect(created.job?.kind == .analyzeSample)

                let project = try await app.withWorker { try await api.waitForAnalysis(session, created.id) }
                #expect(project.status == .analyzed, "\(project.error ?? "")")
                let analysis = try #require(project.analysis)
                #expect(abs(analysis.durationSeconds - 8) < 0.2)
                #expect(analysis.shots.count == 3)
                let cuts = analysis.shots.dropFirst().map(\.start)
                #expect(cuts.count == 2 && abs(cuts[0] - 3) <= 0.04 && abs(cuts[1] - 5) <= 0.04, "\(cuts)")
                #expect(analysis.audio.present)
                #expect(project.keyframeUrls?.count == 3)
                let keyframe = try await api.call(.get, try #require(project.keyframeUrls?.first))
                #expect(keyframe.status == .ok)
                #expect(keyframe.headers[.contentType] == "image/jpeg")
                let sampleURL = try #require(project.files.first { $0.role == .sample }?.url)
                let sample = try await api.call(.get, sampleURL, headers: [.range: "bytes=0-99"])
                #expect(sample.status == .partialContent)
                #expect(sample.body.readableBytes == 100)

                // No chat before a plan.
                let early = try await api.call(
                    .post, "/api/v1/projects/\(project.id)/chat", session: session, json: ["message": "faster"])
                #expect(early.status == .conflict)
                #expect(early.errorCode == .noPlan)

                let made = try await api.call(.post, "/api/v1/projects/\(project.id)/plans", session: session)
                #expect(made.status == .created, "\(made.text)")
                let first = try made.decode(Schemas.PlanVersion.self)
                let plan = try #require(first.plan)
                #expect(first.number == 1 && first.source == .analysis)
                #expect(plan.settings.aspectRatio == .vertical)
                #expect(plan.plannedDuration <= 60.01)
                #expect(plan.scenes.allSatisfy { $0.duration <= 15 })
                #expect(plan.media?.character != nil && plan.media?.music != nil)

                let chat = try await api.call(
                    .post, "/api/v1/projects/\(project.id)/chat", session: session,
                    json: ["message": "make it 6 seconds"])
                #expect(chat.status == .ok, "\(chat.text)")
                let reply = try chat.decode(Schemas.ChatReply.self)
                #expect(reply.changed)
                #expect(reply.planVersion?.number == 2)
                #expect(abs((reply.planVersion?.plan?.plannedDuration ?? 0) - 6) < 1)
                #expect(reply.messages.map(\.role) == [.user, .assistant])

                let nonsense = try await api.call(
                    .post, "/api/v1/projects/\(project.id)/chat", session: session,
                    json: ["message": "qwzx blorp"])
                let unchanged = try nonsense.decode(Schemas.ChatReply.self)
                #expect(!unchanged.changed && unchanged.planVersion == nil)
                #expect(!unchanged.reply.isEmpty)

                let history = try await api.call(.get, "/api/v1/projects/\(project.id)/chat", session: session)
                    .decode(Schemas.ChatHistory.self)
                #expect(history.items.map(\.number) == [1, 2, 3, 4])
                #expect(history.items[1].planVersion == 2 && history.items[3].planVersion == nil)

                let versions = try await api.call(.get, "/api/v1/projects/\(project.id)/plans", session: session)
                    .decode(Schemas.PlanVersionList.self)
                #expect(versions.items.map(\.number) == [1, 2])
                #expect(versions.items.allSatisfy { $0.plan == nil })

                let comparison = try await api.call(
                    .get, "/api/v1/projects/\(project.id)/plans/2/compare?with=1", session: session
                ).decode(Schemas.PlanComparison.self)
                #expect(comparison.from == 1 && comparison.to == 2)
                #expect(!comparison.changes.isEmpty)

                // The plan names the uploads by content hash: only their owner may use them in a video.
                let stranger = try await api.register()
                let borrowed = try await api.call(
                    .post, "/api/v1/videos", session: stranger, json: ["plan": try api.object(plan)])
                #expect(borrowed.status == .unprocessableContent)
                #expect(borrowed.errorMessage?.contains("plan.media.character: is not one of your uploads") == true)
                let own = try await api.call(
                    .post, "/api/v1/plans", session: session, json: ["plan": try api.object(plan)])
                #expect(own.status == .ok, "\(own.text)")

                let restored = try await api.call(
                    .post, "/api/v1/projects/\(project.id)/plans/1/restore", session: session)
                #expect(restored.status == .created)
                let third = try restored.decode(Schemas.PlanVersion.self)
                #expect(third.number == 3 && third.source == .restore && third.plan == plan)

                // Two variants of version 2, charged once each, replayed for free.
                let before = try await api.balance(session)
                let key: HTTPFields = [.init("Idempotency-Key")!: "variants-1"]
                let generated = try await api.call(
                    .post, "/api/v1/projects/\(project.id)/videos", session: session, headers: key,
                    json: ["planVersion": 2, "variants": 2])
                #expect(generated.status == .created, "\(generated.text)")
                let videos = try generated.decode(Schemas.ProjectVideos.self)
                let price = try #require(videos.price)
                #expect(videos.items.count == 2)
                #expect(try await api.balance(session) == before - 2 * price)
                let replay = try await api.call(
                    .post, "/api/v1/projects/\(project.id)/videos", session: session, headers: key,
                    json: ["planVersion": 2, "variants": 2])
                #expect(replay.status == .ok)
                #expect(try replay.decode(Schemas.ProjectVideos.self).items.map(\.id) == videos.items.map(\.id))
                #expect(try await api.balance(session) == before - 2 * price)
                let balances = try await ledger(app, session.userId)
                #expect(balances.balance == balances.sum)

                try await app.withWorker {
                    for video in videos.items {
                        let done = try await api.waitForVideo(session, video.id, timeout: .seconds(600))
                            .decode(Schemas.Video.self)
                        #expect(done.status == .completed, "\(done.error ?? "")")
                    }
                }
                let listed = try await api.call(.get, "/api/v1/projects/\(project.id)/videos", session: session)
                    .decode(Schemas.ProjectVideos.self)
                #expect(Set(listed.items.map(\.id)) == Set(videos.items.map(\.id)))
                let file = try await api.call(.get, "/api/v1/videos/\(videos.items[0].id)/video", session: session)
                let size = try await videoSize(Data(file.body.readableBytesView))
                #expect(size.height > size.width, "9:16 expected, got \(size)")
            }
        }
    }

    @Test("uploads are checked by what ffprobe finds; a refused upload leaves no row and no file")
    func uploadValidation() async throws {
        try await TestApp.with(.sqlite, environment: ["PIXORA_UPLOAD_MAX_MB": "1"]) { app in
            try await app.test { api in
                let session = try await api.register()
                let (sample, music) = (try await ProjectFixtures.sample, try await ProjectFixtures.music)
                func attempt(_ build: (inout MultipartBody) -> Void) async throws -> Reply {
                    var body = MultipartBody()
                    build(&body)
                    return try await api.upload(session, body)
                }
                // JSON is the studio's form: a remix in JSON is told to use multipart; any other body is a 415.
                let json = try await api.call(
                    .post, "/api/v1/projects", session: session, json: ["kind": "remix", "topic": "bees"])
                #expect(json.status == .unprocessableContent)
                #expect(json.errorMessage?.contains("a remix project is multipart/form-data") == true)
                let notMultipart = try await api.call(
                    .post, "/api/v1/projects", session: session, headers: [.contentType: "text/plain"],
                    raw: ByteBuffer(string: "kind=remix"))
                #expect(notMultipart.status == .unsupportedMediaType)

                let text = try await attempt {
                    $0.text("kind", "remix")
                    $0.file("sample", Data("hello, I am not a video".utf8), filename: "clip.mp4", type: "video/mp4")
                }
                #expect(text.status == .unsupportedMediaType)
                #expect(text.errorMessage?.contains("sample") == true)

                let truncated = try await attempt {
                    $0.text("kind", "remix")
                    $0.file(
                        "sample", sample.prefix(sample.count / 2), filename: "a.mp4")
                }
                #expect([.unsupportedMediaType, .unprocessableContent].contains(truncated.status), "\(truncated.text)")

                let big = try await attempt {
                    $0.text("kind", "remix")
                    $0.file("sample", Data(count: 1_500_000), filename: "big.mp4")
                }
                #expect(big.status == .contentTooLarge)

                // A studio project is JSON; a multipart studio is refused rather than made into a remix.
                let multipartStudio = try await attempt {
                    $0.text("kind", "studio")
                    $0.file("sample", sample, filename: "a.mp4")
                }
                #expect(multipartStudio.status == .unprocessableContent)
                #expect(multipartStudio.errorMessage?.contains("a studio project is a JSON body") == true)

                let missing = try await attempt { $0.text("kind", "remix") }
                #expect(missing.status == .unprocessableContent)
                #expect(missing.text.contains("sample"))

                let unknownPart = try await attempt {
                    $0.text("kind", "remix")
                    $0.text("colour", "red")
                }
                #expect(unknownPart.status == .unprocessableContent)

                let wrongCharacter = try await attempt {
                    $0.text("kind", "remix")
                    $0.file("sample", sample, filename: "a.mp4")
                    $0.file("character", music, filename: "face.png", type: "image/png")
                }
                #expect(wrongCharacter.status == .unsupportedMediaType)
                #expect(wrongCharacter.errorMessage?.contains("character") == true)

                let long = ProjectFixtures.folder.appendingPathComponent("long-\(UUID().uuidString).mp3")
                try await ffmpegFixture(
                    ["-f", "lavfi", "-i", "sine=frequency=200:duration=61", "-b:a", "32k"], to: long)
                let longVoice = try await attempt {
                    $0.text("kind", "remix")
                    $0.file("sample", sample, filename: "a.mp4")
                    $0.file("audio", try! Data(contentsOf: long), filename: "voice.mp3")
                    $0.text("audioRole", "voiceOver")
                }
                #expect(longVoice.status == .unprocessableContent)
                #expect(longVoice.errorMessage?.contains("at most 60 s") == true, "\(longVoice.text)")

                let malformed = try await api.call(
                    .post, "/api/v1/projects", session: session,
                    headers: [.contentType: "multipart/form-data; boundary=abc"],
                    raw: ByteBuffer(string: "--abc\r\nnonsense without headers end"))
                #expect(malformed.status == .badRequest)

                let rows = try await app.services.database.read { db in
                    try await Projects.list(db, owner: session.userId, limit: 10, after: nil).items.count
                }
                #expect(rows == 0)
                let projects = app.services.configuration.mediaFolder.appendingPathComponent("projects")
                let left = (try? FileManager.default.contentsOfDirectory(atPath: projects.path)) ?? []
                #expect(left.isEmpty, "left behind: \(left)")
                let scratch = app.services.configuration.mediaFolder.appendingPathComponent("tmp")
                #expect(((try? FileManager.default.contentsOfDirectory(atPath: scratch.path)) ?? []).isEmpty)
            }
        }
    }

    @Test("a project is its owner's only; rename, list and delete", arguments: TestEngine.allCases)
    func ownership(engine: TestEngine) async throws {
        try await TestApp.with(engine) { app in
            try await app.test { api in
                let owner = try await api.register()
                let stranger = try await api.register()
                let project = try await api.createProject(owner)
                for path in [
                    "/api/v1/projects/\(project.id)", "/api/v1/projects/\(project.id)/plans",
                    "/api/v1/projects/\(project.id)/chat", "/api/v1/projects/\(project.id)/files/sample",
                    "/api/v1/projects/\(project.id)/events",
                ] {
                    let reply = try await api.call(.get, path, session: stranger)
                    #expect(reply.status == .notFound, "\(path)")
                }
                let strangers = try await api.call(.get, "/api/v1/projects", session: stranger)
                    .decode(Schemas.ProjectPage.self)
                #expect(strangers.items.isEmpty)

                let renamed = try await api.call(
                    .patch, "/api/v1/projects/\(project.id)", session: owner, json: ["title": "Bees, remixed"])
                #expect(try renamed.decode(Schemas.Project.self).title == "Bees, remixed")
                let page = try await api.call(.get, "/api/v1/projects", session: owner).decode(Schemas.ProjectPage.self)
                #expect(page.items.map(\.id) == [project.id])
                #expect(page.items[0].analysis == nil && page.items[0].eventsUrl == nil)
                #expect(page.items[0].files.map(\.role) == [.sample])

                let gone = try await api.call(.delete, "/api/v1/projects/\(project.id)", session: stranger)
                #expect(gone.status == .notFound)
                let deleted = try await api.call(.delete, "/api/v1/projects/\(project.id)", session: owner)
                #expect(deleted.status == .noContent)
                let after = try await api.call(.get, "/api/v1/projects/\(project.id)", session: owner)
                #expect(after.status == .notFound)
                let folder = app.services.configuration.mediaFolder.appendingPathComponent("projects/\(project.id)")
                #expect(!FileManager.default.fileExists(atPath: folder.path))
            }
        }
    }
}

/// Width and height of a video's first stream, by ffprobe.
func videoSize(_ data: Data) async throws -> (width: Int, height: Int) {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("size-\(UUID().uuidString).mp4")
    try data.write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    let (_, text) = try await runTool(
        "/usr/bin/ffprobe",
        ["-v", "error", "-select_streams", "v:0", "-show_entries", "stream=width,height", "-of", "csv=p=0", file.path])
    let parts = text.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ",").compactMap { Int($0) }
    guard parts.count == 2 else { throw TestFailure("no video size in '\(text)'") }
    return (parts[0], parts[1])
}
