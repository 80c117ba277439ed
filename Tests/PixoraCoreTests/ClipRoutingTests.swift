import Testing

@testable import PixoraCore

@Suite("Clip routing over the video model catalogue")
struct ClipRoutingTests {
    static let cloudIds: Set<String> = ["fal.kling-2.1-pro", "fal.veo-3.1-flf", "fal.hailuo-02", "openai.sora-2"]
    /// Every model configured.
    static let everything = VideoModelCatalogue.available(cloudIds)
    /// Cloud models only (a catalogue without the embedded model).
    static let cloudOnly = VideoModelCatalogue(models: everything.models.filter { !$0.offline })
    static let soraOnly = VideoModelCatalogue(models: everything.models.filter { $0.id == "openai.sora-2" })

    /// One row of the routing table.
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var needs: SceneClipNeeds
        var catalogue: VideoModelCatalogue
        var budget: Int? = nil
        var model: String
        var fallbacks: [String]
        var clipLength: Double
        var credits: Int
        var caveats: [String]
        var testDescription: String { name }
    }

    static func needs(
        _ duration: Double, end: Bool = true, aspect: AspectRatio = .landscape, model: String? = nil
    ) -> SceneClipNeeds {
        SceneClipNeeds(sceneId: "s3", duration: duration, endFrame: end, aspectRatio: aspect, modelOverride: model)
    }

    static let cases: [Case] = [
        Case(
            name: "offline: the embedded morph at the scene's length", needs: needs(5), catalogue: .embedded,
            model: "embedded.morph", fallbacks: [], clipLength: 5, credits: 5, caveats: []),
        Case(
            name: "everything configured: the cheapest model that honours everything", needs: needs(7.2),
            catalogue: everything, model: "embedded.morph", fallbacks: [], clipLength: 7.2, credits: 8, caveats: []),
        Case(
            name: "cloud only, 1:1 with an end frame: Hailuo, the cheapest that can", needs: needs(7, aspect: .square),
            catalogue: cloudOnly, model: "fal.hailuo-02", fallbacks: ["embedded.morph"], clipLength: 10,
            credits: 20,
            caveats: [
                "MiniMax Hailuo-02 makes 6 or 10 s clips: scene s3's 7 s clip will be made 10 s long and sped up to fit."
            ]),
        Case(
            name: "cloud only, 16:9 at 6 s: Hailuo exactly, fallbacks that cost no more", needs: needs(6),
            catalogue: cloudOnly, model: "fal.hailuo-02", fallbacks: ["embedded.morph"], clipLength: 6, credits: 12,
            caveats: []),
        Case(
            name: "override Veo at 5 s: honoured; cheaper models that honour the scene back it up",
            needs: needs(5, model: "fal.veo-3.1-flf"), catalogue: everything, model: "fal.veo-3.1-flf",
            fallbacks: ["fal.hailuo-02", "fal.kling-2.1-pro", "embedded.morph"], clipLength: 6, credits: 48,
            caveats: [
                "Veo 3.1 first/last frame makes 4, 6 or 8 s clips: scene s3's 5 s clip will be made 6 s long and "
                    + "sped up to fit."
            ]),
        Case(
            name: "override Sora with an end frame: honoured, and the lost end frame is said",
            needs: needs(6, model: "openai.sora-2"), catalogue: everything, model: "openai.sora-2",
            fallbacks: ["fal.hailuo-02", "embedded.morph"], clipLength: 8, credits: 32,
            caveats: [
                "Sora 2 cannot end on a given frame: scene s3's end frame will not be used.",
                "Sora 2 makes 4, 8 or 12 s clips: scene s3's 6 s clip will be made 8 s long and sped up to fit.",
            ]),
        Case(
            name: "override Sora without an end frame: nothing to say; Kling (10 s, 40 credits) costs more",
            needs: needs(8, end: false, model: "openai.sora-2"), catalogue: everything, model: "openai.sora-2",
            fallbacks: ["fal.hailuo-02", "embedded.morph"], clipLength: 8, credits: 32,
            caveats: []),
        Case(
            name: "override Veo for a square video: the crop is said",
            needs: needs(8, aspect: .square, model: "fal.veo-3.1-flf"),
            catalogue: everything, model: "fal.veo-3.1-flf",
            fallbacks: ["fal.hailuo-02", "fal.kling-2.1-pro", "embedded.morph"],
            clipLength: 8, credits: 64,
            caveats: [
                "Veo 3.1 first/last frame cannot make 1:1 clips: scene s3's clip will be made 16:9 and cropped to 1:1."
            ]),
        Case(
            name: "an unknown override: routed as usual, and the caveat names both models",
            needs: needs(5, model: "fal.nope"), catalogue: everything, model: "embedded.morph", fallbacks: [],
            clipLength: 5, credits: 5,
            caveats: ["There is no video model \"fal.nope\": scene s3's clip is made on Embedded morph instead."]),
        Case(
            name: "an override that is not configured here", needs: needs(5, model: "fal.kling-2.1-pro"),
            catalogue: .available([]), model: "embedded.morph", fallbacks: [], clipLength: 5, credits: 5,
            caveats: [
                "Kling 2.1 Pro is not configured on this server: scene s3's clip is made on Embedded morph instead."
            ]),
        Case(
            name: "only Sora and an end frame needed: the best partial model, with the shortfall said",
            needs: needs(4), catalogue: soraOnly, model: "openai.sora-2", fallbacks: ["embedded.morph"],
            clipLength: 4, credits: 16,
            caveats: ["Sora 2 cannot end on a given frame: scene s3's end frame will not be used."]),
        Case(
            name: "a 40 s scene: every model falls short, the cheapest says how", needs: needs(40),
            catalogue: everything, model: "embedded.morph", fallbacks: [], clipLength: 30, credits: 30,
            caveats: [
                "Embedded morph makes at most 30 s: scene s3's 40 s clip will be slowed down to fill it."
            ]),
        Case(
            name: "a budget of 3 credits per second leaves Kling and Veo out", needs: needs(6),
            catalogue: cloudOnly, budget: 3, model: "fal.hailuo-02", fallbacks: ["embedded.morph"], clipLength: 6,
            credits: 12, caveats: []),
        Case(
            name: "no model within the budget: the cheapest, said", needs: needs(6), catalogue: cloudOnly, budget: 1,
            model: "fal.hailuo-02", fallbacks: ["embedded.morph"], clipLength: 6, credits: 12,
            caveats: [
                "No video model fits the budget of 1 credits per second: scene s3's clip is made on MiniMax Hailuo-02 "
                    + "at 2."
            ]),
        Case(
            name: "an override over budget is still honoured, and said", needs: needs(8, model: "fal.veo-3.1-flf"),
            catalogue: everything, budget: 4, model: "fal.veo-3.1-flf",
            fallbacks: ["fal.hailuo-02", "fal.kling-2.1-pro", "embedded.morph"], clipLength: 8, credits: 64,
            caveats: [
                "Veo 3.1 first/last frame costs 8 credits per second, over the budget of 4: it is used for scene s3 "
                    + "because it was chosen."
            ]),
    ]

    @Test("routing picks the model, fallbacks, length, credits and caveats of each row", arguments: cases)
    func route(_ row: Case) {
        let route = ClipRouting.route(row.needs, in: row.catalogue, budgetPerSecond: row.budget)
        #expect(route.sceneId == "s3")
        #expect(route.model == row.model)
        #expect(route.fallbacks == row.fallbacks)
        #expect(route.clipLength == row.clipLength)
        #expect(route.credits == row.credits)
        #expect(route.caveats == row.caveats)
    }

    @Test("a model that cannot end on a frame is never silent about it, whatever the catalogue")
    func endFrameNeverSilent() {
        for catalogue in [Self.everything, Self.cloudOnly, Self.soraOnly] {
            let route = ClipRouting.route(Self.needs(8, model: "openai.sora-2"), in: catalogue, budgetPerSecond: nil)
            #expect(route.model == "openai.sora-2")
            #expect(route.caveats.contains { $0.contains("cannot end on a given frame") })
        }
    }

    @Test("the known catalogue lists each cloud model's documented lengths, shapes and end-frame support")
    func knownCapabilities() throws {
        let known = Dictionary(uniqueKeysWithValues: VideoModelCatalogue.known.map { ($0.id, $0) })
        #expect(Set(known.keys) == Self.cloudIds)
        #expect(known.values.allSatisfy { !$0.available && !$0.offline && $0.creditsPerSecond > 1 })
        #expect(known["fal.kling-2.1-pro"]?.clipLengths == [5, 10] && known["fal.kling-2.1-pro"]?.endFrame == true)
        #expect(known["fal.veo-3.1-flf"]?.aspectRatios == [.landscape, .vertical])
        #expect(known["fal.hailuo-02"]?.clipLengths == [6, 10])
        #expect(known["openai.sora-2"]?.clipLengths == [4, 8, 12] && known["openai.sora-2"]?.endFrame == false)
        let embedded = try #require(VideoModelCatalogue.embedded.models.first)
        #expect(embedded.id == "embedded.morph" && embedded.available && embedded.offline)
        #expect(embedded.clipLengths.isEmpty && embedded.aspectRatios == AspectRatio.allCases)
        #expect(
            VideoModelCatalogue.available(["fal.hailuo-02"]).models.filter(\.available).map(\.id)
                == ["embedded.morph", "fal.hailuo-02"])
    }
}
