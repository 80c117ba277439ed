import PixoraCore
import PixoraPipeline

/// The plan operations as Chat Completions tools: one function per operation, named like its `op`, whose
/// arguments are the operation's fields (so a call decodes through `PlanOperation`'s own Codable).
enum PlanOperationTools {
    static func definitions() -> [[String: Any]] {
        PlanOperation.Kind.allCases.map { kind in
            let (description, properties, required) = shape(kind)
            return [
                "type": "function",
                "function": [
                    "name": kind.rawValue, "description": description,
                    "parameters": [
                        "type": "object", "properties": properties, "required": required,
                        "additionalProperties": false,
                    ] as [String: Any],
                ] as [String: Any],
            ]
        }
    }

    static func text(_ description: String) -> [String: Any] { ["type": "string", "description": description] }
    static func number(_ description: String) -> [String: Any] { ["type": "number", "description": description] }
    static func integer(_ description: String) -> [String: Any] { ["type": "integer", "description": description] }
    static func choice(_ values: [String]) -> [String: Any] { ["type": "string", "enum": values] }
    static var sceneId: [String: Any] { text("A scene id from the plan, such as s2.") }

    /// What the tool does, its argument properties and which are required.
    static func shape(_ kind: PlanOperation.Kind) -> (String, [String: Any], [String]) {
        switch kind {
        case .setDuration:
            ("Set the video's length (5 to 60 seconds).", ["seconds": number("Seconds, 5 to 60.")], ["seconds"])
        case .setSceneCount:
            ("Set how many scenes the video has, at the same length.", ["count": integer("Scenes.")], ["count"])
        case .scalePacing:
            (
                "Cut faster or slower: factor 1.5 makes 1.5 times as many shorter scenes, 0.67 fewer longer ones.",
                ["factor": number("0.25 to 4, not 1.")], ["factor"]
            )
        case .setMood:
            (
                "Set the mood of one scene, or of every scene when sceneId is left out.",
                ["mood": choice(Mood.allCases.map(\.rawValue)), "sceneId": sceneId], ["mood"]
            )
        case .setTone:
            ("Set the narration's tone.", ["tone": choice(Tone.allCases.map(\.rawValue))], ["tone"])
        case .setStyle:
            ("Set the visual style.", ["style": choice(VisualStyle.allCases.map(\.rawValue))], ["style"])
        case .setNarration:
            (
                "Turn the spoken narration on (the script is spread over the scenes) or off (silent scenes).",
                ["enabled": ["type": "boolean"]], ["enabled"]
            )
        case .setMusic:
            (
                "Choose the music: generated, the user's uploaded track, or none.",
                ["source": choice(PlanOperation.MusicSource.allCases.map(\.rawValue))], ["source"]
            )
        case .rewriteScene:
            (
                "Give one scene new narration (the words spoken) and/or a new visual (what the picture shows).",
                ["id": sceneId, "narration": text("Plain sentences."), "visual": text("One concrete picture.")],
                ["id"]
            )
        case .addScene:
            (
                "Add a scene after the scene `after` (at the start when left out).",
                [
                    "after": sceneId, "narration": text("Words spoken over it, or empty."),
                    "visual": text("What the picture shows."), "duration": number("Seconds, 1.5 to 13.5."),
                ], ["visual"]
            )
        case .removeScene: ("Remove a scene.", ["id": sceneId], ["id"])
        case .moveScene:
            (
                "Move a scene to a new position, counted from 0 (0 is the first scene).",
                ["id": sceneId, "to": integer("New position from 0.")], ["id", "to"]
            )
        case .matchSampleShot:
            (
                "Make one scene (or every scene when sceneId is left out) like a shot of the sample video: its "
                    + "length, camera motion, mood and colours.",
                ["sceneId": sceneId, "shot": integer("The sample's shot number, from 1.")], ["shot"]
            )
        }
    }
}
