extension Motif {
    /// Things people hold, use and make.
    func objectArt(_ p: MotifPaint) -> String {
        switch self {
        case .heart:
            let red = p.natural(0xff4d6d)
            return
                "<path d=\"M50 88 C20 66 8 48 8 34 C8 20 19 10 31 10 C40 10 46 15 50 22 C54 15 60 10 69 10 C81 10 92 20 92 34 C92 48 80 66 50 88Z\" fill=\"\(red)\"/>"
                + "<path d=\"M50 88 C80 66 92 48 92 34 C92 22 84 13 74 11 C84 20 84 40 70 56 C62 66 56 74 50 88Z\" fill=\"\(red.darker(0.12))\" stroke=\"none\"/>"
                + "<path d=\"M20 30 Q22 20 32 19\" fill=\"none\" stroke=\"\(Colour.white)\" stroke-width=\"5\" stroke-linecap=\"round\" opacity=\"0.6\"/>"
        case .book:
            var art = "<path d=\"M5 28 L50 36 L95 28 L95 87 L50 95 L5 87Z\" fill=\"\(p.main)\"/>"
            art += "<path d=\"M10 23 C24 19 40 21 50 29 L50 88 C40 80 24 78 10 82Z\" fill=\"\(p.light)\"/>"
            art += "<path d=\"M90 23 C76 19 60 21 50 29 L50 88 C60 80 76 78 90 82Z\" fill=\"\(p.light.darker(0.07))\"/>"
            art += "<g stroke=\"\(p.dark)\" stroke-width=\"2.2\" stroke-linecap=\"round\" opacity=\"0.35\">"
            for y in stride(from: 36.0, through: 68, by: 8) {
                art += "<path d=\"M17 \(y.svg) L43 \((y + 3).svg) M57 \((y + 3).svg) L83 \(y.svg)\"/>"
            }
            art += "</g>"
            return art
        case .lightbulb:
            var art = "<circle cx=\"50\" cy=\"36\" r=\"40\" fill=\"\(p.second)\" opacity=\"0.3\" stroke=\"none\"/>"
            art +=
                "<path d=\"M50 8 A28 28 0 0 1 68 57.3 C64 62 62 66 62 72 L38 72 C38 66 36 62 32 57.3 A28 28 0 0 1 50 8Z\" fill=\"\(p.natural(0xffd84d))\"/>"
            art +=
                "<path d=\"M43 72 L43 54 L47 48 L50 54 L53 48 L57 54 L57 72\" fill=\"none\" stroke=\"\(p.natural(0xff8c1a))\" stroke-width=\"2.2\" stroke-linejoin=\"round\"/>"
            art +=
                "<path d=\"M34 32 A17 17 0 0 1 47 18\" fill=\"none\" stroke=\"\(Colour.white)\" stroke-width=\"4.5\" stroke-linecap=\"round\" opacity=\"0.75\"/>"
            art += "<rect x=\"37\" y=\"73\" width=\"26\" height=\"7\" rx=\"2.5\" fill=\"\(p.natural(0xa7b1bd))\"/>"
            art += "<rect x=\"39\" y=\"81\" width=\"22\" height=\"7\" rx=\"2.5\" fill=\"\(p.natural(0x8893a1))\"/>"
            art += "<path d=\"M43 89 L57 89 L54 95 L46 95Z\" fill=\"\(p.natural(0x5f6b7a))\"/>"
            return art
        case .gear:
            let steel = p.natural(0x8a9bb0)
            return
                "<path d=\"\(MotifShapes.gear(40, 60, radius: 33, teeth: 10, hole: 10))\" fill=\"\(steel)\" fill-rule=\"evenodd\"/>"
                + "<circle cx=\"40\" cy=\"60\" r=\"19\" fill=\"none\" stroke=\"\(steel.darker(0.2))\" stroke-width=\"3\"/>"
                + "<path d=\"\(MotifShapes.gear(77, 24, radius: 19, teeth: 8, hole: 6))\" fill=\"\(p.main)\" fill-rule=\"evenodd\"/>"
        case .robot:
            let shell = p.natural(0xd9e2ec)
            var art =
                "<path d=\"M50 20 L50 9\" stroke=\"\(p.natural(0x8a94a6))\" stroke-width=\"3\"/><circle cx=\"50\" cy=\"7\" r=\"5\" fill=\"\(p.main)\"/>"
            art += "<path d=\"M24 97 L24 84 Q24 75 35 75 L65 75 Q76 75 76 84 L76 97Z\" fill=\"\(p.main)\"/>"
            art += "<rect x=\"43\" y=\"66\" width=\"14\" height=\"10\" fill=\"\(p.natural(0x8a94a6))\"/>"
            art +=
                "<rect x=\"13\" y=\"36\" width=\"9\" height=\"20\" rx=\"3\" fill=\"\(p.natural(0x8a94a6))\"/><rect x=\"78\" y=\"36\" width=\"9\" height=\"20\" rx=\"3\" fill=\"\(p.natural(0x8a94a6))\"/>"
            art += "<rect x=\"19\" y=\"19\" width=\"62\" height=\"50\" rx=\"13\" fill=\"\(shell)\"/>"
            art += "<rect x=\"26\" y=\"28\" width=\"48\" height=\"26\" rx=\"9\" fill=\"\(p.natural(0x26334a))\"/>"
            art +=
                "<circle cx=\"39\" cy=\"41\" r=\"6\" fill=\"\(p.natural(0x5ef2ff))\"/><circle cx=\"61\" cy=\"41\" r=\"6\" fill=\"\(p.natural(0x5ef2ff))\"/>"
            art += "<rect x=\"39\" y=\"59\" width=\"22\" height=\"4\" rx=\"2\" fill=\"\(p.natural(0x8a94a6))\"/>"
            art += "<circle cx=\"50\" cy=\"86\" r=\"4.5\" fill=\"\(p.second)\"/>"
            return art
        case .laptop:
            let screen = p.natural(0x1e3a5f)
            var art = "<rect x=\"15\" y=\"14\" width=\"70\" height=\"50\" rx=\"4\" fill=\"\(p.natural(0x2b3240))\"/>"
            art += "<rect x=\"19\" y=\"18\" width=\"62\" height=\"42\" rx=\"1.5\" fill=\"\(screen)\"/>"
            let code: [(Double, Double, Double, Colour)] = [
                (24, 24, 18, p.main), (45, 24, 14, p.second), (28, 31, 24, p.light), (55, 31, 10, p.main),
                (28, 38, 16, p.second), (47, 38, 20, p.light), (32, 45, 22, p.main), (24, 52, 12, p.second),
            ]
            for (x, y, width, colour) in code {
                art +=
                    "<rect x=\(x.svgQuoted) y=\(y.svgQuoted) width=\(width.svgQuoted) height=\"3.5\" rx=\"1.75\" fill=\"\(colour)\" opacity=\"0.9\" stroke=\"none\"/>"
            }
            art += "<path d=\"M5 66 L95 66 L89 79 Q88 81 85 81 L15 81 Q12 81 11 79Z\" fill=\"\(p.natural(0xaeb8c6))\"/>"
            art += "<rect x=\"41\" y=\"66\" width=\"18\" height=\"3\" rx=\"1.5\" fill=\"\(p.natural(0x8893a1))\"/>"
            return art
        case .phone:
            var art = "<rect x=\"27\" y=\"5\" width=\"46\" height=\"90\" rx=\"9\" fill=\"\(p.natural(0x2b3240))\"/>"
            art += "<rect x=\"31\" y=\"13\" width=\"38\" height=\"72\" rx=\"3\" fill=\"\(p.light)\"/>"
            art += "<rect x=\"44\" y=\"8\" width=\"12\" height=\"2.2\" rx=\"1.1\" fill=\"\(p.natural(0x5f6b7a))\"/>"
            art += "<rect x=\"35\" y=\"20\" width=\"22\" height=\"10\" rx=\"4\" fill=\"\(p.main)\"/>"
            art += "<rect x=\"43\" y=\"35\" width=\"22\" height=\"10\" rx=\"4\" fill=\"\(p.second)\"/>"
            art += "<rect x=\"35\" y=\"50\" width=\"18\" height=\"10\" rx=\"4\" fill=\"\(p.main)\"/>"
            art += "<rect x=\"47\" y=\"65\" width=\"18\" height=\"10\" rx=\"4\" fill=\"\(p.second)\"/>"
            art += "<circle cx=\"50\" cy=\"90\" r=\"2.4\" fill=\"\(p.natural(0x5f6b7a))\"/>"
            return art
        case .coin:
            let gold = p.natural(0xffc531)
            let edge = gold.darker(0.22)
            var art = ""
            for y in stride(from: 84.0, through: 60, by: -8) {
                art +=
                    "<rect x=\"8\" y=\(y.svgQuoted) width=\"36\" height=\"8\" fill=\"\(edge)\"/><ellipse cx=\"26\" cy=\((y + 8).svgQuoted) rx=\"18\" ry=\"5.5\" fill=\"\(edge)\"/>"
                art += "<ellipse cx=\"26\" cy=\(y.svgQuoted) rx=\"18\" ry=\"5.5\" fill=\"\(gold)\"/>"
            }
            art += "<circle cx=\"63\" cy=\"52\" r=\"30\" fill=\"\(edge)\"/>"
            art += "<circle cx=\"60\" cy=\"50\" r=\"30\" fill=\"\(gold)\"/>"
            art += "<circle cx=\"60\" cy=\"50\" r=\"23\" fill=\"none\" stroke=\"\(edge)\" stroke-width=\"3\"/>"
            art +=
                "<text x=\"60\" y=\"61\" font-family=\"DejaVu Sans\" font-weight=\"bold\" font-size=\"31\" text-anchor=\"middle\" fill=\"\(edge)\" stroke=\"none\">$</text>"
            return art
        case .chart:
            let bars: [(Double, Double, Colour)] = [
                (22, 62, p.second), (40, 50, p.main.lighter(0.25)), (58, 38, p.second.darker(0.1)), (76, 24, p.main),
            ]
            var art =
                "<rect x=\"6\" y=\"6\" width=\"88\" height=\"88\" rx=\"10\" fill=\"\(p.light)\" opacity=\"0.92\" stroke=\"none\"/>"
            for (x, y, colour) in bars {
                art +=
                    "<rect x=\(x.svgQuoted) y=\(y.svgQuoted) width=\"12\" height=\((84 - y).svgQuoted) rx=\"2\" fill=\"\(colour)\"/>"
            }
            art +=
                "<path d=\"M14 14 L14 84 L88 84\" fill=\"none\" stroke=\"\(p.dark)\" stroke-width=\"3\" stroke-linecap=\"round\" stroke-linejoin=\"round\" opacity=\"0.7\"/>"
            art +=
                "<path d=\"M20 58 L40 42 L56 48 L80 20\" fill=\"none\" stroke=\"\(p.natural(0x22b35e))\" stroke-width=\"5\" stroke-linecap=\"round\" stroke-linejoin=\"round\"/>"
            art +=
                "<path d=\"M87 12 L73 17 L84 27Z\" fill=\"\(p.natural(0x22b35e))\" stroke=\"\(p.natural(0x22b35e))\" stroke-width=\"2\" stroke-linejoin=\"round\"/>"
            return art
        case .clock:
            var art =
                "<circle cx=\"24\" cy=\"17\" r=\"11\" fill=\"\(p.main)\"/><circle cx=\"76\" cy=\"17\" r=\"11\" fill=\"\(p.main)\"/>"
            art +=
                "<path d=\"M28 84 L20 95 M72 84 L80 95\" stroke=\"\(p.main)\" stroke-width=\"5\" stroke-linecap=\"round\"/>"
            art += "<circle cx=\"50\" cy=\"54\" r=\"38\" fill=\"\(p.light)\" stroke=\"\(p.main)\" stroke-width=\"7\"/>"
            art += "<g stroke=\"\(p.dark)\" stroke-linecap=\"round\">"
            for hour in 0..<12 {
                let major = hour % 3 == 0
                art +=
                    "<path d=\"M50 \(major ? "22" : "23") L50 \(major ? "29" : "26")\" stroke-width=\(major ? "\"3.5\"" : "\"2\"") transform=\"rotate(\(hour * 30) 50 54)\"/>"
            }
            art += "<path d=\"M50 54 L50 34\" stroke-width=\"5\"/><path d=\"M50 54 L66 63\" stroke-width=\"3.5\"/></g>"
            art += "<circle cx=\"50\" cy=\"54\" r=\"4\" fill=\"\(p.main)\"/>"
            return art
        case .coffee:
            let steam = p.natural(0xaab3bf)
            var art = "<ellipse cx=\"46\" cy=\"92\" rx=\"38\" ry=\"6\" fill=\"\(p.light.darker(0.12))\"/>"
            art +=
                "<path d=\"M70 46 C89 44 89 76 67 73\" fill=\"none\" stroke=\"\(p.main.darker(0.12))\" stroke-width=\"7\"/>"
            art += "<path d=\"M20 36 L72 36 L68 83 Q67 90 60 90 L32 90 Q25 90 24 83Z\" fill=\"\(p.main)\"/>"
            art +=
                "<path d=\"M62 36 L72 36 L68 83 Q67 90 60 90 L56 90 Q62 86 63 78Z\" fill=\"\(p.main.darker(0.12))\" stroke=\"none\"/>"
            art += "<ellipse cx=\"46\" cy=\"36\" rx=\"26\" ry=\"6\" fill=\"\(p.natural(0x6f4e37))\"/>"
            art +=
                "<path d=\"M34 26 C28 18 40 14 34 5 M48 26 C42 18 54 14 48 5 M62 26 C56 18 68 14 62 5\" fill=\"none\" stroke=\"\(steam)\" stroke-width=\"3.5\" stroke-linecap=\"round\" opacity=\"0.85\"/>"
            return art
        case .apple:
            let red = p.natural(0xe8323c)
            var art =
                "<path d=\"M50 31 Q50 18 57 9\" fill=\"none\" stroke=\"\(p.natural(0x6b4423))\" stroke-width=\"4\" stroke-linecap=\"round\"/>"
            art += "<path d=\"M53 22 C60 10 74 9 80 13 C74 24 61 27 53 22Z\" fill=\"\(p.natural(0x4caf50))\"/>"
            art +=
                "<path d=\"M50 31 C36 20 13 26 13 52 C13 77 32 95 44 93 C48 92 52 92 56 93 C68 95 87 77 87 52 C87 26 64 20 50 31Z\" fill=\"\(red)\"/>"
            art +=
                "<path d=\"M56 93 C68 95 87 77 87 52 C87 38 80 30 72 27 C80 40 80 70 56 93Z\" fill=\"\(red.darker(0.15))\" stroke=\"none\"/>"
            art +=
                "<ellipse cx=\"30\" cy=\"46\" rx=\"6\" ry=\"10\" fill=\"\(Colour.white)\" opacity=\"0.35\" transform=\"rotate(20 30 46)\" stroke=\"none\"/>"
            return art
        case .music:
            let ink = p.main
            return
                "<g fill=\"\(ink)\"><ellipse cx=\"32\" cy=\"77\" rx=\"12\" ry=\"9\" transform=\"rotate(-20 32 77)\"/>"
                + "<ellipse cx=\"72\" cy=\"67\" rx=\"12\" ry=\"9\" transform=\"rotate(-20 72 67)\"/>"
                + "<rect x=\"39\" y=\"22\" width=\"5.5\" height=\"55\"/><rect x=\"79\" y=\"12\" width=\"5.5\" height=\"55\"/>"
                + "<polygon points=\"39,22 84.5,12 84.5,25 39,35\"/></g>"
                + "<path d=\"\(MotifShapes.sparkle(14, 26, 7))\" fill=\"\(p.second)\"/>"
        case .camera:
            let body = p.natural(0x3a4252)
            var art = "<path d=\"M30 30 L37 16 L63 16 L70 30Z\" fill=\"\(body)\"/>"
            art += "<rect x=\"16\" y=\"21\" width=\"12\" height=\"7\" rx=\"2\" fill=\"\(p.main)\"/>"
            art += "<rect x=\"7\" y=\"28\" width=\"86\" height=\"58\" rx=\"9\" fill=\"\(body)\"/>"
            art += "<rect x=\"7\" y=\"45\" width=\"86\" height=\"12\" fill=\"\(p.main)\"/>"
            art += "<rect x=\"72\" y=\"33\" width=\"13\" height=\"7\" rx=\"2\" fill=\"\(p.natural(0xfff3b0))\"/>"
            art += "<circle cx=\"50\" cy=\"58\" r=\"22\" fill=\"\(p.natural(0xd5dbe3))\"/>"
            art += "<circle cx=\"50\" cy=\"58\" r=\"16\" fill=\"\(p.natural(0x1c2230))\"/>"
            art += "<circle cx=\"50\" cy=\"58\" r=\"9\" fill=\"\(p.natural(0x3b6ea5))\"/>"
            art += "<circle cx=\"45\" cy=\"53\" r=\"4\" fill=\"\(Colour.white)\" opacity=\"0.6\" stroke=\"none\"/>"
            return art
        case .trophy:
            let gold = p.natural(0xffc531)
            var art =
                "<path d=\"M30 20 C12 20 12 46 33 46 M70 20 C88 20 88 46 67 46\" fill=\"none\" stroke=\"\(gold.darker(0.1))\" stroke-width=\"6\"/>"
            art += "<path d=\"M27 10 L73 10 L71 36 C69 53 59 62 50 62 C41 62 31 53 29 36Z\" fill=\"\(gold)\"/>"
            art +=
                "<path d=\"M60 10 L73 10 L71 36 C69 53 59 62 50 62 C58 54 62 40 60 10Z\" fill=\"\(gold.darker(0.14))\" stroke=\"none\"/>"
            art += "<rect x=\"45\" y=\"61\" width=\"10\" height=\"15\" fill=\"\(gold.darker(0.1))\"/>"
            art += "<rect x=\"32\" y=\"75\" width=\"36\" height=\"8\" rx=\"2\" fill=\"\(gold)\"/>"
            art += "<rect x=\"26\" y=\"82\" width=\"48\" height=\"12\" rx=\"2.5\" fill=\"\(p.natural(0x7a4b2a))\"/>"
            art +=
                "<polygon points=\"\(MotifShapes.star(48, 31, outer: 10, inner: 4.3))\" fill=\"\(gold.lighter(0.45))\"/>"
            return art
        case .target:
            let red = p.natural(0xe63946)
            var art = ""
            for (radius, colour) in [(42.0, red), (33, p.light), (24, red), (15, p.light), (7, red)] {
                art += "<circle cx=\"48\" cy=\"52\" r=\(radius.svgQuoted) fill=\"\(colour)\"/>"
            }
            art +=
                "<path d=\"M48 52 L86 14\" stroke=\"\(p.natural(0x5b3a29))\" stroke-width=\"3.5\" stroke-linecap=\"round\"/>"
            art += "<path d=\"M84 16 L86 4 L90 10 L96 14 L88 18Z\" fill=\"\(p.second)\"/>"
            return art
        case .lock:
            var art =
                "<path d=\"M30 46 L30 31 A20 20 0 0 1 70 31 L70 46\" fill=\"none\" stroke=\"\(p.natural(0xa8b3c1))\" stroke-width=\"9\"/>"
            art += "<rect x=\"18\" y=\"43\" width=\"64\" height=\"50\" rx=\"9\" fill=\"\(p.natural(0xffc531))\"/>"
            art +=
                "<rect x=\"18\" y=\"43\" width=\"64\" height=\"9\" rx=\"4\" fill=\"\(Colour.white)\" opacity=\"0.3\" stroke=\"none\"/>"
            art +=
                "<circle cx=\"50\" cy=\"63\" r=\"7\" fill=\"\(p.natural(0x3a2a10))\"/><path d=\"M46.5 65 L44.5 80 L55.5 80 L53.5 65Z\" fill=\"\(p.natural(0x3a2a10))\"/>"
            return art
        case .pencil:
            var art =
                "<path d=\"M10 90 C22 78 34 96 48 86 S72 80 90 90\" fill=\"none\" stroke=\"\(p.main)\" stroke-width=\"3.5\" stroke-linecap=\"round\"/>"
            art += "<g transform=\"rotate(-40 50 46)\">"
            art += "<rect x=\"14\" y=\"37\" width=\"58\" height=\"18\" fill=\"\(p.natural(0xffc531))\"/>"
            art += "<rect x=\"14\" y=\"43\" width=\"58\" height=\"6\" fill=\"\(p.natural(0xe8a317))\"/>"
            art += "<polygon points=\"72,37 92,46 72,55\" fill=\"\(p.natural(0xf5d6a4))\"/>"
            art += "<polygon points=\"85.5,43 92,46 85.5,49\" fill=\"\(p.natural(0x2b2b2b))\"/>"
            art += "<rect x=\"7\" y=\"37\" width=\"8\" height=\"18\" fill=\"\(p.natural(0xb8c0cc))\"/>"
            art += "<rect x=\"0\" y=\"37\" width=\"8\" height=\"18\" rx=\"3\" fill=\"\(p.natural(0xff8fa3))\"/></g>"
            return art
        case .chat:
            var art =
                "<path d=\"M20 6 L56 6 Q68 6 68 18 L68 38 Q68 50 56 50 L32 50 L15 63 L18 50 Q6 49 6 38 L6 18 Q6 6 20 6Z\" fill=\"\(p.main)\"/>"
            for x in [22.0, 37, 52] { art += "<circle cx=\(x.svgQuoted) cy=\"28\" r=\"4.5\" fill=\"\(p.light)\"/>" }
            art +=
                "<path d=\"M46 42 L82 42 Q94 42 94 54 L94 72 Q94 84 82 84 L80 84 L86 96 L68 84 L46 84 Q34 84 34 72 L34 54 Q34 42 46 42Z\" fill=\"\(p.second)\"/>"
            art +=
                "<rect x=\"44\" y=\"55\" width=\"40\" height=\"4\" rx=\"2\" fill=\"\(p.dark)\" opacity=\"0.45\" stroke=\"none\"/>"
            art +=
                "<rect x=\"44\" y=\"66\" width=\"28\" height=\"4\" rx=\"2\" fill=\"\(p.dark)\" opacity=\"0.45\" stroke=\"none\"/>"
            return art
        default:
            return ""
        }
    }
}
