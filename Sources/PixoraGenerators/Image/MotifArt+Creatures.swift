extension Motif {
    /// Animals and people.
    func creatureArt(_ p: MotifPaint) -> String {
        switch self {
        case .bee:
            let stripe = p.natural(0x2a2320)
            let wing = p.natural(0xe3f4ff)
            var art =
                "<ellipse cx=\"62\" cy=\"32\" rx=\"11\" ry=\"18\" fill=\"\(wing)\" opacity=\"0.85\" transform=\"rotate(24 62 32)\" stroke=\"none\"/>"
            art +=
                "<ellipse cx=\"47\" cy=\"30\" rx=\"12\" ry=\"20\" fill=\"\(wing)\" opacity=\"0.95\" transform=\"rotate(-18 47 30)\" stroke=\"none\"/>"
            art += "<path d=\"M82 57 L95 61 L82 65Z\" fill=\"\(stripe)\"/>"
            art += "<ellipse cx=\"56\" cy=\"61\" rx=\"28\" ry=\"20\" fill=\"\(p.natural(0xffc21a))\"/>"
            art +=
                "<path d=\"\(MotifShapes.ellipseBand(cx: 56, cy: 61, rx: 28, ry: 20, from: 46, to: 54))\" fill=\"\(stripe)\"/>"
            art +=
                "<path d=\"\(MotifShapes.ellipseBand(cx: 56, cy: 61, rx: 28, ry: 20, from: 63, to: 71))\" fill=\"\(stripe)\"/>"
            art +=
                "<ellipse cx=\"58\" cy=\"50\" rx=\"14\" ry=\"4\" fill=\"\(Colour.white)\" opacity=\"0.35\" stroke=\"none\"/>"
            art +=
                "<path d=\"M27 45 Q23 31 15 27 M34 44 Q36 31 30 22\" fill=\"none\" stroke=\"\(stripe)\" stroke-width=\"2.5\" stroke-linecap=\"round\"/>"
            art +=
                "<circle cx=\"15\" cy=\"27\" r=\"3\" fill=\"\(stripe)\"/><circle cx=\"30\" cy=\"22\" r=\"3\" fill=\"\(stripe)\"/>"
            art += "<circle cx=\"30\" cy=\"57\" r=\"14\" fill=\"\(stripe)\"/>"
            art +=
                "<circle cx=\"25\" cy=\"53\" r=\"4\" fill=\"\(Colour.white)\"/><circle cx=\"24\" cy=\"53\" r=\"2\" fill=\"\(stripe)\"/>"
            return art
        case .bird:
            let body = p.main
            var art = "<path d=\"M28 58 L5 45 L11 65Z\" fill=\"\(body.darker(0.25))\"/>"
            art +=
                "<path d=\"M44 74 L42 88 M54 74 L56 88\" stroke=\"\(p.dark)\" stroke-width=\"2.5\" stroke-linecap=\"round\"/>"
            art += "<ellipse cx=\"48\" cy=\"58\" rx=\"26\" ry=\"18\" fill=\"\(body)\"/>"
            art +=
                "<path d=\"M30 64 C40 77 62 77 71 62 C60 69 42 70 30 64Z\" fill=\"\(p.light)\" opacity=\"0.85\" stroke=\"none\"/>"
            art += "<circle cx=\"70\" cy=\"42\" r=\"14\" fill=\"\(body)\"/>"
            art += "<path d=\"M82 37 L96 43 L82 49Z\" fill=\"\(p.natural(0xffb020))\"/>"
            art += "<path d=\"M34 52 C42 30 62 28 68 36 C60 52 48 58 34 52Z\" fill=\"\(body.darker(0.22))\"/>"
            art +=
                "<circle cx=\"74\" cy=\"39\" r=\"3.2\" fill=\"\(p.dark)\"/><circle cx=\"75\" cy=\"38\" r=\"1.1\" fill=\"\(Colour.white)\"/>"
            return art
        case .fish:
            let body = p.natural(0xff8c42)
            var art = "<path d=\"M72 50 L96 31 L90 50 L96 69Z\" fill=\"\(body.darker(0.2))\"/>"
            art += "<path d=\"M36 30 C44 14 60 16 64 30Z\" fill=\"\(body.darker(0.2))\"/>"
            art += "<path d=\"M10 50 C24 26 62 22 80 50 C62 78 24 74 10 50Z\" fill=\"\(body)\"/>"
            art +=
                "<path d=\"M46 30 C40 42 40 58 46 70 M60 32 C55 42 55 58 60 68\" fill=\"none\" stroke=\"\(p.light)\" stroke-width=\"5\" opacity=\"0.8\"/>"
            art +=
                "<circle cx=\"25\" cy=\"45\" r=\"5\" fill=\"\(Colour.white)\"/><circle cx=\"24\" cy=\"45\" r=\"2.6\" fill=\"\(p.dark)\"/>"
            art +=
                "<path d=\"M12 53 Q16 55 19 53\" fill=\"none\" stroke=\"\(p.dark)\" stroke-width=\"2\" stroke-linecap=\"round\"/>"
            art +=
                "<circle cx=\"8\" cy=\"32\" r=\"3\" fill=\"none\" stroke=\"\(p.light)\" stroke-width=\"1.5\"/><circle cx=\"14\" cy=\"20\" r=\"2\" fill=\"none\" stroke=\"\(p.light)\" stroke-width=\"1.5\"/>"
            return art
        case .cat:
            let fur = p.natural(0xf2994a)
            let pink = p.natural(0xff9fb2)
            var art =
                "<path d=\"M70 88 C92 88 96 66 84 58\" fill=\"none\" stroke=\"\(fur.darker(0.1))\" stroke-width=\"7\" stroke-linecap=\"round\"/>"
            art += "<path d=\"M30 95 C24 72 32 54 50 54 C68 54 76 72 70 95Z\" fill=\"\(fur)\"/>"
            art += "<ellipse cx=\"50\" cy=\"78\" rx=\"10\" ry=\"14\" fill=\"\(p.natural(0xfff1e0))\"/>"
            art += "<path d=\"M32 30 L30 7 L48 20Z M68 30 L70 7 L52 20Z\" fill=\"\(fur)\"/>"
            art += "<path d=\"M34 25 L33 13 L42 20Z M66 25 L67 13 L58 20Z\" fill=\"\(pink)\"/>"
            art += "<circle cx=\"50\" cy=\"38\" r=\"21\" fill=\"\(fur)\"/>"
            art +=
                "<path d=\"M44 18 L46 25 M50 17 L50 25 M56 18 L54 25\" stroke=\"\(fur.darker(0.25))\" stroke-width=\"2.5\" stroke-linecap=\"round\"/>"
            art +=
                "<ellipse cx=\"42\" cy=\"37\" rx=\"3.2\" ry=\"4.6\" fill=\"\(p.dark)\"/><ellipse cx=\"58\" cy=\"37\" rx=\"3.2\" ry=\"4.6\" fill=\"\(p.dark)\"/>"
            art += "<path d=\"M47 45 L53 45 L50 48.5Z\" fill=\"\(pink)\"/>"
            art +=
                "<path d=\"M40 47 L25 44 M40 50 L25 52 M60 47 L75 44 M60 50 L75 52\" stroke=\"\(p.dark)\" stroke-width=\"1.3\" stroke-linecap=\"round\" opacity=\"0.7\"/>"
            return art
        case .dog:
            let fur = p.natural(0xc68642)
            var art =
                "<ellipse cx=\"24\" cy=\"44\" rx=\"10\" ry=\"22\" fill=\"\(fur.darker(0.3))\" transform=\"rotate(15 24 44)\"/>"
            art +=
                "<ellipse cx=\"76\" cy=\"44\" rx=\"10\" ry=\"22\" fill=\"\(fur.darker(0.3))\" transform=\"rotate(-15 76 44)\"/>"
            art += "<path d=\"M30 76 Q50 88 70 76 L70 83 Q50 95 30 83Z\" fill=\"\(p.main)\"/>"
            art += "<circle cx=\"50\" cy=\"91\" r=\"4.5\" fill=\"\(p.natural(0xffcf3f))\"/>"
            art += "<ellipse cx=\"50\" cy=\"48\" rx=\"25\" ry=\"28\" fill=\"\(fur)\"/>"
            art += "<ellipse cx=\"61\" cy=\"40\" rx=\"9\" ry=\"8\" fill=\"\(fur.darker(0.25))\" stroke=\"none\"/>"
            art += "<ellipse cx=\"50\" cy=\"64\" rx=\"15\" ry=\"12\" fill=\"\(p.natural(0xf6e0bd))\"/>"
            art += "<path d=\"M46 69 Q50 80 54 69Z\" fill=\"\(p.natural(0xff7b8a))\"/>"
            art +=
                "<path d=\"M50 60 Q50 68 44 68 M50 60 Q50 68 56 68\" fill=\"none\" stroke=\"\(p.dark)\" stroke-width=\"2\" stroke-linecap=\"round\"/>"
            art += "<ellipse cx=\"50\" cy=\"57\" rx=\"6\" ry=\"4.5\" fill=\"\(p.dark)\"/>"
            art +=
                "<circle cx=\"40\" cy=\"43\" r=\"4\" fill=\"\(p.dark)\"/><circle cx=\"60\" cy=\"43\" r=\"4\" fill=\"\(p.dark)\"/>"
            art +=
                "<circle cx=\"41\" cy=\"42\" r=\"1.3\" fill=\"\(Colour.white)\"/><circle cx=\"61\" cy=\"42\" r=\"1.3\" fill=\"\(Colour.white)\"/>"
            return art
        case .person:
            return Self.figure(
                x: 50, y: 54, scale: 1.15, shirt: p.main, skin: p.natural(0xf1c27d), hair: p.natural(0x4a2e1f))
        case .people:
            return Self.figure(
                x: 22, y: 60, scale: 0.85, shirt: p.second, skin: p.natural(0x8d5524), hair: p.natural(0x1f1410))
                + Self.figure(
                    x: 78, y: 60, scale: 0.85, shirt: p.natural(0x5aa9e6), skin: p.natural(0xffdbac),
                    hair: p.natural(0xb5651d))
                + Self.figure(
                    x: 50, y: 52, scale: 1.05, shirt: p.main, skin: p.natural(0xc68642), hair: p.natural(0x3b2314))
        default:
            return ""
        }
    }

    /// A head-and-shoulders figure whose shoulders start at (x, y).
    static func figure(x: Double, y: Double, scale: Double, shirt: Colour, skin: Colour, hair: Colour) -> String {
        "<g transform=\"translate(\(x.svg) \(y.svg)) scale(\(scale.svg))\">"
            + "<path d=\"M-24 40 C-24 12 -13 0 0 0 C13 0 24 12 24 40Z\" fill=\"\(shirt)\"/>"
            + "<path d=\"M-6 0 L0 9 L6 0Z\" fill=\"\(skin)\"/>"
            + "<circle cx=\"0\" cy=\"-18\" r=\"14\" fill=\"\(skin)\"/>"
            + "<path d=\"M-14.5 -19 C-15 -32 -6 -35 1 -35 C10 -35 15 -28 14.5 -20 C9 -26 -2 -27 -14.5 -19Z\" fill=\"\(hair)\"/>"
            + "</g>"
    }
}
