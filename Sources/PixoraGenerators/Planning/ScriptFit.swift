import Foundation
import PixoraCore

/// How a user's own script fits the requested length. Every word is kept, so what can give is the number of
/// scenes (each costs a lead-in and a tail besides its words) and then the speaking rate, up to `fastest` times the
/// rate asked for. A script that still does not fit is refused with what would make it fit, rather than making a
/// video longer than asked.
public enum ScriptFit {
    /// At most this much faster than the rate asked for: beyond it flite's speech starts to sound hurried.
    public static let fastest = 1.2
    /// A scene may hold this much speech when scenes are merged to save their margins.
    static let longestSpeech = 12.0

    struct Layout: Equatable {
        var rate: Double
        var parts: [String]
    }

    /// The speaking rate the script needs (the settings' own when it fits as asked).
    public static func rate(for script: String, settings: Settings) throws -> Double {
        try layout(ScriptSplitter.sentences(in: script), settings: settings).rate
    }

    static func layout(_ sentences: [String], settings: Settings) throws -> Layout {
        let base = settings.speechRate
        let top = min(base * fastest, Settings.speechRateRange.upperBound)
        var rate = base
        while rate <= top + 1e-9 {
            let speaking = speech(sentences.joined(separator: " "), settings: settings, rate: rate)
            let wanted = min(
                max(RuleBasedPlanner.sceneCount(for: settings.durationSeconds), Int((speaking / 9).rounded(.up))),
                sentences.count, 20)
            let fewest = min(max(Int((speaking / longestSpeech).rounded(.up)), 1), wanted)
            for count in stride(from: wanted, through: fewest, by: -1) {
                let parts = padded(ScriptSplitter.group(sentences, into: count), settings: settings)
                if need(parts, settings: settings, rate: rate) <= settings.durationSeconds + 1e-9,
                    parts.allSatisfy({ need([$0], settings: settings, rate: rate) <= longestScene })
                {
                    return Layout(rate: rate, parts: parts)
                }
            }
            if rate >= top { break }
            rate = min(((rate + 0.01) * 100).rounded() / 100, top)
        }
        throw refusal(sentences, settings: settings, top: top)
    }

    /// A script too short for its video: scenes without narration carry the rest, so none runs past the longest
    /// scene a plan allows, even lengthened by half a transition at each end.
    static func padded(_ parts: [String], settings: Settings) -> [String] {
        let longest = Plan.sceneDurationRange.upperBound - 2 * Transition.maximumDuration
        let fewest = Int((settings.durationSeconds / longest).rounded(.up))
        return parts + Array(repeating: "", count: max(fewest - parts.count, 0))
    }

    static func speech(_ text: String, settings: Settings, rate: Double) -> Double {
        SpeakingRate.seconds(text, voice: settings.voice, rate: rate)
    }

    static func need(_ parts: [String], settings: Settings, rate: Double) -> Double {
        var adjusted = settings
        adjusted.speechRate = rate
        return RuleBasedPlanner.need(parts, settings: adjusted)
    }

    /// The most a scene's narration may need, so that with a transition at each end it stays a plan's longest.
    static let longestScene = Plan.sceneDurationRange.upperBound - 2

    static func refusal(_ sentences: [String], settings: Settings, top: Double) -> UsageError {
        if let long = sentences.first(where: { need([$0], settings: settings, rate: top) > longestScene }) {
            let seconds = Int(speech(long, settings: settings, rate: top).rounded())
            return UsageError(
                "a sentence of the script takes about \(seconds) s to speak, longer than a scene may last "
                    + "(\(Plan.sceneDurationRange.upperBound.formatted) s): split it (\"\(long.prefix(40))…\")")
        }
        let text = sentences.joined(separator: " ")
        let words = text.split(whereSeparator: \.isWhitespace).count
        let scenes = max(Int((speech(text, settings: settings, rate: top) / longestSpeech).rounded(.up)), 1)
        let margins = Double(scenes) * (SceneMargins.lead + SceneMargins.tail)
        let asked = speech(text, settings: settings, rate: settings.speechRate)
        let room = max(settings.durationSeconds - margins, 0)
        let fitting = Int((Double(words) * room / speech(text, settings: settings, rate: top)).rounded(.down))
        let longer = Int((asked + margins).rounded(.up))
        let video = settings.durationSeconds.formatted
        var message =
            "the script takes about \(Int(asked.rounded())) s to speak (\(words) words), more than a \(video)-second "
            + "video holds even spoken at rate \(top.formatted): shorten it to about \(max(fitting, 1)) words"
        if Double(longer) <= Settings.durationRange.upperBound {
            message += " or ask for a video of at least \(longer) seconds"
        }
        return UsageError(message)
    }
}
