import Foundation

/// Picks the video model for each scene's clip and says, before anything is charged, what it cannot honour.
public enum ClipRouting {
    /// Picks per scene: the override when available (with caveats if it cannot honour something), else the cheapest
    /// available model that honours everything (end frame, aspect, length), else the best partial one with caveats;
    /// fallbacks are the next models that honour the same needs at no more credits, ending with the embedded model.
    ///
    /// An override naming an unknown or unconfigured model does not fail: the route is made as if there were no
    /// override and its first caveat names the model asked for and the one used instead.
    /// `budgetPerSecond` leaves out models that cost more credits per second, unless the user chose one.
    public static func route(_ needs: SceneClipNeeds, in catalogue: VideoModelCatalogue, budgetPerSecond: Int?)
        -> ClipRoute
    {
        let available = catalogue.models.filter(\.available)
        let affordable = available.filter { budgetPerSecond == nil || $0.creditsPerSecond <= budgetPerSecond! }
        let ranked = (affordable.isEmpty ? available : affordable).sorted {
            (shortfalls($0, needs).count, $0.creditsPerSecond, $0.id)
                < (shortfalls($1, needs).count, $1.creditsPerSecond, $1.id)
        }
        let automatic = ranked.first ?? VideoModelCatalogue.embeddedMorph
        var caveats: [String] = []
        var model = automatic
        if let wanted = needs.modelOverride {
            if let chosen = catalogue.model(id: wanted), chosen.available {
                model = chosen
                if let budget = budgetPerSecond, chosen.creditsPerSecond > budget {
                    caveats.append(
                        "\(chosen.name) costs \(chosen.creditsPerSecond) credits per second, over the budget of "
                            + "\(budget): it is used for scene \(needs.sceneId) because it was chosen.")
                }
            } else {
                let what = catalogue.model(id: wanted).map { "\($0.name) is not configured on this server" }
                caveats.append(
                    (what ?? "There is no video model \"\(wanted)\"")
                        + ": scene \(needs.sceneId)'s clip is made on \(automatic.name) instead.")
            }
        } else if affordable.isEmpty, let budget = budgetPerSecond {
            caveats.append(
                "No video model fits the budget of \(budget) credits per second: scene \(needs.sceneId)'s clip is "
                    + "made on \(model.name) at \(model.creditsPerSecond).")
        }
        caveats += shortfalls(model, needs) + retiming(model, needs)
        let embedded = catalogue.models.first(where: \.offline)?.id ?? VideoModelCatalogue.embeddedMorph.id
        let charged = credits(model, needs)
        // A fallback never costs more than the estimate the user accepted.
        let fallbacks =
            ranked.filter {
                $0.id != model.id && $0.id != embedded && shortfalls($0, needs).isEmpty && credits($0, needs) <= charged
            }.map(\.id) + (model.id == embedded ? [] : [embedded])
        return ClipRoute(
            sceneId: needs.sceneId, model: model.id, fallbacks: fallbacks,
            clipLength: model.clipLength(for: needs.duration), credits: charged, caveats: caveats)
    }

    /// What a clip for `needs` costs on `model`: its price per second times the length it actually makes.
    static func credits(_ model: VideoModel, _ needs: SceneClipNeeds) -> Int {
        Int((model.clipLength(for: needs.duration) * Double(model.creditsPerSecond)).rounded(.up))
    }

    /// What `model` cannot honour of `needs`, one sentence each; empty when it honours everything.
    static func shortfalls(_ model: VideoModel, _ needs: SceneClipNeeds) -> [String] {
        let scene = "scene \(needs.sceneId)"
        var found: [String] = []
        if !model.startFrame {
            found.append("\(model.name) cannot start on a given frame: \(scene)'s start frame will not be used.")
        }
        if needs.endFrame && !model.endFrame {
            found.append("\(model.name) cannot end on a given frame: \(scene)'s end frame will not be used.")
        }
        if !model.aspectRatios.contains(needs.aspectRatio), let made = model.aspectRatios.first {
            found.append(
                "\(model.name) cannot make \(needs.aspectRatio.rawValue) clips: \(scene)'s clip will be made "
                    + "\(made.rawValue) and cropped to \(needs.aspectRatio.rawValue).")
        }
        if !model.holds(duration: needs.duration) {
            let length = model.clipLength(for: needs.duration)
            found.append(
                "\(model.name) makes at most \(length.formatted) s: \(scene)'s \(needs.duration.formatted) s clip "
                    + "will be slowed down to fill it.")
        }
        return found
    }

    /// A note when the model makes a longer clip than the scene and it is sped up to fit (nothing is lost).
    static func retiming(_ model: VideoModel, _ needs: SceneClipNeeds) -> [String] {
        let length = model.clipLength(for: needs.duration)
        guard model.holds(duration: needs.duration), length > needs.duration + VideoModel.lengthTolerance else {
            return []
        }
        return [
            "\(model.name) makes \(lengths(model)) clips: scene \(needs.sceneId)'s \(needs.duration.formatted) s "
                + "clip will be made \(length.formatted) s long and sped up to fit."
        ]
    }

    /// "5 or 10 s", "4, 6 or 8 s".
    static func lengths(_ model: VideoModel) -> String {
        let names = model.clipLengths.sorted().map(\.formatted)
        guard let last = names.last else { return "any-length" }
        return names.count == 1 ? "\(last) s" : "\(names.dropLast().joined(separator: ", ")) or \(last) s"
    }
}
