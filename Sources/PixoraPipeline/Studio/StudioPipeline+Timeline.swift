import Foundation
import PixoraCore
import PixoraGenerators
import PixoraMedia

/// The `edit` and `export` steps: the project's timeline, and the finished file.
extension StudioPipeline {
    /// The timeline assembled from the approved storyboard, clips and audio: each scene's clip with its voice and
    /// captions, the music, and each scene's sound effect on the effects lane from the scene's start.
    public func assembledState(_ workflow: StudioWorkflow) throws -> EditorState {
        let storyboard = try require(workflow.outputs.storyboard, .storyboard)
        let clips = try require(workflow.outputs.clips, .clips)
        let audio = try require(workflow.outputs.audio, .audio)
        let frames = try require(workflow.outputs.frames, .frames)
        let clipsByScene = Dictionary(clips.scenes.map { ($0.sceneId, $0) }, uniquingKeysWith: { first, _ in first })
        let framesByScene = Dictionary(frames.scenes.map { ($0.sceneId, $0) }, uniquingKeysWith: { first, _ in first })
        let scenes = try storyboard.voices.map { voice in
            guard let clip = clipsByScene[voice.sceneId], let frame = framesByScene[voice.sceneId] else {
                throw UsageError("Scene \(voice.sceneId) has no clip; run the clips step again.")
            }
            let timings =
                try voice.timings.map { try store.readJSON(SpeechTimings.self, $0) }
                ?? SpeechTimings(duration: 0, words: [])
            return SceneAssets(
                sceneId: voice.sceneId, voice: voice.voice, timings: timings, image: frame.startFrame, clip: clip.clip,
                duration: clip.duration)
        }
        let music = audio.music.map {
            MusicAssets(group: $0.group, mood: $0.mood, track: $0.track, trackDuration: $0.duration)
        }
        var plan = storyboard.plan
        plan.settings.music = !music.isEmpty
        var state = Assembler.editorState(
            plan: plan, assets: PlanAssets(scenes: scenes, music: music, generated: 0, reused: 0))
        let starts = state.clipStarts
        for effect in audio.effects {
            guard let index = state.clips.firstIndex(where: { $0.sceneId == effect.sceneId }) else { continue }
            let length = min(effect.duration, state.clips[index].duration)
            state.audio.effects.segments.append(
                AudioSegment(
                    asset: effect.asset, start: Assembler.round3(starts[index]), duration: Assembler.round3(length),
                    volume: effect.volume, fadeIn: min(0.3, length / 4), fadeOut: min(0.5, length / 4)))
        }
        return state
    }

    /// The timeline after this run's edits: applied to the current one, or to a freshly assembled one when the step
    /// has none yet or its inputs changed.
    public func editedState(_ request: StudioRequest, _ workflow: StudioWorkflow) throws -> EditOutput {
        let base: EditOutput
        if let current = workflow.outputs.edit, [.review, .done].contains(workflow[.edit].state) {
            base = current
        } else {
            base = EditOutput(editorState: try assembledState(workflow), revision: 0)
        }
        guard let operations = request.operations, !operations.isEmpty else { return base }
        let result = try base.editorState.applying(operations)
        // The asset store is shared by every user: an edit may only use what this project's steps made.
        let allowed = workflow.outputs.assets
        let used =
            result.state.clips.map(\.asset) + result.state.audio.namedTracks.flatMap { $0.track.segments.map(\.asset) }
        if let foreign = used.first(where: { !allowed.contains($0) }) {
            throw UsageError("operations: \(foreign) is not a picture, clip or sound this project made")
        }
        return EditOutput(editorState: result.state, revision: base.revision + 1)
    }

    func exportChoice(_ request: StudioRequest, _ workflow: StudioWorkflow) -> (OutputContainer, Quality) {
        (request.format ?? .mp4, request.quality ?? workflow.settings.quality)
    }

    func estimateExport(_ request: StudioRequest, _ workflow: StudioWorkflow) throws -> StudioEstimate {
        _ = try require(workflow.outputs.edit, .edit)
        let (format, quality) = exportChoice(request, workflow)
        return StudioEstimate(
            step: .export,
            lines: [
                EstimateLine(
                    item: "\(format.rawValue.uppercased()) at \(quality.rawValue)", credits: pricing.export(quality),
                    cached: false)
            ],
            caveats: [])
    }

    func runExport(_ request: StudioRequest, _ workflow: StudioWorkflow, scratch: URL, progress: ProgressHandler?)
        async throws -> ExportOutput
    {
        var state = try require(workflow.outputs.edit, .edit).editorState
        let (format, quality) = exportChoice(request, workflow)
        var settings = workflow.settings
        settings.quality = quality
        let canvas = settings.canvas
        // The renderer scales every clip that is not canvas-sized, so another quality is another canvas.
        state.canvas = Canvas(width: canvas.width, height: canvas.height, fps: state.canvas.fps)
        let output = scratch.appendingPathComponent("export.\(format.rawValue)")
        let thumbnail = scratch.appendingPathComponent("export.jpg")
        let result = try await video.render(
            state, to: output, format: format, thumbnail: thumbnail, progress: progress)
        return ExportOutput(
            format: format, quality: quality, file: output.lastPathComponent, thumbnail: thumbnail.lastPathComponent,
            bytes: result.bytes, duration: result.duration, width: canvas.width, height: canvas.height)
    }
}
