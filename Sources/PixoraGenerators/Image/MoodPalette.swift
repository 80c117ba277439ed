import PixoraCore

/// The colours of one illustration: a mood's base colours, treated by the visual style.
struct MoodPalette: Sendable {
    var skyTop: Colour
    var skyBottom: Colour
    /// Landscape layers from the horizon forward; far layers sit closer to the sky colour so depth reads.
    var far: Colour
    var mid: Colour
    var near: Colour
    var accent: Colour
    var highlight: Colour
    var ink: Colour
    var paper: Colour
    /// The big disc behind the hero motif: a sun in bright moods, a moon in dark ones.
    var disc: Colour
    let style: VisualStyle

    init(mood: Mood, style: VisualStyle) {
        self.init(base: Self.base(mood), mood: mood, style: style)
    }

    /// A hero look's colours in place of the mood's; anything unreadable keeps the mood's colour for that role.
    init(look: HeroLook) {
        let moodBase = Self.base(look.mood)
        let base = moodBase.indices.map { index in
            index < look.palette.count
                ? HeroLook.rgb(look.palette[index]).map(Colour.init) ?? moodBase[index]
                : moodBase[index]
        }
        self.init(base: base, mood: look.mood, style: look.style)
    }

    /// `base`: sky top, sky bottom, far, mid, near, accent, highlight, ink, paper (as `HeroLook.paletteRoles`).
    private init(base: [Colour], mood: Mood, style: VisualStyle) {
        self.style = style
        let treat = { (colour: Colour) in Self.treated(colour, style) }
        skyTop = treat(base[0])
        skyBottom = treat(base[1])
        far = treat(base[2])
        mid = treat(base[3])
        near = treat(base[4])
        accent = treat(base[5])
        highlight = treat(base[6])
        ink = base[7]
        paper = base[8]
        let darkMood = [Mood.dramatic, .mysterious, .somber].contains(mood)
        disc = darkMood ? paper.mixed(with: highlight, 0.25) : highlight.lighter(0.35)

        switch style {
        case .cinematic:
            skyTop = skyTop.darker(0.5)
            skyBottom = skyBottom.darker(0.05)
            far = far.mixed(with: skyBottom, 0.25).darker(0.15)
            mid = mid.darker(0.3)
            near = near.darker(0.55)
        case .minimal:
            let background = base[1].mixed(with: base[8], 0.8)
            skyTop = background
            skyBottom = background
            far = far.mixed(with: background, 0.55)
            mid = mid.mixed(with: background, 0.3)
            near = near.mixed(with: background, 0.1)
            // A pale tint, so motifs drawn in the accent colour stand out on it.
            disc = far.mixed(with: background, 0.2)
        case .vibrant:
            disc = highlight
        case .retro:
            paper = Colour(0xf6ead4)
            ink = Colour(0x2b1d14)
            disc = Colour(0xf9c46b).mixed(with: highlight, 0.3)
        case .pastel:
            paper = .white
            ink = base[7].mixed(with: base[5], 0.25).darker(0.1)
            // Tinted rather than white, so white motifs (a rocket, a cloud) still show on it.
            disc = Colour.white.mixed(with: accent, 0.3)
        }
    }

    /// The darkest colour that reads as "ink" on a light shape in this palette (softer in pastel).
    var detail: Colour { style == .pastel ? ink.lighter(0.15) : ink }

    /// A real-world colour (a bee's yellow, a leaf's green) pulled toward the palette and the style,
    /// so motifs stay recognisable yet belong to the picture.
    func natural(_ hex: UInt32) -> Colour {
        let colour = Colour(hex).mixed(with: accent, 0.1)
        // Pastel washes the scenery out; motifs keep more colour so they stay recognisable.
        return style == .pastel ? colour.saturated(by: 0.9).lighter(0.25) : Self.treated(colour, style)
    }

    private static func treated(_ colour: Colour, _ style: VisualStyle) -> Colour {
        switch style {
        case .cinematic: colour.saturated(by: 1.1)
        case .minimal: colour.saturated(by: 0.85)
        case .vibrant: colour.saturated(by: 1.35)
        case .retro: colour.saturated(by: 0.7).mixed(with: Colour(0xe2b97f), 0.22)
        case .pastel: colour.saturated(by: 0.9).lighter(0.42)
        }
    }

    /// sky top, sky bottom, far, mid, near, accent, highlight, ink, paper.
    static func base(_ mood: Mood) -> [Colour] {
        let hex: [UInt32] =
            switch mood {
            case .calm: [0x7fb7d8, 0xe4f1ee, 0xa6c8d8, 0x6e9fb5, 0x3f6f86, 0xf2a65a, 0x9ed8c9, 0x1d3445, 0xf7fbfa]
            case .uplifting: [0x6ec3f2, 0xffe3a3, 0xf7b56b, 0x8cc084, 0x3e8e6a, 0xff6b5b, 0xffd34e, 0x23324a, 0xfffdf5]
            case .energetic: [0xff2e63, 0xffb03a, 0xff7a45, 0xd62c5b, 0x5a1a6b, 0x14d2c6, 0xfff05a, 0x1c0a2e, 0xffffff]
            case .dramatic: [0x141428, 0xc2453a, 0x6b2b3a, 0x3c1b2e, 0x170e1a, 0xf5b841, 0xff7043, 0x0a0a12, 0xfff4e6]
            case .mysterious:
                [0x0a1433, 0x55407f, 0x3e3570, 0x2a2556, 0x141233, 0x66f0e3, 0xc8a2ff, 0x070716, 0xeef0ff]
            case .playful: [0x63d2ff, 0xfff3b0, 0xffa8c5, 0x7ed957, 0x3a86ff, 0xff5d8f, 0xffd23f, 0x2a2a48, 0xffffff]
            case .somber: [0x4a5862, 0xb9c3c9, 0x8c979e, 0x66727a, 0x3c464d, 0xd6c29c, 0xa9bfcb, 0x1b2126, 0xf1f3f4]
            case .warm: [0xf08a4b, 0xffe0b0, 0xe9a46a, 0xc8643b, 0x7a3524, 0xffd27a, 0xf6b26b, 0x3a1c10, 0xfff6ea]
            }
        return hex.map(Colour.init)
    }
}
