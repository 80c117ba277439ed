import PixoraCore

/// The scene's key phrase set as the picture's headline, with the backing each style uses to keep it
/// readable over any background: a soft shadow (cinematic), an outline (vibrant), a hard offset shadow
/// (retro), a rounded card (pastel), or a plain light ground (minimal).
struct TitleBlock: Sendable {
    let phrase: String
    let layout: IllustrationLayout
    let palette: MoodPalette
    let font: TitleFont

    private var style: VisualStyle { palette.style }

    /// The phrase fitted to the title box.
    var fitted: TitleLayout {
        let range = layout.titleSizeRange
        let emphasis: Double =
            switch style {
            case .minimal: 0.8
            case .cinematic: 0.9
            case .vibrant: 1.08
            case .retro, .pastel: 1
            }
        // Outlines and shadows reach past the glyphs, so leave them room inside the box.
        let inset = style == .pastel ? 0.88 : 0.96
        return TitleLayout.fit(
            phrase, font: font, width: layout.titleBox.width * inset, height: layout.titleBox.height,
            maximumSize: range.maximum * emphasis, minimumSize: range.minimum)
    }

    func markup() -> String {
        let title = fitted
        guard !title.lines.isEmpty else { return "" }
        let box = layout.titleBox
        let size = title.fontSize
        let blockHeight = title.height(font)
        let top = box.y + (box.height - blockHeight) / 2
        let x: Double =
            switch layout.titleAnchor {
            case .start: box.x
            case .middle: box.midX
            case .end: box.maxX
            }
        let widest = title.lineWidths.max() ?? 0
        let blockLeft: Double =
            switch layout.titleAnchor {
            case .start: x
            case .middle: x - widest / 2
            case .end: x - widest
            }

        let textColour = style == .minimal || style == .pastel ? palette.ink : palette.paper
        func lines(fill: Colour, dx: Double = 0, dy: Double = 0, extra: String = "") -> String {
            var text = "<g font-family=\"\(font.family)\" font-weight=\"\(font.weight)\" font-size=\(size.svgQuoted) "
            text +=
                "letter-spacing=\((font.tracking * size).svgQuoted) text-anchor=\"\(layout.titleAnchor.rawValue)\" fill=\"\(fill)\"\(extra)>"
            for (index, line) in title.lines.enumerated() {
                let baseline = top + size * 0.8 + Double(index) * size * font.lineHeight
                text += "<text x=\((x + dx).svgQuoted) y=\((baseline + dy).svgQuoted)>\(SVGMarkup.escaped(line))</text>"
            }
            return text + "</g>"
        }

        var art = "<g class=\"title\">"
        switch style {
        case .cinematic:
            art += "<defs><filter id=\"title-shadow\" x=\"-20%\" y=\"-30%\" width=\"140%\" height=\"160%\">"
            art += "<feGaussianBlur in=\"SourceAlpha\" stdDeviation=\((size * 0.09).svgQuoted)/>"
            art += "<feOffset dy=\((size * 0.05).svgQuoted) result=\"blur\"/>"
            art += "<feFlood flood-color=\"#000\" flood-opacity=\"0.75\"/><feComposite in2=\"blur\" operator=\"in\"/>"
            art += "<feMerge><feMergeNode/><feMergeNode in=\"SourceGraphic\"/></feMerge></filter></defs>"
            art += lines(fill: textColour, extra: " filter=\"url(#title-shadow)\"")
            art += rule(left: blockLeft, width: widest, y: top + blockHeight + size * 0.3, size: size)
        case .minimal:
            art += lines(fill: textColour)
            art += rule(left: blockLeft, width: widest, y: top + blockHeight + size * 0.35, size: size)
        case .vibrant:
            art += lines(
                fill: textColour,
                extra:
                    " stroke=\"\(palette.ink)\" stroke-width=\((size * 0.12).svgQuoted) stroke-linejoin=\"round\" paint-order=\"stroke\""
            )
        case .retro:
            let outline =
                " stroke=\"\(palette.ink)\" stroke-width=\((size * 0.07).svgQuoted) stroke-linejoin=\"round\" paint-order=\"stroke\""
            art += lines(fill: palette.ink, dx: size * 0.07, dy: size * 0.07, extra: outline)
            art += lines(fill: textColour, extra: outline)
        case .pastel:
            let padX = size * 0.45
            let padY = size * 0.28
            let card = CanvasBox(
                x: blockLeft - padX, y: top - padY, width: widest + padX * 2, height: blockHeight + padY * 2)
            art +=
                "<rect x=\(card.x.svgQuoted) y=\(card.y.svgQuoted) width=\(card.width.svgQuoted) height=\(card.height.svgQuoted) "
            art += "rx=\(min(size * 0.5, card.height / 2).svgQuoted) fill=\"\(palette.paper)\" opacity=\"0.82\"/>"
            art += lines(fill: textColour)
        }
        return art + "</g>"
    }

    /// A short accent line under the title, aligned with it.
    private func rule(left: Double, width: Double, y: Double, size: Double) -> String {
        let length = min(width, size * 2.2)
        let start: Double =
            switch layout.titleAnchor {
            case .start: left
            case .middle: left + (width - length) / 2
            case .end: left + width - length
            }
        guard y < layout.captionTop else { return "" }
        return SVGMarkup.rect(x: start, y: y, width: length, height: max(size * 0.05, 2), "fill=\"\(palette.accent)\"")
    }
}
