extension Motif {
    /// Sky, weather, plants and landforms.
    func natureArt(_ p: MotifPaint) -> String {
        switch self {
        case .honeycomb:
            let gold = p.natural(0xf5b301)
            let amber = p.natural(0xde8a00)
            let wax = p.natural(0xffe08a)
            let cells: [(Double, Double, Bool)] = [
                (50, 50, true), (76, 50, false), (24, 50, true), (63, 27.5, false), (37, 27.5, true), (63, 72.5, true),
                (37, 72.5, false),
            ]
            var art = ""
            for (x, y, filled) in cells {
                art += "<polygon points=\"\(MotifShapes.hexagon(x, y, 14.2))\" fill=\"\(filled ? amber : gold)\"/>"
                art +=
                    "<polygon points=\"\(MotifShapes.hexagon(x, y, 9))\" fill=\"\(filled ? gold : wax)\" opacity=\"0.9\" stroke=\"none\"/>"
            }
            art += "<path d=\"M58.5 84 C58.5 89 60 93.5 63 97 C66 93.5 67.5 89 67.5 84Z\" fill=\"\(amber)\"/>"
            art +=
                "<ellipse cx=\"31\" cy=\"23\" rx=\"3\" ry=\"2\" fill=\"\(Colour.white)\" opacity=\"0.6\" stroke=\"none\"/>"
            return art
        case .flower:
            let petal = p.natural(0xff7aa2)
            var art =
                "<path d=\"M50 54 Q47 76 50 97\" fill=\"none\" stroke=\"\(p.natural(0x3f9b4a))\" stroke-width=\"5\" stroke-linecap=\"round\"/>"
            art += "<path d=\"M49 82 Q62 64 80 70 Q66 88 49 82Z\" fill=\"\(p.natural(0x4caf50))\"/>"
            art += "<path d=\"M50 90 Q36 74 22 78 Q32 94 50 90Z\" fill=\"\(p.natural(0x66bb6a))\"/>"
            for index in 0..<8 {
                art +=
                    "<ellipse cx=\"50\" cy=\"20\" rx=\"10\" ry=\"17\" fill=\"\(index.isMultiple(of: 2) ? petal : petal.darker(0.1))\" transform=\"rotate(\(index * 45) 50 36)\"/>"
            }
            art += "<circle cx=\"50\" cy=\"36\" r=\"11\" fill=\"\(p.natural(0xffc93c))\"/>"
            art += "<circle cx=\"47\" cy=\"33\" r=\"3\" fill=\"\(Colour.white)\" opacity=\"0.55\" stroke=\"none\"/>"
            return art
        case .sun:
            let ray = p.natural(0xffa81f)
            var art = ""
            for index in 0..<12 {
                art +=
                    "<rect x=\"46.5\" y=\"2\" width=\"7\" height=\"15\" rx=\"3.5\" fill=\"\(ray)\" transform=\"rotate(\(index * 30) 50 50)\"/>"
            }
            art += "<circle cx=\"50\" cy=\"50\" r=\"28\" fill=\"\(p.natural(0xffc93c))\"/>"
            art += "<circle cx=\"50\" cy=\"50\" r=\"21\" fill=\"\(p.natural(0xffdc6b))\" stroke=\"none\"/>"
            return art
        case .moon:
            let cut = p.id("moon-cut")
            let glow = p.natural(0xfff2c2)
            var art = "<mask id=\"\(cut)\"><rect x=\"-10\" y=\"-10\" width=\"120\" height=\"120\" fill=\"#fff\"/>"
            art += "<circle cx=\"68\" cy=\"34\" r=\"31\" fill=\"#000\"/></mask>"
            art += "<circle cx=\"46\" cy=\"54\" r=\"37\" fill=\"\(glow)\" mask=\"url(#\(cut))\"/>"
            art += "<circle cx=\"28\" cy=\"60\" r=\"5\" fill=\"\(glow.darker(0.12))\"/>"
            art += "<circle cx=\"44\" cy=\"78\" r=\"4\" fill=\"\(glow.darker(0.12))\"/>"
            art += "<circle cx=\"22\" cy=\"42\" r=\"3\" fill=\"\(glow.darker(0.12))\"/>"
            art += "<path d=\"\(MotifShapes.sparkle(80, 70, 8))\" fill=\"\(glow)\"/>"
            art += "<path d=\"\(MotifShapes.sparkle(88, 22, 5))\" fill=\"\(glow)\"/>"
            return art
        case .star:
            let gold = p.natural(0xffcf3f)
            var art =
                "<polygon points=\"\(MotifShapes.star(50, 55, outer: 42, inner: 18))\" fill=\"\(gold)\" stroke=\"\(gold)\" stroke-width=\"5\" stroke-linejoin=\"round\"/>"
            art +=
                "<polygon points=\"\(MotifShapes.star(50, 55, outer: 24, inner: 10))\" fill=\"\(gold.lighter(0.35))\" stroke=\"none\"/>"
            art += "<path d=\"\(MotifShapes.sparkle(88, 16, 8))\" fill=\"\(p.second)\"/>"
            art += "<path d=\"\(MotifShapes.sparkle(12, 22, 6))\" fill=\"\(p.second)\"/>"
            art += "<path d=\"\(MotifShapes.sparkle(90, 86, 5))\" fill=\"\(p.second)\"/>"
            return art
        case .mountain:
            let rock = p.natural(0x6d7fa3)
            var art = "<path d=\"M4 90 L38 34 L72 90Z\" fill=\"\(rock.lighter(0.3))\"/>"
            art += "<path d=\"M28 90 L62 16 L96 90Z\" fill=\"\(rock)\"/>"
            art += "<path d=\"M62 16 L96 90 L66 90Z\" fill=\"\(rock.darker(0.2))\" stroke=\"none\"/>"
            art += "<path d=\"M62 16 L53.3 35 L58 32 L62 37 L66 32 L70.7 35Z\" fill=\"\(Colour.white)\"/>"
            art +=
                "<path d=\"M38 34 L31.6 44.5 L35 43 L38 46 L41 43 L44.4 44.5Z\" fill=\"\(Colour.white)\" opacity=\"0.9\" stroke=\"none\"/>"
            return art
        case .tree:
            let leaf = p.natural(0x3fa34d)
            var art =
                "<ellipse cx=\"50\" cy=\"95\" rx=\"26\" ry=\"3\" fill=\"\(Colour.black)\" opacity=\"0.15\" stroke=\"none\"/>"
            art += "<path d=\"M45 95 L47 58 L53 58 L55 95Z\" fill=\"\(p.natural(0x8b5a2b))\"/>"
            art +=
                "<path d=\"M50 72 L62 60\" stroke=\"\(p.natural(0x8b5a2b))\" stroke-width=\"4\" stroke-linecap=\"round\"/>"
            art += "<circle cx=\"50\" cy=\"36\" r=\"26\" fill=\"\(leaf)\"/>"
            art += "<circle cx=\"30\" cy=\"54\" r=\"17\" fill=\"\(leaf.darker(0.1))\"/>"
            art += "<circle cx=\"70\" cy=\"54\" r=\"17\" fill=\"\(leaf.darker(0.15))\"/>"
            art += "<circle cx=\"42\" cy=\"28\" r=\"10\" fill=\"\(leaf.lighter(0.25))\" stroke=\"none\"/>"
            return art
        case .pines:
            return Self.pine(74, base: 92, height: 62, p.natural(0x237047), trunk: p.natural(0x6b4423))
                + Self.pine(26, base: 92, height: 56, p.natural(0x2e8b57), trunk: p.natural(0x6b4423))
                + Self.pine(50, base: 96, height: 84, p.natural(0x3da56a), trunk: p.natural(0x6b4423))
        case .wave:
            let deep = p.natural(0x1f7acc)
            let foam = p.natural(0xe8f8ff)
            var art =
                "<path d=\"M4 92 C6 60 26 28 58 24 C80 21 96 34 94 50 C92 62 80 66 72 60 C66 55 68 46 76 46 C70 40 58 42 52 52 C44 66 48 84 64 92Z\" fill=\"\(deep)\"/>"
            art +=
                "<path d=\"M58 24 C80 21 96 34 94 50 C92 62 80 66 72 60 C66 55 68 46 76 46 C86 46 88 36 80 31 C74 27 66 26 58 28Z\" fill=\"\(p.natural(0x5cc3f0))\"/>"
            art +=
                "<path d=\"M20 80 C22 60 34 44 50 38\" fill=\"none\" stroke=\"\(foam)\" stroke-width=\"3\" stroke-linecap=\"round\" opacity=\"0.7\"/>"
            art += "<path d=\"M0 88 Q12 82 25 88 T50 88 T75 88 T100 88 L100 98 L0 98Z\" fill=\"\(deep.darker(0.2))\"/>"
            art +=
                "<circle cx=\"60\" cy=\"22\" r=\"3\" fill=\"\(foam)\"/><circle cx=\"70\" cy=\"20\" r=\"2.5\" fill=\"\(foam)\"/>"
            art += "<circle cx=\"52\" cy=\"25\" r=\"2\" fill=\"\(foam)\"/>"
            return art
        case .drop:
            let water = p.natural(0x3ba7e8)
            var art = "<path d=\"M50 6 C50 6 20 44 20 64 A30 30 0 0 0 80 64 C80 44 50 6 50 6Z\" fill=\"\(water)\"/>"
            art +=
                "<path d=\"M50 6 C50 6 80 44 80 64 A30 30 0 0 1 56 93.4 C70 84 72 60 50 6Z\" fill=\"\(water.darker(0.15))\" stroke=\"none\"/>"
            art +=
                "<path d=\"M33 62 A17 17 0 0 0 44 80\" fill=\"none\" stroke=\"\(Colour.white)\" stroke-width=\"5\" stroke-linecap=\"round\" opacity=\"0.8\"/>"
            return art
        case .planet:
            let body = p.natural(0xf29e4c)
            let ring = p.natural(0xffe0a3)
            let clip = p.id("planet-clip")
            var art =
                "<path d=\"M6 50 A44 13 0 0 1 94 50\" fill=\"none\" stroke=\"\(ring)\" stroke-width=\"5\" transform=\"rotate(-18 50 50)\"/>"
            art += "<clipPath id=\"\(clip)\"><circle cx=\"50\" cy=\"50\" r=\"28\"/></clipPath>"
            art += "<circle cx=\"50\" cy=\"50\" r=\"28\" fill=\"\(body)\"/>"
            art +=
                "<g clip-path=\"url(#\(clip))\"><rect x=\"0\" y=\"34\" width=\"100\" height=\"7\" fill=\"\(body.darker(0.15))\" transform=\"rotate(-18 50 50)\"/>"
            art +=
                "<rect x=\"0\" y=\"56\" width=\"100\" height=\"5\" fill=\"\(body.lighter(0.2))\" transform=\"rotate(-18 50 50)\"/>"
            art +=
                "<circle cx=\"64\" cy=\"62\" r=\"30\" fill=\"\(Colour.black)\" opacity=\"0.12\" stroke=\"none\"/></g>"
            art +=
                "<path d=\"M94 50 A44 13 0 0 1 6 50\" fill=\"none\" stroke=\"\(ring)\" stroke-width=\"5\" transform=\"rotate(-18 50 50)\"/>"
            art +=
                "<circle cx=\"14\" cy=\"16\" r=\"3\" fill=\"\(p.second)\"/><circle cx=\"86\" cy=\"84\" r=\"2.5\" fill=\"\(p.second)\"/>"
            return art
        case .cloud:
            return Self.cloud(.white, shade: p.natural(0xb4c8dc))
        case .rain:
            var art =
                "<g transform=\"translate(0 -16)\">\(Self.cloud(p.natural(0xe6edf3), shade: p.natural(0xc5d2de)))</g>"
            let drop = p.natural(0x3d9be0)
            for (x, y) in [(30.0, 70.0), (46, 76), (62, 70), (78, 76), (38, 88), (56, 90), (70, 86)] {
                art +=
                    "<path d=\"M\(x.svg) \(y.svg) l-4 9\" stroke=\"\(drop)\" stroke-width=\"4\" stroke-linecap=\"round\"/>"
            }
            return art
        case .storm:
            var art =
                "<g transform=\"translate(0 -18)\">\(Self.cloud(p.natural(0x8d97ab), shade: p.natural(0x6c7689)))</g>"
            art += "<path d=\"M55 46 L38 74 L50 74 L42 97 L68 63 L55 63 L63 46Z\" fill=\"\(p.natural(0xffd23f))\"/>"
            return art
        case .snow:
            let ice = p.natural(0x2f86c8)
            var art = "<g stroke=\"\(ice)\" stroke-width=\"5\" stroke-linecap=\"round\" fill=\"none\">"
            for index in 0..<6 {
                art +=
                    "<g transform=\"rotate(\(index * 60) 50 50)\"><path d=\"M50 50 L50 8 M50 22 L41 14 M50 22 L59 14 M50 36 L43 29 M50 36 L57 29\"/></g>"
            }
            art += "</g><polygon points=\"\(MotifShapes.hexagon(50, 50, 8))\" fill=\"\(ice.lighter(0.4))\"/>"
            return art
        case .fire:
            var art =
                "<path d=\"M50 4 C58 22 80 34 80 62 C80 80 66 94 50 94 C34 94 20 80 20 62 C20 46 30 38 34 24 C40 34 42 40 44 46 C48 34 52 20 50 4Z\" fill=\"\(p.natural(0xff4e1f))\"/>"
            art +=
                "<path d=\"M50 34 C56 46 70 54 70 70 C70 82 61 90 50 90 C39 90 30 82 30 70 C30 60 38 54 42 46 C44 52 46 56 48 58 C50 50 52 42 50 34Z\" fill=\"\(p.natural(0xff9f1c))\"/>"
            art +=
                "<path d=\"M50 58 C54 64 60 70 60 78 A10 10 0 0 1 40 78 C40 70 46 66 50 58Z\" fill=\"\(p.natural(0xffe066))\"/>"
            return art
        case .leaf:
            let green = p.natural(0x4caf50)
            let rib = green.darker(0.3)
            var art = "<path d=\"M16 84 C16 44 46 14 86 14 C86 54 58 84 16 84Z\" fill=\"\(green)\"/>"
            art +=
                "<path d=\"M86 14 C86 54 58 84 16 84 Q56 60 86 14Z\" fill=\"\(green.darker(0.12))\" stroke=\"none\"/>"
            art +=
                "<path d=\"M8 92 L16 84 Q48 54 78 22 M36 64 L33 46 M36 64 L54 66 M50 49 L49 33 M50 49 L68 50 M63 35 L63 24 M63 35 L76 35\" fill=\"none\" stroke=\"\(rib)\" stroke-width=\"2.5\" stroke-linecap=\"round\"/>"
            return art
        case .sprout:
            let green = p.natural(0x4caf50)
            var art =
                "<path d=\"M50 58 C50 46 50 40 50 30\" stroke=\"\(green.darker(0.2))\" stroke-width=\"4\" fill=\"none\" stroke-linecap=\"round\"/>"
            art += "<path d=\"M50 44 C40 44 26 38 22 22 C38 20 48 28 50 44Z\" fill=\"\(green)\"/>"
            art += "<path d=\"M50 34 C56 22 70 14 84 18 C82 32 66 40 50 34Z\" fill=\"\(green.lighter(0.15))\"/>"
            art += "<path d=\"M30 62 L70 62 L64 95 L36 95Z\" fill=\"\(p.natural(0xd9774b))\"/>"
            art += "<rect x=\"25\" y=\"55\" width=\"50\" height=\"11\" rx=\"3\" fill=\"\(p.natural(0xc4623a))\"/>"
            return art
        default:
            return ""
        }
    }

    /// A puffy cloud with a darker underside.
    static func cloud(_ fill: Colour, shade: Colour) -> String {
        let outline = "M22 76 A14 14 0 0 1 20 48 A20 20 0 0 1 56 34 A17 17 0 0 1 84 50 A13 13 0 0 1 80 76Z"
        return "<path d=\"\(outline)\" fill=\"\(fill)\"/>"
            + "<path d=\"M14 66 Q16 76 22 76 L80 76 Q90 74 92 64 Q86 70 76 70 L24 70 Q18 70 14 66Z\" fill=\"\(shade)\" stroke=\"none\"/>"
    }

    /// A three-tier pine standing on `base`.
    static func pine(_ x: Double, base: Double, height: Double, _ fill: Colour, trunk: Colour) -> String {
        let trunkHeight = height * 0.14
        let top = base - height
        var art =
            "<rect x=\((x - height * 0.05).svgQuoted) y=\((base - trunkHeight).svgQuoted) width=\((height * 0.1).svgQuoted) height=\(trunkHeight.svgQuoted) fill=\"\(trunk)\"/>"
        for tier in 0..<3 {
            let tierTop = top + height * 0.22 * Double(tier)
            let tierBottom = tierTop + height * 0.44
            let halfWidth = height * (0.2 + 0.07 * Double(tier))
            let points = [
                CanvasPoint(x: x, y: tierTop), CanvasPoint(x: x + halfWidth, y: tierBottom),
                CanvasPoint(x: x - halfWidth, y: tierBottom),
            ]
            art += "<polygon points=\"\(SVGMarkup.polygon(points))\" fill=\"\(fill.darker(0.06 * Double(tier)))\"/>"
        }
        return art
    }
}
