extension Motif {
    /// Buildings, vehicles and the world around them.
    func placeArt(_ p: MotifPaint) -> String {
        switch self {
        case .city:
            let towers: [(x: Double, y: Double, width: Double, colour: Colour)] = [
                (10, 40, 26, p.natural(0x6b8cc2)), (62, 30, 28, p.natural(0x4a6fa5)), (34, 12, 30, p.natural(0x35598f)),
            ]
            let lit = p.natural(0xffe38a)
            var art =
                "<path d=\"M49 12 L49 2\" stroke=\"\(p.natural(0x35598f))\" stroke-width=\"2.5\" stroke-linecap=\"round\"/>"
            for (index, tower) in towers.enumerated() {
                art +=
                    "<rect x=\(tower.x.svgQuoted) y=\(tower.y.svgQuoted) width=\(tower.width.svgQuoted) height=\((96 - tower.y).svgQuoted) fill=\"\(tower.colour)\"/>"
                var row = 0
                var y = tower.y + 6
                while y < 88 {
                    for column in 0..<3 {
                        let x = tower.x + 4 + Double(column) * (tower.width - 8) / 3
                        let on = (row * 3 + column + index * 2) % 4 != 0
                        art +=
                            "<rect x=\(x.svgQuoted) y=\(y.svgQuoted) width=\(((tower.width - 8) / 3 - 2).svgQuoted) height=\"4\" fill=\"\(on ? lit : tower.colour.darker(0.25))\"/>"
                    }
                    y += 8
                    row += 1
                }
            }
            art +=
                "<rect x=\"4\" y=\"94\" width=\"92\" height=\"4\" rx=\"2\" fill=\"\(p.natural(0x35598f).darker(0.3))\"/>"
            return art
        case .house:
            let glass = p.natural(0x9ed8f0)
            var art = "<rect x=\"64\" y=\"20\" width=\"10\" height=\"24\" fill=\"\(p.natural(0x9c4a32))\"/>"
            art += "<rect x=\"22\" y=\"46\" width=\"56\" height=\"48\" fill=\"\(p.natural(0xf4d6a0))\"/>"
            art +=
                "<rect x=\"22\" y=\"46\" width=\"56\" height=\"6\" fill=\"\(Colour.black)\" opacity=\"0.12\" stroke=\"none\"/>"
            art +=
                "<polygon points=\"10,52 50,17 90,52\" fill=\"\(p.natural(0xd0543a))\" stroke=\"\(p.natural(0xd0543a))\" stroke-width=\"3\" stroke-linejoin=\"round\"/>"
            art +=
                "<rect x=\"43.5\" y=\"66\" width=\"13\" height=\"28\" rx=\"2\" fill=\"\(p.main)\"/><circle cx=\"53.5\" cy=\"81\" r=\"1.4\" fill=\"\(p.dark)\"/>"
            for x in [28.0, 61] {
                art += "<rect x=\(x.svgQuoted) y=\"58\" width=\"11\" height=\"11\" fill=\"\(glass)\"/>"
                art +=
                    "<path d=\"M\((x + 5.5).svg) 58 L\((x + 5.5).svg) 69 M\(x.svg) 63.5 L\((x + 11).svg) 63.5\" stroke=\"\(p.natural(0xf4d6a0))\" stroke-width=\"1.5\"/>"
            }
            art += "<rect x=\"8\" y=\"93\" width=\"84\" height=\"4\" rx=\"2\" fill=\"\(p.natural(0x5fa35a))\"/>"
            return art
        case .car:
            var art =
                "<ellipse cx=\"50\" cy=\"84\" rx=\"44\" ry=\"3\" fill=\"\(Colour.black)\" opacity=\"0.15\" stroke=\"none\"/>"
            art +=
                "<path d=\"M8 72 L8 60 Q10 52 20 50 L30 48 L40 34 Q42 31 47 31 L68 31 Q73 31 76 35 L86 48 Q94 50 94 60 L94 72Z\" fill=\"\(p.main)\"/>"
            art +=
                "<path d=\"M45 36 L38 47 L58 47 L58 36Z M62 36 L62 47 L80 47 L72 36Z\" fill=\"\(p.natural(0xbfe6ff))\"/>"
            art +=
                "<rect x=\"8\" y=\"58\" width=\"86\" height=\"3\" fill=\"\(p.light)\" opacity=\"0.5\" stroke=\"none\"/>"
            art += "<rect x=\"88\" y=\"53\" width=\"6\" height=\"5\" rx=\"1.5\" fill=\"\(p.natural(0xfff3b0))\"/>"
            art += "<rect x=\"8\" y=\"55\" width=\"4\" height=\"5\" rx=\"1\" fill=\"\(p.natural(0xe63946))\"/>"
            for x in [28.0, 74] {
                art += "<circle cx=\(x.svgQuoted) cy=\"72\" r=\"11\" fill=\"\(p.natural(0x2b2b2b))\"/>"
                art += "<circle cx=\(x.svgQuoted) cy=\"72\" r=\"5\" fill=\"\(p.natural(0xd0d6de))\"/>"
            }
            return art
        case .rocket:
            let hull = p.natural(0xf1f3f7)
            var art = "<path d=\"M39 70 Q50 102 61 70Z\" fill=\"\(p.natural(0xff9f1c))\"/>"
            art += "<path d=\"M44 70 Q50 88 56 70Z\" fill=\"\(p.natural(0xffe066))\"/>"
            art += "<path d=\"M36 48 L19 67 L21 80 L37 70Z M64 48 L81 67 L79 80 L63 70Z\" fill=\"\(p.main)\"/>"
            art += "<rect x=\"39\" y=\"66\" width=\"22\" height=\"6\" rx=\"2\" fill=\"\(p.natural(0x8a94a6))\"/>"
            art += "<path d=\"M50 4 C64 16 68 38 65 68 L35 68 C32 38 36 16 50 4Z\" fill=\"\(hull)\"/>"
            art +=
                "<path d=\"M50 4 C64 16 68 38 65 68 L56 68 C59 40 57 18 50 4Z\" fill=\"\(hull.darker(0.16))\" stroke=\"none\"/>"
            art += "<path d=\"M50 4 C57 10 61 17 63 24 L37 24 C39 17 43 10 50 4Z\" fill=\"\(p.main)\"/>"
            art +=
                "<circle cx=\"50\" cy=\"40\" r=\"9.5\" fill=\"\(p.natural(0x8a94a6))\"/><circle cx=\"50\" cy=\"40\" r=\"6.5\" fill=\"\(p.natural(0x5cc3f0))\"/>"
            art += "<circle cx=\"48\" cy=\"38\" r=\"2\" fill=\"\(Colour.white)\" opacity=\"0.7\" stroke=\"none\"/>"
            art += "<rect x=\"48\" y=\"54\" width=\"4\" height=\"18\" rx=\"2\" fill=\"\(p.main.darker(0.2))\"/>"
            return art
        case .boat:
            var art = "<path d=\"M50 8 L50 70\" stroke=\"\(p.natural(0x6b4423))\" stroke-width=\"3\"/>"
            art += "<path d=\"M53 12 L53 66 L87 66Z\" fill=\"\(p.light)\"/>"
            art += "<path d=\"M47 20 L47 66 L17 66Z\" fill=\"\(p.second)\"/>"
            art += "<path d=\"M50 8 L61 11.5 L50 15Z\" fill=\"\(p.main)\"/>"
            art += "<path d=\"M8 70 L92 70 L81 86 L19 86Z\" fill=\"\(p.main)\"/>"
            art += "<path d=\"M12 74 L88 74 L86 77 L14 77Z\" fill=\"\(p.light)\" opacity=\"0.6\" stroke=\"none\"/>"
            art +=
                "<path d=\"M0 88 Q12 83 25 88 T50 88 T75 88 T100 88 L100 97 L0 97Z\" fill=\"\(p.natural(0x3ba7e8))\"/>"
            return art
        case .path:
            let clip = p.id("path-clip")
            let centre = [
                CanvasPoint(x: 50, y: 100), CanvasPoint(x: 34, y: 86), CanvasPoint(x: 58, y: 72),
                CanvasPoint(x: 44, y: 60), CanvasPoint(x: 54, y: 50),
                CanvasPoint(x: 50, y: 44),
            ]
            var art = "<clipPath id=\"\(clip)\"><circle cx=\"50\" cy=\"50\" r=\"46\"/></clipPath>"
            art += "<circle cx=\"50\" cy=\"50\" r=\"46\" fill=\"\(p.natural(0xcdeefa))\"/>"
            art += "<g clip-path=\"url(#\(clip))\">"
            art +=
                "<path d=\"M0 52 L22 30 L40 46 L58 24 L80 48 L100 38 L100 100 L0 100Z\" fill=\"\(p.natural(0x8fa3c7))\"/>"
            art += "<path d=\"M0 56 Q30 38 60 48 T100 44 L100 100 L0 100Z\" fill=\"\(p.natural(0x8cc084))\"/>"
            art += "<path d=\"M0 72 Q40 58 100 68 L100 100 L0 100Z\" fill=\"\(p.natural(0x5fa35a))\"/>"
            art +=
                "<path d=\"\(MotifShapes.taperedRibbon(centre, startWidth: 30, endWidth: 3))\" fill=\"\(p.natural(0xe8d3a8))\"/>"
            art +=
                "<path d=\"\(SVGMarkup.smoothOpenPath(Array(centre.dropLast())))\" fill=\"none\" stroke=\"\(Colour.white)\" stroke-width=\"1.6\" stroke-dasharray=\"4 4\"/>"
            art += "</g>"
            art +=
                "<path d=\"M50 44 L50 22\" stroke=\"\(p.dark)\" stroke-width=\"2\"/><path d=\"M50 22 L64 26.5 L50 31Z\" fill=\"\(p.main)\"/>"
            art += "<circle cx=\"50\" cy=\"50\" r=\"46\" fill=\"none\" stroke=\"\(p.light)\" stroke-width=\"3\"/>"
            return art
        case .globe:
            let clip = p.id("globe-clip")
            let ocean = p.natural(0x3a8fd9)
            let land = p.natural(0x6cc06a)
            var art = "<clipPath id=\"\(clip)\"><circle cx=\"50\" cy=\"50\" r=\"42\"/></clipPath>"
            art += "<circle cx=\"50\" cy=\"50\" r=\"42\" fill=\"\(ocean)\"/><g clip-path=\"url(#\(clip))\">"
            art +=
                "<path d=\"M22 22 C34 14 50 20 48 32 C46 42 34 40 32 50 C30 58 20 60 14 52 C8 42 12 28 22 22Z\" fill=\"\(land)\"/>"
            art += "<path d=\"M56 48 C66 42 78 50 76 62 C74 74 62 84 56 76 C52 68 50 56 56 48Z\" fill=\"\(land)\"/>"
            art += "<path d=\"M60 14 C70 12 86 22 88 34 C80 36 66 30 60 14Z\" fill=\"\(land)\"/>"
            art += "<path d=\"M26 70 C32 66 40 70 38 78 C34 84 26 80 26 70Z\" fill=\"\(land)\"/>"
            art +=
                "<circle cx=\"66\" cy=\"64\" r=\"44\" fill=\"\(Colour.black)\" opacity=\"0.12\" stroke=\"none\"/></g>"
            art += "<g fill=\"none\" stroke=\"\(Colour.white)\" stroke-width=\"1.4\" opacity=\"0.45\">"
            art +=
                "<ellipse cx=\"50\" cy=\"50\" rx=\"18\" ry=\"42\"/><ellipse cx=\"50\" cy=\"50\" rx=\"34\" ry=\"42\"/>"
            art += "<path d=\"M50 8 L50 92 M8 50 L92 50 M14 30 L86 30 M14 70 L86 70\"/></g>"
            art +=
                "<circle cx=\"50\" cy=\"50\" r=\"42\" fill=\"none\" stroke=\"\(ocean.darker(0.25))\" stroke-width=\"2\"/>"
            return art
        default:
            return ""
        }
    }
}
