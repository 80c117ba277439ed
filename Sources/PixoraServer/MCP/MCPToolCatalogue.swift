import MCP
import PixoraCore

/// The tools Pixora offers an MCP client, with their JSON schemas. The server's and `pixora mcp`'s differ only where
/// the work is done: on the server a video is charged and made by a worker; locally it is rendered to `outputPath`.
public enum MCPToolCatalogue {
    public enum Place: Sendable { case server, local }

    public static func tools(_ place: Place) -> [Tool] {
        [
            planVideo(place), createVideo(place), getVideo(place), listVideos(place), editVideo(place),
            regenerateScene(place),
        ] + (place == .local ? [analyzeSample] : [analyzeUpload, runStudioStep, approveStudioStep, getProject])
    }

    static let steps: Value = .object([
        "type": "string", "enum": .array(StudioStep.allCases.map { .string($0.rawValue) }),
        "description": .string(
            "The guided studio's step; in order: idea, storyboard, hero, frames, clips, audio, edit, export."),
    ])
    static let projectID: Value = .object([
        "type": "string", "description": "The studio project's id (from the studio or POST /api/v1/projects).",
    ])

    /// Server only: the guided studio's steps, run and approved as `POST /projects/{id}/steps/{step}[/approve]`.
    static let runStudioStep = Tool(
        name: "run_studio_step",
        description: "Run one step of a guided-studio project: charges the step's estimate in credits (as the "
            + "studio's estimate shows) and queues it (the edit step applies at once, free); by default waits for "
            + "it to finish, with progress notifications, and answers the project with its workflow. The step "
            + "then waits in review for approve_studio_step. Refused, charging nothing, when a step it needs is "
            + "not approved yet, another step is running or the balance is short.",
        inputSchema: schema(
            [
                "projectId": projectID, "step": steps,
                "request": .object([
                    "type": "object",
                    "description": .string(
                        "The step's request, as the API's StudioRequest: e.g. variations, models, effects, "
                            + "music, plan (storyboard), scene and frame, operations (edit), format and quality "
                            + "(export), seed. Default {}."),
                ]),
                "waitSeconds": wait,
            ], required: ["projectId", "step"]),
        annotations: .init(
            title: "Run a studio step", readOnlyHint: false, destructiveHint: false, idempotentHint: false,
            openWorldHint: false))

    static let approveStudioStep = Tool(
        name: "approve_studio_step",
        description: "Approve a studio step that is in review, with an optional selection (as the API's "
            + "StudioSelection: e.g. a concept for idea, a candidate for hero), unlocking the steps that need it.",
        inputSchema: schema(
            [
                "projectId": projectID, "step": steps,
                "selection": .object(["type": "object", "description": "What to keep of the step's output."]),
            ], required: ["projectId", "step"]),
        annotations: .init(
            title: "Approve a studio step", readOnlyHint: false, destructiveHint: false, idempotentHint: true,
            openWorldHint: false))

    static let getProject = Tool(
        name: "get_project",
        description: "A project with its workflow: each studio step's state (locked, ready, running, review, "
            + "done, stale, failed), what it cost and its outputs, and the running job's progress.",
        inputSchema: schema(["projectId": projectID], required: ["projectId"]),
        annotations: .init(title: "Get a project", readOnlyHint: true, openWorldHint: false))

    /// The largest sample `/mcp` takes as base64 (the message itself is at most 4 MiB); larger ones go through
    /// `POST /api/v1/projects`.
    public static let largestUpload = 3_000_000

    /// On the server: the sample arrives as base64 and becomes a remix project, as the multipart upload does.
    static let analyzeUpload = Tool(
        name: "analyze_sample",
        description: "Upload a sample video (base64, at most 3 MB; MP4, MOV, WebM, MKV or AVI, at most 10 "
            + "minutes) as a new remix project and analyse it: its shots, pacing, palette, sound and a description. "
            + "Free. By default waits for the analysis, with progress notifications, and answers the project "
            + "(analysis and keyframe links); its plans and videos are made in the studio or the API.",
        inputSchema: schema(
            [
                "sampleBase64": .object([
                    "type": "string", "contentEncoding": "base64",
                    "description": "The video file's bytes in base64 (at most 3,000,000 bytes decoded).",
                ]),
                "fileName": .object([
                    "type": "string", "maxLength": 200, "description": "The file's name, e.g. sample.mp4.",
                ]),
                "topic": .object(["type": "string", "maxLength": 500, "description": "What the remix is about."]),
                "title": .object(["type": "string", "maxLength": 200, "description": "The project's title."]),
                "waitSeconds": wait,
            ], required: ["sampleBase64", "fileName"]),
        annotations: .init(
            title: "Analyse a sample", readOnlyHint: false, destructiveHint: false, idempotentHint: false,
            openWorldHint: false))

    /// Locally: a video file on this machine.
    static let analyzeSample = Tool(
        name: "analyze_sample",
        description: "Analyse a video file on this machine as a remix sample: its shots (start, end, cut or "
            + "gradual entry, brightness, motion, colours), pacing (cuts per minute, trend), palette, sound (speech, "
            + "music, silence, loudness, tempo) and a description (content type, style, mood). At most 10 minutes.",
        inputSchema: schema(
            [
                "path": .object(["type": "string", "description": "The video file to analyse."]),
                "keyframesFolder": .object([
                    "type": "string", "description": "An existing folder for one keyframe per shot (shot-001.jpg, …).",
                ]),
            ], required: ["path"]),
        annotations: .init(title: "Analyse a sample", readOnlyHint: true, openWorldHint: false))

    /// Settings as top-level arguments, named as in the API's `settings`.
    static var settingsProperties: [String: Value] {
        func choices(_ values: [String], _ text: String) -> Value {
            .object(["type": "string", "enum": .array(values.map { .string($0) }), "description": .string(text)])
        }
        return [
            "durationSeconds": .object([
                "type": "number", "minimum": 5, "maximum": 120,
                "description": "Target length in seconds (from the prompt's words, else 30).",
            ]),
            "aspectRatio": choices(AspectRatio.allCases.map(\.rawValue), "16:9 landscape, 9:16 vertical, 1:1 square."),
            "quality": choices(Quality.allCases.map(\.rawValue), "Short side of the frame; 480p renders fastest."),
            "style": choices(VisualStyle.allCases.map(\.rawValue), "Look of the pictures."),
            "tone": choices(Tone.allCases.map(\.rawValue), "Tone of the narration and music."),
            "voice": choices(Voice.allCases.map(\.rawValue), "Narrator's voice."),
            "speechRate": .object(["type": "number", "minimum": 0.5, "maximum": 2, "description": "Speaking rate."]),
            "music": .object(["type": "boolean", "description": "Background music (default on)."]),
            "captions": .object(["type": "boolean", "description": "Burned-in captions (default on)."]),
            "captionMode": choices(CaptionMode.allCases.map(\.rawValue), "A line at a time, or word by word."),
            "fps": .object(["type": "integer", "enum": [24, 25, 30], "description": "Frames per second."]),
            "seed": .object([
                "type": "integer", "minimum": 0, "description": "Same prompt, settings, seed: same video.",
            ]),
        ]
    }

    static var videoInput: [String: Value] {
        var properties = settingsProperties
        properties["prompt"] = .object([
            "type": "string", "maxLength": .int(SettingsOptions.maxPromptLength),
            "description": "What the video is about, e.g. \"a 20-second vertical video about how bees make honey\".",
        ])
        properties["script"] = .object([
            "type": "string", "maxLength": 20000,
            "description": "Your own narration, split into scenes and kept word for word (instead of a written one).",
        ])
        properties["plan"] = .object([
            "type": "object",
            "description": .string(
                "A plan from plan_video, possibly edited (narration, visuals, order); settings then "
                    + "come from the plan."),
        ])
        return properties
    }

    static func schema(_ properties: [String: Value], required: [String] = []) -> Value {
        .object([
            "type": "object", "properties": .object(properties),
            "required": .array(required.map { .string($0) }), "additionalProperties": false,
        ])
    }

    static let videoID: Value = .object(["type": "string", "description": "The video's id (from create_video)."])
    static let wait: Value = .object([
        "type": "integer", "minimum": 0, "maximum": 900,
        "description": .string(
            "Seconds to wait for the work to finish, sending progress notifications when the call has "
                + "a progress token (default 600; 0 answers at once: follow it with get_video)."),
    ])

    static func planVideo(_ place: Place) -> Tool {
        Tool(
            name: "plan_video",
            description: "Plan a video without making it: the title, script and scenes (narration, visual, length, "
                + "transition) for a prompt and settings"
                + (place == .server ? ", with its price in credits and your balance. Charges nothing." : ". Free.")
                + " Give the plan, edited or not, to create_video.",
            inputSchema: schema(videoInput),
            annotations: .init(title: "Plan a video", readOnlyHint: true, openWorldHint: false))
    }

    static func createVideo(_ place: Place) -> Tool {
        var properties = videoInput
        properties["idempotencyKey"] = .object([
            "type": "string", "minLength": 1, "maxLength": 200,
            "description": .string(
                "Any unique text: a retried call with the same key returns the same video"
                    + (place == .server ? " and charges once." : " instead of rendering again.")),
        ])
        var required: [String] = []
        let description: String
        switch place {
        case .server:
            properties["waitSeconds"] = wait
            description =
                "Make a video from a prompt or a plan. Charges its price in credits (1 per second) "
                + "and queues it; by default waits for it to finish, with progress notifications, and answers the "
                + "video with links to its MP4 and thumbnail. Fails without charging when the balance is short."
        case .local:
            properties["outputPath"] = .object([
                "type": "string",
                "description": .string(
                    "Where to write the MP4 (must end in .mp4, in an existing writable folder); the "
                        + "thumbnail (.jpg), plan (.plan.json) and timeline (.editor-state.json) go beside it."),
            ])
            required = ["outputPath"]
            description =
                "Make a video from a prompt or a plan on this machine (offline generators and the "
                + "asset cache) and write it to outputPath, with progress notifications. Nothing is charged."
        }
        return Tool(
            name: "create_video", description: description, inputSchema: schema(properties, required: required),
            annotations: .init(
                title: "Create a video", readOnlyHint: false, destructiveHint: false,
                idempotentHint: false, openWorldHint: false))
    }

    static func getVideo(_ place: Place) -> Tool {
        Tool(
            name: "get_video",
            description: "A video's status (queued, running, completed, failed, cancelled"
                + (place == .server ? ", expired" : "") + "), its progress while it is made (stage, fraction, "
                + "message), its plan and " + (place == .server ? "links to the MP4 and thumbnail." : "its files."),
            inputSchema: schema(["videoId": videoID], required: ["videoId"]),
            annotations: .init(title: "Get a video", readOnlyHint: true, openWorldHint: false))
    }

    static func listVideos(_ place: Place) -> Tool {
        let properties: [String: Value] =
            switch place {
            case .server:
                [
                    "status": .object([
                        "type": "string",
                        "enum": ["queued", "running", "completed", "failed", "cancelled", "expired", "paused"],
                    ]),
                    "query": .object(["type": "string", "maxLength": 200, "description": "Words in the title."]),
                    "limit": .object(["type": "integer", "minimum": 1, "maximum": 100, "description": "Default 20."]),
                    "cursor": .object(["type": "string", "description": "nextCursor of the previous page."]),
                ]
            case .local: [:]
            }
        return Tool(
            name: "list_videos",
            description: place == .server
                ? "Your videos, newest first, with status and thumbnail links; filter by status or title words."
                : "The videos made in this session, newest first.",
            inputSchema: schema(properties),
            annotations: .init(title: "List videos", readOnlyHint: true, openWorldHint: false))
    }

    static func editVideo(_ place: Place) -> Tool {
        Tool(
            name: "edit_video",
            description: "Edit a finished video's timeline with typed operations and save the result as a new "
                + "version, rendered " + (place == .server ? "by a worker (free)" : "beside the original")
                + ". Operations (each an object with \"op\"): moveClip {from, to}, removeClip {clip}, trimClip "
                + "{clip, duration?, trimIn?}, splitClip {clip, at}, setTransition {cut, kind?, duration?}, "
                + "setAllTransitions {kind?, duration?}, setTrackVolume {track: voice|music|effects, volume}, "
                + "setClipVolume {clip, track, volume}, setDucking {enabled}, setCaptions {enabled?, mode?, style?}, "
                + "addOverlay {overlay: {text, start, end, x?, y?}}, updateOverlay {id, overlay}, removeOverlay "
                + "{id}, setLook {look: {preset | lut, intensity}}, setClipLook {clip, look}, clearLook {clip?}, "
                + "setOverlayAnimation {id, animation: {in?, out?: {type, duration}}}. Clips and cuts count "
                + "from 0. The whole edit is refused, naming the operation, when one does not apply.",
            inputSchema: schema(
                [
                    "videoId": videoID,
                    "operations": .object([
                        "type": "array", "minItems": 1, "maxItems": 100,
                        "items": .object(["type": "object", "required": ["op"]]),
                    ]),
                    "waitSeconds": wait,
                ], required: ["videoId", "operations"]),
            annotations: .init(
                title: "Edit a video", readOnlyHint: false, destructiveHint: false,
                openWorldHint: false))
    }

    static func regenerateScene(_ place: Place) -> Tool {
        Tool(
            name: "regenerate_scene",
            description: "Make one scene again: a new picture and clip (visual), a new voice for new narration "
                + "(audio) or both, then the video again"
                + (place == .server ? "; charged (picture 3 credits, voice 1) and kept as a scene revision." : "."),
            inputSchema: schema(
                [
                    "videoId": videoID,
                    "scene": .object(["type": "integer", "minimum": 1, "description": "Scene number, from 1."]),
                    "regenerate": .object(["type": "string", "enum": ["visual", "audio", "both"]]),
                    "narration": .object(["type": "string", "maxLength": 1000, "description": "New words (audio)."]),
                    "visual": .object([
                        "type": "string", "maxLength": 500, "description": "New picture description (visual).",
                    ]),
                    "waitSeconds": wait,
                ], required: ["videoId", "scene", "regenerate"]),
            annotations: .init(
                title: "Regenerate a scene", readOnlyHint: false, destructiveHint: false,
                openWorldHint: false))
    }

    /// `pixora://videos/{id}/plan`, `…/editor-state`, `…/media`.
    public static let resourceTemplates: [Resource.Template] = [
        Resource.Template(
            uriTemplate: "pixora://videos/{id}/plan", name: "plan",
            description: "The video's plan: title, script and scenes.", mimeType: "application/json"),
        Resource.Template(
            uriTemplate: "pixora://videos/{id}/editor-state", name: "editor-state",
            description: "The timeline of the video's current version (an EditorState document).",
            mimeType: "application/json"),
        Resource.Template(
            uriTemplate: "pixora://videos/{id}/media", name: "media",
            description: "Links (or paths) to the video's MP4 and thumbnail, and its status.",
            mimeType: "application/json"),
    ]
}

/// `pixora://videos/{id}/{plan|editor-state|media}`.
public struct MCPResourceURI: Sendable, Equatable {
    public enum Kind: String, CaseIterable, Sendable {
        case plan
        case editorState = "editor-state"
        case media
    }
    public var videoID: String
    public var kind: Kind

    public init(videoID: String, kind: Kind) {
        self.videoID = videoID
        self.kind = kind
    }

    public init?(_ uri: String) {
        let prefix = "pixora://videos/"
        guard uri.hasPrefix(prefix) else { return nil }
        let parts = uri.dropFirst(prefix.count).split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, let kind = Kind(rawValue: String(parts[1])) else { return nil }
        self.init(videoID: String(parts[0]), kind: kind)
    }

    public var uri: String { "pixora://videos/\(videoID)/\(kind.rawValue)" }

    /// A video's three resources, for `resources/list`.
    public static func resources(videoID: String, title: String) -> [Resource] {
        Kind.allCases.map {
            Resource(
                name: "\(title) (\($0.rawValue))", uri: MCPResourceURI(videoID: videoID, kind: $0).uri,
                mimeType: "application/json")
        }
    }

    public static func unknown(_ uri: String) -> MCPError {
        .invalidParams("unknown resource '\(uri)'; use pixora://videos/{id}/plan, …/editor-state or …/media")
    }
}

/// The `media` resource: where a video's files are.
public struct MCPMediaLinks: Codable, Sendable {
    public var status: String
    public var video: String?
    public var thumbnail: String?
    public init(status: String, video: String?, thumbnail: String?) {
        self.status = status
        self.video = video
        self.thumbnail = thumbnail
    }
}
