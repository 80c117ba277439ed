import PixoraCore

/// The setting behind the motifs: a kind of landscape named by the scene's words, or abstract shapes.
enum Scenery: String, Sendable, CaseIterable {
    case hills, mountains, sea, city, forest, space, desert, abstract

    /// Words that put a scene in this setting (base forms; see `Motif.stems`).
    var keywords: [String] {
        switch self {
        case .mountains:
            ["mountain", "hike", "hiking", "peak", "summit", "climb", "alps", "volcano", "ski", "valley", "cliff"]
        case .sea:
            [
                "ocean", "sea", "beach", "wave", "surf", "island", "boat", "ship", "sail", "coast", "shore", "harbor",
                "lake", "sailing", "cruise", "tropical",
            ]
        case .city:
            [
                "city", "urban", "street", "building", "skyline", "town", "downtown", "office", "traffic", "skyscraper",
                "metropolis", "architecture",
            ]
        case .forest: ["forest", "woods", "jungle", "pine", "camping", "camp", "woodland", "wilderness", "tree"]
        case .space:
            [
                "space", "rocket", "planet", "galaxy", "astronaut", "universe", "cosmos", "orbit", "spaceship",
                "cosmic", "astronomy", "satellite",
            ]
        case .desert: ["desert", "sand", "dune", "camel", "cactus", "sahara", "oasis", "canyon"]
        case .hills: ["hill", "meadow", "field", "countryside", "farm", "garden", "village", "park", "grass", "valley"]
        case .abstract: []
        }
    }

    /// The first setting the text names; otherwise rolling hills or abstract shapes, by seed (minimal and
    /// vibrant styles lean abstract, the others lean to landscapes).
    static func choose(for text: String, style: VisualStyle, random: inout SeededRandom) -> Scenery {
        for word in Motif.words(of: text) {
            for stem in Motif.stems(of: word) {
                if let scenery = allCases.first(where: { $0.keywords.contains(stem) }) { return scenery }
            }
        }
        let abstractChance: Double =
            switch style {
            case .minimal: 0.55
            case .vibrant: 0.5
            case .pastel: 0.4
            case .cinematic, .retro: 0.25
            }
        if random.unit() < abstractChance { return .abstract }
        return random.pick([.hills, .hills, .mountains, .forest])
    }
}
