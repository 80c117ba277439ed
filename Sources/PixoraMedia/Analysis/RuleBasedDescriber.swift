import Foundation
import PixoraCore

/// Describes a sample from its measurements alone: content type from pacing and sound, style and mood from the
/// palette, brightness and motion, and a summary that quotes the numbers it was decided on.
public struct RuleBasedDescriber: SampleDescriber {
    public init() {}

    public func describe(_ analysis: SampleAnalysis, keyframes: URL?) async throws -> SampleAnalysis.SampleDescription {
        describe(analysis)
    }

    public func describe(_ analysis: SampleAnalysis) -> SampleAnalysis.SampleDescription {
        let look = LookMeasure(palette: analysis.palette, shots: analysis.shots)
        let type = contentType(analysis, look: look)
        let style = style(look)
        let mood = mood(analysis, look: look)
        return SampleAnalysis.SampleDescription(
            contentType: type, style: style, mood: mood, audience: audience(type),
            summary: summary(analysis, look: look, type: type, style: style, mood: mood), source: "rules")
    }

    func contentType(_ analysis: SampleAnalysis, look: LookMeasure) -> String {
        let pace = analysis.pacing.cutsPerMinute
        let sound = analysis.audio
        let still = look.motion < 0.05 && analysis.pacing.medianShotSeconds >= 2.5
        if sound.speechShare >= 0.4 {
            if pace < 8 && analysis.pacing.medianShotSeconds >= 6 { return "talking head" }
            return look.motion < 0.15 ? "tutorial" : "explainer"
        }
        if sound.musicShare >= 0.5 {
            if pace >= 30 { return "montage" }
            if pace >= 12 { return "music video" }
            return still ? "slideshow" : "ambient"
        }
        if pace >= 30 { return "montage" }
        return still ? "slideshow" : "footage"
    }

    func style(_ look: LookMeasure) -> VisualStyle {
        if look.brightness < 0.3 || (look.contrast > 0.3 && look.saturation < 0.5) { return .cinematic }
        if look.significantColours <= 2 && look.motion < 0.1 { return .minimal }
        if look.saturation >= 0.55 { return .vibrant }
        if look.lightness >= 0.65 && look.saturation < 0.5 { return .pastel }
        if look.warmth > 0.08 && look.saturation < 0.55 { return .retro }
        return look.lightness >= 0.55 ? .pastel : .cinematic
    }

    func mood(_ analysis: SampleAnalysis, look: LookMeasure) -> Mood {
        let pace = analysis.pacing.cutsPerMinute
        if pace >= 25 || look.motion >= 0.5 {
            return look.brightness >= 0.5 && look.saturation >= 0.5 ? .playful : .energetic
        }
        if look.brightness < 0.3 { return look.motion < 0.15 ? .mysterious : .dramatic }
        if look.saturation < 0.2 && look.brightness < 0.45 { return .somber }
        if look.warmth > 0.15 { return .warm }
        if look.brightness >= 0.55 && look.saturation >= 0.3 { return .uplifting }
        return .calm
    }

    func audience(_ type: String) -> String {
        switch type {
        case "talking head", "explainer": return "viewers who want a topic explained by a person"
        case "tutorial": return "learners following step-by-step instructions"
        case "montage", "music video": return "social media viewers who like fast, music-driven clips"
        case "slideshow": return "viewers of photo stories and presentations"
        default: return "a general audience"
        }
    }

    func summary(
        _ analysis: SampleAnalysis, look: LookMeasure, type: String, style: VisualStyle, mood: Mood
    ) -> String {
        let pacing = analysis.pacing
        let shots = analysis.shots.count
        var sentences = [
            "A \(Self.number(analysis.durationSeconds)) s \(type) with \(shots) shot\(shots == 1 ? "" : "s") "
                + "(median \(Self.number(pacing.medianShotSeconds)) s, \(Self.number(pacing.cutsPerMinute)) cuts per "
                + "minute, \(pacing.trend))."
        ]
        let audio = analysis.audio
        if audio.present {
            let (kind, share) =
                [("speech", audio.speechShare), ("music", audio.musicShare), ("silence", audio.silenceShare)]
                .max { $0.1 < $1.1 } ?? ("silence", 0)
            var sound = "The sound is mostly \(kind) (\(Int((share * 100).rounded()))%)"
            if let tempo = audio.tempoBPM, audio.musicShare >= 0.1 { sound += " at about \(Int(tempo.rounded())) BPM" }
            if let loudness = audio.integratedLoudness { sound += ", \(Self.number(loudness)) LUFS" }
            sentences.append(sound + ".")
        } else {
            sentences.append("It has no soundtrack.")
        }
        sentences.append(
            "Its look is closest to the \(style.rawValue) style (brightness \(Self.number(look.brightness)), "
                + "saturation \(Self.number(look.saturation)), motion \(Self.number(look.motion))) with a "
                + "\(mood.rawValue) mood.")
        return sentences.joined(separator: " ")
    }

    static func number(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(format: "%.1f", rounded)
    }
}
