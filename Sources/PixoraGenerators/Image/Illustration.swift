import PixoraCore

/// One scene's picture as SVG, composed in layers: sky, disc, setting (landscape or abstract shapes),
/// accent motifs, hero motif, style finish, title.
struct Illustration: Sendable {
    let request: ImageRequest

    var markup: String {
        let width = Double(max(request.width, 1))
        let height = Double(max(request.height, 1))
        // The layout follows the visual, not the wording of the title, so editing a key phrase only retypes it.
        var random = SeededRandom(seed: seed, label: "procedural-image|\(request.visual)")
        var palette = request.look.map(MoodPalette.init(look:)) ?? MoodPalette(mood: request.mood, style: style)
        let layout = IllustrationLayout(width: width, height: height, style: style, mirrored: random.unit() < 0.5)
        let motifs = self.motifs
        let scenery = Scenery.choose(for: request.visual, style: style, random: &random)

        let unit = layout.unit
        var hero = CanvasPoint(
            x: layout.hero.x + random.unit(-0.025...0.025) * unit, y: layout.hero.y + random.unit(-0.02...0.02) * unit)
        var heroSize = layout.heroSize * random.unit(0.94...1.04)
        let later = request.frame == .end
        if later {
            (hero, heroSize) = LaterMoment.hero(at: hero, size: heroSize, layout: layout)
            palette = LaterMoment.light(palette)
        }
        let disc = (centre: hero, radius: heroSize * 0.6)
        let backdrop = Backdrop(layout: layout, palette: palette, mood: mood, scenery: scenery, disc: disc)

        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(request.width)\" height=\"\(request.height)\" "
        svg += "viewBox=\"0 0 \(request.width) \(request.height)\">"
        svg += "<title>\(SVGMarkup.escaped(request.keyPhrase))</title>"
        svg +=
            "<desc>\(SVGMarkup.escaped("scenery: \(scenery.rawValue); motifs: \(motifs.map(\.rawValue).joined(separator: ", "))"))</desc>"
        svg += backdrop.sky()
        svg += backdrop.decorations(random: &random)
        svg += backdrop.discArt(random: &random)
        if scenery == .abstract {
            svg += AbstractComposition(layout: layout, palette: palette).markup(random: &random)
        } else {
            svg += Landscape(scenery: scenery, layout: layout, palette: palette, disc: disc).markup(random: &random)
        }

        if let first = motifs.first {
            svg += motifFilters(palette.style)
            let slots = accentSlots(layout, random: &random)
            for (index, motif) in motifs.dropFirst().enumerated() where index < slots.count {
                let size = layout.accentSize * random.unit(0.9...1.1)
                svg += placed(motif, at: slots[index], size: size, turn: random.unit(-14...14), palette: palette)
            }
            let turn = random.unit(-5...5) + (later ? LaterMoment.turn : 0)
            svg += placed(first, at: hero, size: heroSize, turn: turn, palette: palette)
        } else {
            svg += AbstractComposition(layout: layout, palette: palette)
                .emblem(centre: hero, radius: disc.radius * 0.55, random: &random)
        }

        svg += StyleFinish(layout: layout, palette: palette).markup()
        svg += TitleBlock(
            phrase: request.keyPhrase, layout: layout, palette: palette, font: TitleFont(style: style)
        ).markup()
        return svg + "</svg>"
    }

    /// A hero look fixes the style and the light of every picture; without one the scene's own apply.
    var style: VisualStyle { request.look?.style ?? request.style }
    private var mood: Mood { request.look?.mood ?? request.mood }

    /// The look's seed joins the scene's, so each hero variation composes its pictures its own way.
    var seed: UInt64 {
        request.look.map { request.seed ^ ($0.seed &* 0x9e37_79b9_7f4a_7c15) } ?? request.seed
    }

    /// The scene's motifs, led by the look's subject when it names one, so the main subject is in every picture.
    private var motifs: [Motif] {
        let scene = Motif.matches(in: request.visual)
        guard let look = request.look, let subject = Motif(rawValue: look.motif) ?? Motif.matches(in: look.motif).first
        else { return Array(scene.prefix(3)) }
        return Array(([subject] + scene.filter { $0 != subject }).prefix(3))
    }

    /// Accent positions in a seeded order, leaving out those that would sit on the title.
    private func accentSlots(_ layout: IllustrationLayout, random: inout SeededRandom) -> [CanvasPoint] {
        var slots = layout.accentSlots.filter {
            CanvasBox(centre: $0, size: layout.accentSize).overlap(with: layout.titleBox) < 0.05
        }
        for index in slots.indices.reversed() where index > 0 {
            slots.swapAt(index, Int(random.next() % UInt64(index + 1)))
        }
        return slots
    }

    /// A motif scaled from its 100×100 box to `size` pixels, centred on `centre` and turned by `turn` degrees.
    private func placed(_ motif: Motif, at centre: CanvasPoint, size: Double, turn: Double, palette: MoodPalette)
        -> String
    {
        let scale = size / 100
        var group = "<g class=\"motif motif-\(motif.rawValue)\" transform=\"translate(\(centre.x.svg) \(centre.y.svg)) "
        group += "rotate(\(turn.svg)) scale(\((scale * 1000).rounded() / 1000)) translate(-50 -50)\""
        switch palette.style {
        case .vibrant, .retro:
            group += " stroke=\"\(palette.ink)\" stroke-width=\"2\" stroke-linejoin=\"round\""
        case .pastel:
            // A soft outline keeps pale motifs apart from a pale background.
            group +=
                " stroke=\"\(palette.ink)\" stroke-opacity=\"0.3\" stroke-width=\"1.4\" stroke-linejoin=\"round\" filter=\"url(#motif-shadow)\""
        case .cinematic:
            group += " filter=\"url(#motif-shadow)\""
        case .minimal:
            break
        }
        let paint = MotifPaint(palette: palette, idPrefix: "m-\(motif.rawValue)")
        return group + ">" + motif.art(paint) + "</g>"
    }

    private func motifFilters(_ style: VisualStyle) -> String {
        guard style == .cinematic || style == .pastel else { return "" }
        let opacity = style == .cinematic ? 0.5 : 0.18
        return "<defs><filter id=\"motif-shadow\" x=\"-25%\" y=\"-25%\" width=\"150%\" height=\"150%\">"
            + "<feGaussianBlur in=\"SourceAlpha\" stdDeviation=\"2.5\"/><feOffset dy=\"2.5\" result=\"blur\"/>"
            + "<feFlood flood-color=\"#000\" flood-opacity=\(opacity.svgQuoted)/><feComposite in2=\"blur\" operator=\"in\"/>"
            + "<feMerge><feMergeNode/><feMergeNode in=\"SourceGraphic\"/></feMerge></filter></defs>"
    }
}
