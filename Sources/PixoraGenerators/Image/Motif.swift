/// A recognisable vector picture (a bee, a city, a lightbulb) chosen from the words of a scene's visual.
enum Motif: String, CaseIterable, Sendable {
    case bee, honeycomb, flower, sun, moon, star, mountain, tree, pines, wave, drop, city, house, car, rocket
    case planet, cloud, rain, storm, snow, fire, leaf, sprout, heart, book, lightbulb, gear, robot, laptop
    case phone, coin, chart, clock, person, people, bird, fish, cat, dog, coffee, apple, music, camera
    case globe, path, trophy, target, lock, boat, pencil, chat

    /// Base forms of the words that call for this motif; plurals and -ing/-ed forms are matched by `Motif.stems`.
    var keywords: [String] {
        switch self {
        case .bee: ["bee", "bumblebee", "honeybee", "beekeeper", "beekeeping", "pollinator", "pollinate", "wasp"]
        case .honeycomb: ["honey", "honeycomb", "hexagon", "hive", "beehive", "beeswax", "nectar", "comb"]
        case .flower: ["flower", "blossom", "bloom", "rose", "tulip", "petal", "daisy", "bouquet", "floral", "meadow"]
        case .sun: ["sun", "sunny", "sunshine", "summer", "sunrise", "sunset", "dawn", "solar", "daylight", "bright"]
        case .moon: ["moon", "night", "lunar", "dream", "sleep", "evening", "midnight", "bedtime", "nighttime"]
        case .star: ["star", "sparkle", "shine", "magic", "wish", "starry", "twinkle", "celebrity", "shiny"]
        case .mountain:
            ["mountain", "hike", "hiking", "peak", "summit", "climb", "alps", "adventure", "volcano", "hill"]
        case .tree: ["tree", "oak", "nature", "park", "wood", "branch", "orchard"]
        case .pines: ["forest", "woods", "pine", "jungle", "woodland", "camping", "camp", "wilderness"]
        case .wave: ["ocean", "sea", "wave", "beach", "surf", "tide", "marine", "coast", "shore", "surfing"]
        case .drop: ["water", "drop", "river", "lake", "liquid", "droplet", "hydrate", "hydration", "stream", "thirst"]
        case .city:
            [
                "city", "building", "skyscraper", "urban", "office", "downtown", "skyline", "town", "street",
                "architecture",
            ]
        case .house: ["house", "home", "roof", "neighborhood", "estate", "apartment", "village", "cottage", "housing"]
        case .car: ["car", "drive", "vehicle", "traffic", "commute", "taxi", "automobile", "driver", "transport"]
        case .rocket: ["rocket", "launch", "space", "startup", "spaceship", "astronaut", "mission", "spacecraft"]
        case .planet:
            ["planet", "saturn", "galaxy", "universe", "cosmos", "orbit", "astronomy", "mars", "jupiter", "cosmic"]
        case .cloud: ["cloud", "cloudy", "sky", "weather", "fog", "wind", "windy", "air", "breeze"]
        case .rain: ["rain", "rainy", "umbrella", "drizzle", "shower", "wet", "monsoon", "raindrop"]
        case .storm:
            ["storm", "thunder", "lightning", "bolt", "electric", "electricity", "energy", "power", "thunderstorm"]
        case .snow: ["snow", "snowflake", "winter", "cold", "ice", "frozen", "christmas", "freeze", "frost", "ski"]
        case .fire: ["fire", "flame", "burn", "hot", "heat", "campfire", "passion", "candle", "blaze", "spicy"]
        case .leaf:
            ["leaf", "leaves", "autumn", "eco", "green", "environment", "sustainable", "organic", "herb", "climate"]
        case .sprout: ["plant", "sprout", "seed", "seedling", "garden", "gardening", "grow", "pot", "farm", "harvest"]
        case .heart: ["heart", "love", "care", "kindness", "romance", "health", "valentine", "friendship", "wellbeing"]
        case .book:
            [
                "book", "learn", "read", "study", "school", "education", "knowledge", "story", "library", "student",
                "lesson", "teach", "course", "novel",
            ]
        case .lightbulb:
            [
                "idea", "lightbulb", "bulb", "innovation", "creative", "creativity", "insight", "think", "brainstorm",
                "invent", "inspiration", "solution", "tip", "lamp",
            ]
        case .gear:
            [
                "gear", "machine", "engine", "mechanic", "technology", "tech", "engineering", "system", "process",
                "industry", "factory", "setting", "tool", "mechanism",
            ]
        case .robot:
            ["robot", "ai", "artificial", "automation", "bot", "android", "automate", "intelligence", "algorithm"]
        case .laptop:
            [
                "computer", "laptop", "code", "software", "program", "programming", "developer", "internet", "web",
                "digital", "online", "data", "screen", "desktop", "coding",
            ]
        case .phone:
            [
                "phone", "smartphone", "mobile", "app", "call", "text", "social", "notification", "cellphone",
                "telephone",
            ]
        case .coin:
            [
                "money", "coin", "cash", "finance", "financial", "invest", "investment", "wealth", "rich", "price",
                "cost", "budget", "saving", "save", "bank", "dollar", "pay", "economy", "profit", "gold", "salary",
                "crypto",
            ]
        case .chart:
            [
                "chart", "growth", "graph", "statistic", "progress", "increase", "rise", "market", "sale", "business",
                "trend", "analytics", "result", "improve", "revenue", "stock",
            ]
        case .clock:
            [
                "clock", "time", "hour", "minute", "deadline", "schedule", "late", "wait", "timer", "watch", "routine",
                "history",
            ]
        case .person:
            [
                "person", "man", "woman", "human", "user", "customer", "kid", "child", "leader", "boy", "girl",
                "individual",
            ]
        case .people:
            [
                "people", "team", "friend", "community", "crowd", "family", "group", "together", "society", "teamwork",
                "audience", "children",
            ]
        case .bird:
            ["bird", "fly", "flight", "freedom", "wing", "sparrow", "eagle", "tweet", "feather", "flying", "free"]
        case .fish: ["fish", "aquarium", "fishing", "swim", "underwater", "coral", "reef", "swimming", "salmon"]
        case .cat: ["cat", "kitten", "kitty", "feline", "meow"]
        case .dog: ["dog", "puppy", "pet", "canine", "doggy", "pup"]
        case .coffee: ["coffee", "cafe", "tea", "cup", "mug", "espresso", "breakfast", "latte", "morning", "caffeine"]
        case .apple:
            [
                "food", "apple", "fruit", "eat", "healthy", "diet", "nutrition", "meal", "cook", "kitchen", "recipe",
                "snack", "lunch", "dinner", "vegetable",
            ]
        case .music:
            [
                "music", "song", "note", "melody", "sound", "sing", "dance", "concert", "audio", "listen", "rhythm",
                "musical", "band", "guitar", "piano",
            ]
        case .camera:
            [
                "camera", "photo", "photograph", "photography", "picture", "film", "video", "movie", "cinema", "shoot",
                "selfie", "lens", "image",
            ]
        case .globe:
            [
                "globe", "world", "earth", "travel", "international", "global", "map", "country", "trip", "explore",
                "worldwide", "tourism", "vacation", "holiday", "culture",
            ]
        case .path:
            ["path", "road", "trail", "journey", "route", "direction", "step", "way", "roadmap", "walk", "destination"]
        case .trophy:
            [
                "trophy", "win", "award", "champion", "success", "prize", "victory", "winner", "achievement", "achieve",
                "best", "medal",
            ]
        case .target:
            ["goal", "target", "aim", "focus", "objective", "purpose", "strategy", "plan", "precision", "accuracy"]
        case .lock:
            [
                "lock", "security", "safe", "key", "privacy", "protect", "password", "secure", "safety", "protection",
                "secret",
            ]
        case .boat: ["boat", "ship", "sail", "sailing", "sailboat", "harbor", "voyage", "cruise", "port", "yacht"]
        case .pencil:
            [
                "pencil", "write", "writing", "draw", "drawing", "design", "art", "artist", "paint", "sketch",
                "creator", "author", "pen",
            ]
        case .chat:
            [
                "chat", "talk", "conversation", "speak", "communication", "discuss", "message", "voice", "question",
                "ask", "dialogue", "feedback", "comment",
            ]
        }
    }

    /// Keyword → motif; the first motif that claims a word keeps it.
    private static let byKeyword: [String: Motif] = {
        var table: [String: Motif] = [:]
        for motif in allCases {
            for keyword in motif.keywords where table[keyword] == nil { table[keyword] = motif }
        }
        return table
    }()

    /// Sky motifs usually set the light or the time of day ("at sunset", "under the first stars") rather than
    /// name the subject, so they give the hero's place to any other motif in the text.
    var isAtmosphere: Bool { [.sun, .moon, .star, .cloud].contains(self) }

    /// Motifs named in `text` without repeats: subjects in the order they first appear, then sky motifs.
    static func matches(in text: String) -> [Motif] {
        var found: [Motif] = []
        for word in words(of: text) {
            for stem in stems(of: word) {
                if let motif = byKeyword[stem] {
                    if !found.contains(motif) { found.append(motif) }
                    break
                }
            }
        }
        return found.filter { !$0.isAtmosphere } + found.filter(\.isAtmosphere)
    }

    /// Lower-cased runs of letters; apostrophes split ("bee's" → "bee", "s").
    static func words(of text: String) -> [String] {
        text.lowercased().split(whereSeparator: { !$0.isLetter }).map(String.init)
    }

    /// The word and the base forms it may be an inflection of: bees → bee, cities → city, leaves → leaf,
    /// baking → bake, climbed → climb. Wrong guesses are harmless: they only match if they are keywords.
    static func stems(of word: String) -> [String] {
        var forms = [word]
        func strip(_ suffix: String, adding replacement: String = "") {
            guard word.count > suffix.count + 2, word.hasSuffix(suffix) else { return }
            forms.append(String(word.dropLast(suffix.count)) + replacement)
        }
        strip("ies", adding: "y")
        strip("ves", adding: "f")
        strip("es")
        if !word.hasSuffix("ss") { strip("s") }
        strip("ing")
        strip("ing", adding: "e")
        strip("ed")
        strip("ed", adding: "e")
        return forms
    }
}
