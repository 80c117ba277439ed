import PixoraCore

/// Maps what people type ("gentle rain on a window", "a car driving past") to an effect of the library.
public enum SoundEffectMatcher {
    /// Words that name an effect. Two-word phrases are checked first so "wind chimes" is a chime, not wind.
    static let phrases: [String: SoundEffectKind] = [
        "wind chime": .chime, "wind chimes": .chime, "door bell": .chime, "foot steps": .footsteps,
        "sea shore": .waves, "camp fire": .fire, "fire place": .fire, "bird song": .birds,
    ]

    static let words: [String: SoundEffectKind] = [
        "wind": .wind, "windy": .wind, "breeze": .wind, "gust": .wind, "gusts": .wind, "gusty": .wind, "gale": .wind,
        "howling": .wind, "blustery": .wind,
        "rain": .rain, "rainy": .rain, "rainfall": .rain, "raindrop": .rain, "raindrops": .rain, "drizzle": .rain,
        "downpour": .rain, "rainstorm": .rain, "showers": .rain, "pouring": .rain,
        "wave": .waves, "waves": .waves, "surf": .waves, "ocean": .waves, "sea": .waves, "seashore": .waves,
        "shore": .waves, "tide": .waves, "beach": .waves, "breakers": .waves,
        "bird": .birds, "birds": .birds, "birdsong": .birds, "chirp": .birds, "chirping": .birds, "chirps": .birds,
        "tweet": .birds, "tweeting": .birds, "songbird": .birds, "songbirds": .birds, "dawn chorus": .birds,
        "footstep": .footsteps, "footsteps": .footsteps, "steps": .footsteps, "walking": .footsteps, "walk": .footsteps,
        "stomping": .footsteps, "treading": .footsteps, "strolling": .footsteps,
        "whoosh": .whoosh, "woosh": .whoosh, "swoosh": .whoosh, "swish": .whoosh, "swoop": .whoosh,
        "whooshing": .whoosh,
        "chime": .chime, "chimes": .chime, "bell": .chime, "bells": .chime, "ding": .chime, "jingle": .chime,
        "tinkle": .chime, "glockenspiel": .chime, "notification": .chime,
        "crowd": .crowd, "crowds": .crowd, "chatter": .crowd, "murmur": .crowd, "murmuring": .crowd,
        "audience": .crowd, "people": .crowd, "babble": .crowd, "talking": .crowd, "cafe": .crowd,
        "fire": .fire, "campfire": .fire, "fireplace": .fire, "bonfire": .fire, "flames": .fire, "crackling": .fire,
        "crackle": .fire, "burning": .fire,
        "thunder": .thunder, "thunderstorm": .thunder, "thunderclap": .thunder, "storm": .thunder,
        "lightning": .thunder, "rumble": .thunder, "rumbling": .thunder,
        "click": .click, "clicks": .click, "clicking": .click, "tick": .click, "ticking": .click, "clock": .click,
        "typing": .click, "keyboard": .click, "button": .click, "switch": .click, "tap": .click, "tapping": .click,
        "engine": .engine, "engines": .engine, "motor": .engine, "car": .engine, "cars": .engine, "truck": .engine,
        "traffic": .engine, "idling": .engine, "motorbike": .engine, "motorcycle": .engine, "vehicle": .engine,
    ]

    /// Scene words that suggest an effect without naming one (only used to prefill a suggestion).
    static let sceneCues: [String: SoundEffectKind] = [
        "forest": .birds, "garden": .birds, "meadow": .birds, "park": .birds, "spring": .birds, "morning": .birds,
        "coast": .waves, "harbour": .waves, "harbor": .waves, "island": .waves, "sailing": .waves, "boat": .waves,
        "city": .engine, "street": .engine, "road": .engine, "highway": .engine, "driving": .engine, "drive": .engine,
        "market": .crowd, "stadium": .crowd, "concert": .crowd, "festival": .crowd, "party": .crowd,
        "restaurant": .crowd, "camping": .fire, "cozy": .fire, "candle": .fire, "office": .click,
        "computer": .click, "magic": .chime, "sparkle": .chime, "christmas": .chime, "hike": .footsteps,
        "hiking": .footsteps, "rocket": .whoosh, "jet": .whoosh, "desert": .wind, "mountain": .wind,
        "mountains": .wind, "winter": .wind, "cloudy": .rain, "umbrella": .rain,
    ]

    /// A description of each effect that `kind(for:)` maps back to it.
    static let descriptions: [SoundEffectKind: String] = [
        .wind: "gusts of wind", .rain: "steady rain falling", .waves: "ocean waves on the shore",
        .birds: "birds singing in the trees", .footsteps: "footsteps on a path", .whoosh: "a fast whoosh",
        .chime: "soft wind chimes", .crowd: "the murmur of a crowd", .fire: "a crackling fire",
        .thunder: "distant rolling thunder", .click: "a clock ticking", .engine: "a car engine idling",
    ]

    /// The effect a description asks for (keywords and synonyms: "rainfall", "drizzle" → rain; "surf", "ocean" →
    /// waves; "steps", "walking" → footsteps; "bell" → chime; "car", "motor" → engine; ...), nil when none.
    /// When several are named ("thunder and rain") the first one wins.
    public static func kind(for description: String) -> SoundEffectKind? {
        firstMatch(in: description, table: words)
    }

    /// The effect a description asks for, or a usage error that lists what the library has.
    public static func requireKind(for description: String) throws -> SoundEffectKind {
        guard let kind = kind(for: description) else {
            let names = SoundEffectKind.allCases.map(\.rawValue).joined(separator: ", ")
            throw UsageError(
                "no sound effect matches “\(description.prefix(80))”; describe one of: \(names)")
        }
        return kind
    }

    /// A suggested effect description for a scene from its visual/narration text (used to prefill), nil if none.
    public static func suggestion(for sceneText: String) -> String? {
        let kind = firstMatch(in: sceneText, table: words) ?? firstMatch(in: sceneText, table: sceneCues)
        return kind.flatMap { descriptions[$0] }
    }

    static func firstMatch(in text: String, table: [String: SoundEffectKind]) -> SoundEffectKind? {
        let tokens = text.lowercased().split { !$0.isLetter }.map(String.init)
        for (index, token) in tokens.enumerated() {
            if index + 1 < tokens.count,
                let kind = phrases["\(token) \(tokens[index + 1])"]
                    ?? table[
                        "\(token) \(tokens[index + 1])"]
            {
                return kind
            }
            if let kind = table[token] { return kind }
        }
        return nil
    }
}
