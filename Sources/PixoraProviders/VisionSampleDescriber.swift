import Foundation
import Logging
import PixoraCore
import PixoraMedia

/// Describes a sample with a vision-capable model: a few keyframes (spread over the shots, as JPEG data URLs) and
/// the measured numbers go to the OpenAI-compatible Chat Completions API, which answers a strict JSON schema.
/// Any failure (the call, the answer, a style or mood Pixora does not render) keeps the rule-based description:
/// the analysis never fails because a model did.
public struct VisionSampleDescriber: SampleDescriber {
    public let client: ChatClient
    /// Pictures sent at most; `detail: low` keeps each at one small tile.
    public let maxPictures: Int
    let logger: Logger

    public init(client: ChatClient, maxPictures: Int = 6, logger: Logger = Logger(label: "pixora.describer")) {
        self.client = client
        self.maxPictures = max(1, maxPictures)
        self.logger = logger
    }

    public var id: String { "llm.\(client.endpoint.model)" }

    public func describe(_ analysis: SampleAnalysis, keyframes: URL?) async throws -> SampleAnalysis.SampleDescription {
        let rules = analysis.description
        let pictures = keyframes.map { Self.pictures(analysis, folder: $0, most: maxPictures) } ?? []
        guard !pictures.isEmpty else { return rules }
        var content: [[String: Any]] = [["type": "text", "text": Self.facts(analysis)]]
        for picture in pictures {
            content.append([
                "type": "image_url",
                "image_url": ["url": "data:image/jpeg;base64,\(picture.base64EncodedString())", "detail": "low"],
            ])
        }
        let messages: [[String: Any]] = [
            ["role": "system", "content": Self.instructions],
            ["role": "user", "content": content],
        ]
        do {
            let reply = try await client.send(
                messages,
                extra: [
                    "temperature": 0.2,
                    "response_format": [
                        "type": "json_schema",
                        "json_schema": ["name": "sample_description", "strict": true, "schema": Self.schema],
                    ],
                ])
            guard let text = reply.content, let described = Self.read(text, model: id) else {
                logger.warning("the vision model's description was not usable; the rules' description stands")
                return rules
            }
            return described
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            logger.warning("the vision model could not describe the sample; the rules' description stands: \(error)")
            return rules
        }
    }

    /// Up to `most` keyframes spread evenly over the shots, each at most 1 MB (the analyzer writes ~480 px JPEGs).
    static func pictures(_ analysis: SampleAnalysis, folder: URL, most: Int) -> [Data] {
        let names = analysis.shots.compactMap(\.keyframe)
        guard !names.isEmpty else { return [] }
        let step = max(1, Int((Double(names.count) / Double(most)).rounded(.up)))
        return stride(from: 0, to: names.count, by: step).prefix(most).compactMap { index in
            // The analyzer names keyframes itself (`shot-001.jpg`); anything else is not read.
            let name = names[index]
            guard name.range(of: #"^shot-[0-9]{3,4}\.jpg$"#, options: .regularExpression) != nil,
                let data = try? Data(contentsOf: folder.appendingPathComponent(name)), data.count <= 1_000_000
            else { return nil }
            return data
        }
    }

    static let instructions = """
        You describe a short sample video that a person wants to imitate. You see keyframes of its shots in order \
        and its measured pacing and sound. Answer in JSON only: the content type in a few words (for example \
        "talking head", "product montage", "travel vlog", "music video", "tutorial"), the closest visual style, \
        the overall mood, the likely audience in a few words, and a summary of two or three sentences a person reads \
        before remixing it (what is shown, how it is cut, how it sounds).
        """

    static func facts(_ analysis: SampleAnalysis) -> String {
        let audio = analysis.audio
        let sound =
            audio.present
            ? "speech \(Int((audio.speechShare * 100).rounded()))%, music \(Int((audio.musicShare * 100).rounded()))%"
                + (audio.tempoBPM.map { ", about \(Int($0.rounded())) BPM" } ?? "")
            : "no sound"
        return """
            Length \(analysis.durationSeconds.formatted) s, \(analysis.shots.count) shots, \
            \(analysis.pacing.cutsPerMinute.rounded().formatted) cuts a minute (median shot \
            \(analysis.pacing.medianShotSeconds.formatted) s); palette \
            \(analysis.palette.prefix(4).map(\.hex).joined(separator: " ")); \(sound). \
            Measured guess: \(analysis.description.contentType), \(analysis.description.style.rawValue), \
            \(analysis.description.mood.rawValue).
            """
    }

    static var schema: [String: Any] {
        [
            "type": "object", "additionalProperties": false,
            "required": ["contentType", "style", "mood", "audience", "summary"],
            "properties": [
                "contentType": ["type": "string"],
                "style": ["type": "string", "enum": VisualStyle.allCases.map(\.rawValue)],
                "mood": ["type": "string", "enum": Mood.allCases.map(\.rawValue)],
                "audience": ["type": "string"],
                "summary": ["type": "string"],
            ],
        ]
    }

    /// The model's JSON as a description, its words cleaned and bounded; nil when a field is missing or unknown.
    static func read(_ text: String, model: String) -> SampleAnalysis.SampleDescription? {
        struct Answer: Decodable {
            var contentType: String
            var style: String
            var mood: String
            var audience: String
            var summary: String
        }
        guard let answer = try? JSONDecoder().decode(Answer.self, from: Data(text.utf8)),
            let style = VisualStyle.parse(answer.style), let mood = Mood.parse(answer.mood)
        else { return nil }
        func clean(_ words: String, _ most: Int) -> String {
            String(TextSanitizer.singleLine(words).trimmingCharacters(in: .whitespaces).prefix(most))
        }
        let contentType = clean(answer.contentType, 60)
        let summary = clean(answer.summary, 600)
        guard !contentType.isEmpty, !summary.isEmpty else { return nil }
        return SampleAnalysis.SampleDescription(
            contentType: contentType, style: style, mood: mood, audience: clean(answer.audience, 80),
            summary: summary, source: model)
    }
}
