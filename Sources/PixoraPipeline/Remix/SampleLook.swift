import Foundation
import PixoraCore
import PixoraMedia

/// How a sample's measured look becomes a scene's mood, camera motion, colours and transition.
enum SampleLook {
    /// A shot's mood from its light and movement; an ordinary shot keeps the sample's overall mood, so a video
    /// holds together and only the shots that stand out change it.
    static func mood(of shot: SampleAnalysis.Shot, overall: Mood) -> Mood {
        switch (shot.brightness, shot.motion) {
        case (_, 0.6...) where shot.brightness >= 0.45: .energetic
        case (_, 0.6...): .dramatic
        case (..<0.25, _): shot.motion < 0.25 ? .somber : .mysterious
        case (0.7..., ..<0.25): .calm
        case (0.6..., 0.25..<0.6): .uplifting
        default: overall
        }
    }

    /// Camera motion that moves like the shot: a still shot a slow push-in, a moderate one a pull-back or a rise,
    /// a fast one a pan (alternating sides so cut-together scenes do not all drift the same way).
    static func motion(of shot: SampleAnalysis.Shot, position: Int) -> CameraMotion {
        switch shot.motion {
        case ..<0.25: return .zoomIn
        case ..<0.55: return position.isMultiple(of: 2) ? .zoomOut : .panUp
        default: return position.isMultiple(of: 2) ? .panLeft : .panRight
        }
    }

    /// Words for a camera motion in a sentence.
    static func phrase(_ motion: CameraMotion) -> String {
        switch motion {
        case .zoomIn: "slow push-in"
        case .zoomOut: "gentle pull-back"
        case .panLeft: "quick pan left"
        case .panRight: "quick pan right"
        case .panUp: "steady rise"
        case .panDown: "steady descent"
        }
    }

    /// How much a shot moves, in one word.
    static func pace(of shot: SampleAnalysis.Shot) -> String {
        switch shot.motion {
        case ..<0.25: "calm"
        case ..<0.55: "steady"
        default: "fast"
        }
    }

    /// How bright a shot is, in words for the picture's description.
    static func light(of shot: SampleAnalysis.Shot) -> String {
        switch shot.brightness {
        case ..<0.25: "low-key dark light"
        case ..<0.45: "dim light"
        case ..<0.7: "soft natural light"
        default: "bright airy light"
        }
    }

    /// The description of a picture with the shot's light and colours added, so the picture is lit like the shot.
    static func visual(_ base: String, shot: SampleAnalysis.Shot) -> String {
        let colours = shot.colours.prefix(2).filter(isColour)
        let palette = colours.isEmpty ? "" : ", colours \(colours.joined(separator: " and "))"
        let text = "\(base), \(light(of: shot))\(palette)"
        return String(text.prefix(500))
    }

    /// A description without the light and colours `visual` added, so matching another shot replaces them.
    static func baseVisual(_ visual: String) -> String {
        let lights = ["low-key dark light", "dim light", "soft natural light", "bright airy light"]
        let cut = lights.compactMap { visual.range(of: ", \($0)", options: .backwards)?.lowerBound }.max()
        return cut.map { String(visual[..<$0]) } ?? visual
    }

    /// Which generator makes the scene's clip and why, citing the shot it mirrors. A fast shot goes to the cloud
    /// video model when one is configured, because a pan over a still picture cannot carry real movement.
    static func generator(
        for shot: SampleAnalysis.Shot, motion: CameraMotion, videoModel: String?
    ) -> SceneGenerator {
        let length = shot.duration.formattedTenths
        if let videoModel, shot.motion >= 0.55 {
            return SceneGenerator(
                id: videoModel,
                reason: "a generated clip carries the real movement of the sample's fast "
                    + "\(length) s shot \(shot.index)")
        }
        return SceneGenerator(
            id: "embedded.kenburns",
            reason: "\(phrase(motion)) mirrors the sample's \(pace(of: shot)) \(length) s shot \(shot.index)")
    }

    /// The transition into a scene that starts with `shot`: a hard cut stays a cut; a fade or dissolve becomes a
    /// dissolve of about the same length (the staging shortens it where the scenes are too short).
    static func transition(into shot: SampleAnalysis.Shot) -> Transition {
        switch shot.entry {
        case .start, .cut: .cut
        case .gradual:
            // A report's number is not trusted to be finite: an unreadable length becomes a short dissolve.
            Transition(
                kind: .dissolve,
                duration: shot.transitionSeconds.isFinite
                    ? min(max(shot.transitionSeconds, 0.3), RemixLimits.longestOverlap) : 0.5)
        }
    }

    /// The tone narration takes for the sample's mood.
    static func tone(for mood: Mood) -> Tone {
        switch mood {
        case .dramatic, .mysterious: .dramatic
        case .calm, .somber, .warm: .calm
        case .playful: .playful
        case .uplifting, .energetic: .inspiring
        }
    }

    static func isColour(_ text: String) -> Bool {
        text.count == 7 && text.first == "#" && text.dropFirst().allSatisfy(\.isHexDigit)
    }
}

extension Double {
    /// One decimal for sentences: 4.2, 12.
    var formattedTenths: String { ((self * 10).rounded() / 10).formatted }
}
