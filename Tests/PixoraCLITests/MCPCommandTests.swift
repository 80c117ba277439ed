import Foundation
import MCP
import PixoraMedia
import PixoraTestSupport
import Synchronization
import SystemPackage
import Testing

/// `pixora mcp` as an MCP client starts it: the built binary on pipes, driven by the SDK's client over the SDK's
/// stdio transport.
@Suite("pixora mcp over stdio")
struct MCPCommandTests {
    /// Progress notifications received, in order.
    final class Updates: Sendable {
        private let list = Mutex<[ProgressNotification.Parameters]>([])
        func add(_ value: ProgressNotification.Parameters) { list.withLock { $0.append(value) } }
        var all: [ProgressNotification.Parameters] { list.withLock { $0 } }
    }

    func call(_ client: Client, _ name: String, _ arguments: [String: Value], progress: String? = nil) async throws
        -> CallTool.Result
    {
        let context: MCP.RequestContext<CallTool.Result> = try await client.callTool(
            name: name, arguments: arguments, meta: progress.map { Metadata(progressToken: .string($0)) })
        return try await context.value
    }

    func text(_ result: CallTool.Result) -> String {
        result.content.compactMap { if case .text(let text, _, _) = $0 { text } else { nil } }.joined()
    }

    @Test("plan, make a short video with progress, probe it, edit it, and refuse bad arguments as tool errors")
    func session() async throws {
        let cli = try CLI()
        defer { cli.remove() }
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["mcp", "--cache", cli.cache.path]
        process.currentDirectoryURL = cli.folder
        let toServer = Pipe()
        let fromServer = Pipe()
        let errors = Pipe()
        process.standardInput = toServer
        process.standardOutput = fromServer
        process.standardError = errors
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        let client = Client(name: "pixora-cli-test", version: "1")
        let updates = Updates()
        await client.onNotification(ProgressNotification.self) { updates.add($0.params) }
        let transport = StdioTransport(
            input: FileDescriptor(rawValue: fromServer.fileHandleForReading.fileDescriptor),
            output: FileDescriptor(rawValue: toServer.fileHandleForWriting.fileDescriptor))
        let initialized = try await client.connect(transport: transport)
        #expect(initialized.serverInfo.name == "pixora")

        let (tools, _) = try await client.listTools()
        let create = try #require(tools.first { $0.name == "create_video" })
        #expect(create.inputSchema.objectValue?["required"]?.arrayValue == ["outputPath"])
        #expect(tools.count == 7)

        let planned = try await call(
            client, "plan_video",
            ["prompt": "a 5-second video about bees making honey", "durationSeconds": 5, "quality": "480p"])
        #expect(planned.isError == false, "\(text(planned))")
        let plan = try #require(planned.structuredContent)
        #expect((plan.objectValue?["scenes"]?.arrayValue?.count ?? 0) >= 1)

        let output = cli.folder.appendingPathComponent("bees.mp4")
        let made = try await call(
            client, "create_video", ["plan": plan, "outputPath": .string(output.path), "idempotencyKey": "bees"],
            progress: "bees")
        #expect(made.isError == false, "\(text(made))")
        #expect(made.structuredContent?.objectValue?["status"]?.stringValue == "completed")
        let id = try #require(made.structuredContent?.objectValue?["id"]?.stringValue)
        let info = try await MediaProbe.probe(output)
        #expect(abs(info.duration - 5) < 0.3)
        #expect(info.video?.height == 480 && info.audio != nil)
        for name in ["bees.jpg", "bees.plan.json", "bees.editor-state.json"] {
            #expect(FileManager.default.fileExists(atPath: cli.path(name)), "\(name) missing")
        }
        let progress = updates.all.filter { $0.progressToken == .string("bees") }.map(\.progress)
        #expect(progress.count >= 3)
        #expect(progress == progress.sorted() && progress.last == 100)

        // A retried call with the same key answers the same video without rendering again.
        let again = try await call(
            client, "create_video", ["plan": plan, "outputPath": .string(output.path), "idempotencyKey": "bees"])
        #expect(again.structuredContent?.objectValue?["id"]?.stringValue == id)

        let got = try await call(client, "get_video", ["videoId": .string(id)])
        #expect(got.structuredContent?.objectValue?["outputPath"]?.stringValue == output.path)
        let listed = try await call(client, "list_videos", [:])
        #expect(listed.structuredContent?.objectValue?["items"]?.arrayValue?.count == 1)
        let planResource = try await client.readResource(uri: "pixora://videos/\(id)/plan")
        #expect(planResource.first?.text?.contains("\"scenes\"") == true)

        // The video made, analysed as a remix sample.
        let analysed = try await call(client, "analyze_sample", ["path": .string(output.path)], progress: "look")
        #expect(analysed.isError == false, "\(text(analysed))")
        // A whole number of seconds comes back as a JSON integer.
        let length = analysed.structuredContent?.objectValue?["durationSeconds"]
        let seconds = length?.doubleValue ?? length?.intValue.map(Double.init) ?? 0
        #expect(abs(seconds - info.duration) < 0.1)
        #expect((analysed.structuredContent?.objectValue?["shots"]?.arrayValue?.count ?? 0) >= 1)
        let folder = try await call(client, "analyze_sample", ["path": .string(cli.folder.path)])
        #expect(folder.isError == true && text(folder) == "path \(cli.folder.path) is not a file")

        // An edit renders a second version beside the first.
        let edited = try await call(
            client, "edit_video",
            ["videoId": .string(id), "operations": [["op": "setTrackVolume", "track": "music", "volume": 0.2]]])
        #expect(edited.isError == false, "\(text(edited))")
        let second = cli.folder.appendingPathComponent("bees.v2.mp4")
        #expect(edited.structuredContent?.objectValue?["outputPath"]?.stringValue == second.path)
        #expect(abs(try await MediaProbe.probe(second).duration - info.duration) < 0.1)

        // Mistakes are tool errors with the reason; the session carries on.
        let movie = try await call(client, "create_video", ["prompt": "bees", "outputPath": "bees.mov"])
        #expect(movie.isError == true && text(movie) == "outputPath must name an .mp4 file, got 'bees.mov'")
        let nowhere = try await call(
            client, "create_video", ["prompt": "bees", "outputPath": .string(cli.path("missing/bees.mp4"))])
        #expect(nowhere.isError == true && text(nowhere).contains("does not exist"))
        let shape = try await call(
            client, "plan_video", ["prompt": "bees", "aspectRatio": "4:3"])
        #expect(shape.isError == true && text(shape).contains("aspectRatio") && text(shape).contains("4:3"))
        let unknown = try await call(client, "get_video", ["videoId": "local-9-nothing"])
        #expect(unknown.isError == true && text(unknown) == "video not found: local-9-nothing")
        let wrongEdit = try await call(
            client, "edit_video", ["videoId": .string(id), "operations": [["op": "removeClip", "clip": 9]]])
        #expect(wrongEdit.isError == true && text(wrongEdit).contains("operations[0].clip"))
        #expect(try await call(client, "list_videos", [:]).isError == false)

        // Closing stdin ends the server cleanly.
        await client.disconnect()
        try toServer.fileHandleForWriting.close()
        let log = try await offPool {
            process.waitUntilExit()
            return String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        }
        #expect(process.terminationStatus == 0)
        #expect(!log.contains("error"), "\(log)")
    }
}
