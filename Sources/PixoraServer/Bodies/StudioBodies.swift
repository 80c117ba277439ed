import Foundation
import PixoraAPI
import PixoraCore
import PixoraStore

/// A studio project's workflow as the API shows it: the outputs' files as signed links (an hour), never as the
/// store's keys alone.
extension Schemas.StudioWorkflowView {
    init(_ workflow: StudioWorkflow, project: Project, tokens: TokenService) {
        let base = "/api/v1/projects/\(project.id)"
        func link(_ asset: AssetRef) -> String { tokens.signedPath("\(base)/assets/\(asset)", user: project.userId) }
        let outputs = workflow.outputs
        self.init(
            version: workflow.version, settings: workflow.settings,
            steps: workflow.steps.map { record in
                Schemas.StudioStepView(
                    step: record.step, title: record.step.title, state: record.state, runs: record.runs,
                    credits: record.credits, lastRunCredits: record.lastRunCredits, error: record.error,
                    missing: record.state == .locked ? workflow.missingPrerequisite(of: record.step) : nil,
                    updatedAt: record.updatedAt > 0 ? Date(milliseconds: record.updatedAt) : nil)
            },
            outputs: Schemas.StudioOutputsView(
                idea: outputs.idea.map {
                    Schemas.StudioIdeaOutput(concepts: $0.concepts, chosen: $0.chosen, concept: $0.concept)
                },
                storyboard: outputs.storyboard.map {
                    Schemas.StudioStoryboardOutput(
                        plan: $0.plan,
                        voices: $0.voices.map {
                            Schemas.StudioSceneVoice(
                                sceneId: $0.sceneId, voiceUrl: $0.voice.map(link), speechSeconds: $0.speechSeconds,
                                duration: $0.duration)
                        })
                },
                hero: outputs.hero.map {
                    Schemas.StudioHeroOutput(
                        candidates: $0.candidates.map {
                            Schemas.StudioHeroCandidate(look: $0.look, imageUrl: link($0.image))
                        }, chosen: $0.chosen)
                },
                frames: outputs.frames.map {
                    Schemas.StudioFramesOutput(
                        scenes: $0.scenes.map {
                            Schemas.StudioSceneFrames(
                                sceneId: $0.sceneId, startFrame: link($0.startFrame), endFrame: link($0.endFrame),
                                startVariation: $0.startVariation, endVariation: $0.endVariation)
                        })
                },
                clips: outputs.clips.map {
                    Schemas.StudioClipsOutput(
                        scenes: $0.scenes.map {
                            Schemas.StudioSceneClip(
                                sceneId: $0.sceneId, route: $0.route, model: $0.model, clipUrl: link($0.clip),
                                duration: $0.duration)
                        })
                },
                audio: outputs.audio.map {
                    Schemas.StudioAudioOutput(
                        effects: $0.effects.map {
                            Schemas.StudioSceneEffect(
                                sceneId: $0.sceneId, description: $0.description, url: link($0.asset),
                                duration: $0.duration, volume: $0.volume)
                        },
                        music: $0.music.map {
                            Schemas.StudioMusicTrack(
                                group: $0.group, mood: $0.mood, url: link($0.track), duration: $0.duration)
                        })
                },
                edit: outputs.edit.map { Schemas.StudioEditOutput(editorState: $0.editorState, revision: $0.revision) },
                export: outputs.export.map {
                    Schemas.StudioExportOutput(
                        format: $0.format, quality: $0.quality,
                        url: tokens.signedPath("\(base)/export", user: project.userId),
                        thumbnailUrl: $0.thumbnail.isEmpty
                            ? nil : tokens.signedPath("\(base)/export/thumbnail", user: project.userId),
                        bytes: $0.bytes, duration: $0.duration, width: $0.width, height: $0.height)
                }),
            credits: workflow.steps.reduce(0) { $0 + $1.credits })
    }
}
