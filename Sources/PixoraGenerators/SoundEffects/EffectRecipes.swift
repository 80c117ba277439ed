import Foundation

/// How each effect is synthesized: noise and expressions shaped by filters and envelopes, with the timing, pitch
/// and movement drawn from the seed. Every recipe ends in a stereo signal; the level is set afterwards.
/// Envelopes that move slowly use `volume` evaluated per frame (cheap); fast ones use per-sample expressions.
enum EffectRecipes {
    /// The graph for `kind` and the label of its stereo output.
    static func graph(_ kind: SoundEffectKind, seed: UInt64, duration: Double) -> (EffectGraph, String) {
        var graph = EffectGraph(seed: seed, kind: kind, duration: duration)
        let output: String
        switch kind {
        case .wind: output = wind(&graph)
        case .rain: output = rain(&graph)
        case .waves: output = waves(&graph)
        case .birds: output = birds(&graph)
        case .footsteps: output = footsteps(&graph)
        case .whoosh: output = whoosh(&graph)
        case .chime: output = chime(&graph)
        case .crowd: output = crowd(&graph)
        case .fire: output = fire(&graph)
        case .thunder: output = thunder(&graph)
        case .click: output = click(&graph)
        case .engine: output = engine(&graph)
        }
        return (graph, output)
    }

    /// Loudness each effect is levelled to (LUFS): sparse, sharp sounds sit lower so their peaks are not crushed.
    static func target(_ kind: SoundEffectKind) -> Double {
        switch kind {
        case .click: -24
        case .footsteps, .chime: -22
        default: -20
        }
    }

    /// Broadband rush in two decorrelated channels, swelling in gusts, with a narrow whistle that comes and goes.
    static func wind(_ g: inout EffectGraph) -> String {
        let (gust, flutter) = (g.pick(6...11), g.pick(2.2...4.5))
        let (phase, phase2) = (g.value(0...6.28), g.pick(0...6.28))
        let centre = g.pick(330...520)
        func rush(_ g: inout EffectGraph, _ shift: Double) -> String {
            let envelope =
                "0.35+0.65*pow(0.5+0.5*sin(2*PI*t/\(gust)+\(EffectGraph.number(phase + shift))),2)"
                + "*(0.7+0.3*sin(2*PI*t/\(flutter)+\(phase2)))"
            return g.chain(
                [g.noise("pink")], "lowpass=f=900,bandpass=f=\(centre):w=400,volume=eval=frame:volume='\(envelope)'")
        }
        let body = g.stereo(rush(&g, 0), rush(&g, 0.5))
        let whistle = g.chain(
            [g.noise("pink")],
            "bandpass=f=\(g.pick(550...1100)):width_type=q:w=8,"
                + "volume=eval=frame:volume='pow(0.5+0.5*sin(2*PI*t/\(g.pick(7...13))+\(g.pick(0...6.28))),3)'")
        return g.mix([body, g.place(whistle, at: g.value(0.3...0.7))], weights: [1, 1.6])
    }

    /// Countless drops (rare noise peaks ringing a little) in each channel over a soft hiss.
    static func rain(_ g: inout EffectGraph) -> String {
        let threshold = g.pick(0.9955...0.9975)
        let ring = g.value(2200...3400)
        func drops(_ g: inout EffectGraph, _ frequency: Double) -> String {
            g.chain(
                [g.noise("white")],
                "aeval=exprs='val(0)*gt(abs(val(0)),\(threshold))',"
                    + "bandpass=f=\(EffectGraph.number(frequency)):width_type=q:w=1.2")
        }
        let patter = g.stereo(drops(&g, ring), drops(&g, ring * 1.12))
        let hiss = g.chain([g.noise("pink", amplitude: 0.3)], "highpass=f=1200,lowpass=f=7000")
        return g.mix([patter, g.place(hiss, at: 0.5)], weights: [1, g.value(0.7...1.1)])
    }

    /// A low surge that rises and falls every several seconds, with foam hissing just after each crest.
    static func waves(_ g: inout EffectGraph) -> String {
        let (period, phase) = (g.pick(6...10), g.value(0...6.28))
        let low = g.pick(600...850)
        func surge(_ g: inout EffectGraph) -> String {
            g.chain(
                [g.noise("brown")],
                "lowpass=f=\(low),volume=eval=frame:volume="
                    + "'0.12+0.88*pow(0.5+0.5*sin(2*PI*t/\(period)+\(EffectGraph.number(phase))),3)'")
        }
        let body = g.stereo(surge(&g), surge(&g))
        let foam = g.chain(
            [g.noise("white", amplitude: 0.3)],
            "highpass=f=2000,lowpass=f=9000,volume=eval=frame:volume="
                + "'0.04+0.7*pow(0.5+0.5*sin(2*PI*t/\(period)+\(EffectGraph.number(phase - 0.6))),6)'")
        return g.mix([body, g.place(foam, at: 0.5)], weights: [1, 0.6])
    }

    /// Two birds: quick descending chirps and slower rising calls, each singing in phrases with pauses.
    static func birds(_ g: inout EffectGraph) -> String {
        func song(_ g: inout EffectGraph, pitch: ClosedRange<Double>, period: ClosedRange<Double>, sweep: Double)
            -> String
        {
            let every = g.value(period)
            let length = EffectGraph.number(every * g.value(0.45...0.7))
            let phrase = g.pick(2.5...4.8)
            let expression =
                "st(0,mod(t+\(g.pick(0...1)),\(EffectGraph.number(every))));"
                + "lt(ld(0),\(length))*pow(sin(PI*ld(0)/\(length)),2)"
                + "*sin(2*PI*(\(g.pick(pitch))*ld(0)+\(EffectGraph.number(sweep * g.value(0.7...1.3)))*ld(0)*ld(0))"
                + "+\(g.pick(1...3))*sin(2*PI*\(g.pick(25...45))*ld(0)))"
                + "*clip((sin(2*PI*t/\(phrase)+\(g.pick(0...6.28)))+\(g.pick(-0.1...0.3)))*6,0,1)"
            return g.expression(expression)
        }
        let first = song(&g, pitch: 3600...4800, period: 0.18...0.3, sweep: -9000)
        let second = song(&g, pitch: 2200...3200, period: 0.3...0.5, sweep: 5000)
        let leaves = g.chain([g.noise("pink", amplitude: 0.04)], "highpass=f=3000")
        return g.mix(
            [
                g.chain([g.place(first, at: g.value(0.15...0.4))], "aecho=0.8:0.6:60:0.2"),
                g.place(second, at: g.value(0.6...0.85)), g.place(leaves, at: 0.5),
            ], weights: [1, 1, 1])
    }

    /// A heel and a lighter toe every step, alternately stronger and weaker, low-passed like a soft path.
    static func footsteps(_ g: inout EffectGraph) -> String {
        let step = g.value(0.48...0.62)
        let offset = EffectGraph.number(step - g.value(0.05...0.25))
        let toe = g.pick(0.05...0.09)
        let envelope =
            "st(0,mod(t+\(offset),\(EffectGraph.number(step))));st(1,floor((t+\(offset))/\(EffectGraph.number(step))));"
            + "val(0)*(0.75+0.25*sin(ld(1)*\(g.pick(1.7...2.6))))"
            + "*(exp(-ld(0)*35)*(1-exp(-ld(0)*900))+0.6*gt(ld(0),\(toe))*exp(-max(ld(0)-\(toe),0)*60))"
        let steps = g.chain(
            [g.noise("pink")], "aeval=exprs='\(envelope)',lowpass=f=\(g.pick(900...1600)),highpass=f=60")
        return g.place(steps, at: g.value(0.4...0.6))
    }

    /// Bands of noise swelling one after another (rising or falling) and crossing the stereo field, every few
    /// seconds, or once in a short effect.
    static func whoosh(_ g: inout EffectGraph) -> String {
        let period = g.duration < 2.5 ? g.duration : g.value(2.4...3.6)
        let first = min(g.value(0.8...1.2), g.duration / 2)
        let offset = EffectGraph.number(period / 2 - first)
        let direction = g.value(0...1) < 0.5 ? -1.0 : 1
        let width = g.value(0.8...1.3) * min(1, g.duration / 1.2)
        let copies = g.split(g.noise("pink"), 5)
        var bands: [String] = []
        // Five overlapping octaves peak one after another, low to high (or high to low) and left to right.
        for (index, centre) in [250, 500, 1000, 2000, 4000].enumerated() {
            let position = Double(index - 2) / 2 * direction
            let lag = EffectGraph.number(0.15 * position * width)
            let spread = EffectGraph.number(0.03 * width * width)
            let band = g.chain(
                [copies[index]],
                "bandpass=f=\(centre):width_type=q:w=0.9,aeval=exprs='st(0,mod(t+\(offset),"
                    + "\(EffectGraph.number(period)))-\(EffectGraph.number(period / 2)));"
                    + "val(0)*exp(-pow(ld(0)-(\(lag)),2)/\(spread))'")
            bands.append(g.place(band, at: 0.5 + 0.3 * position))
        }
        return g.mix(bands, weights: [1, 1, 1, 1, 1])
    }

    /// Metal tubes tuned to a pentatonic scale, each struck now and then, ringing with inharmonic partials.
    static func chime(_ g: inout EffectGraph) -> String {
        let base = g.value(880...1100)
        var ratios = [1, 9.0 / 8, 5.0 / 4, 3.0 / 2, 5.0 / 3, 2]
        ratios.remove(at: Int(g.random.next() % UInt64(ratios.count)))
        // Each tube keeps its time since the last strike in its own expression variable.
        func tube(_ g: inout EffectGraph, _ ratio: Double, slot: Int) -> (time: String, sound: String) {
            let period = g.value(1.6...4.2)
            let f = base * ratio
            let partials = [(1.0, 1.0), (2.76, 0.5), (5.4, 0.25)].map { multiple, level in
                "\(EffectGraph.number(level))*sin(2*PI*\(EffectGraph.number(f * multiple))*ld(\(slot)))"
            }
            return (
                "st(\(slot),mod(t+\(EffectGraph.number(g.value(0...period))),\(EffectGraph.number(period))))",
                "exp(-\(g.pick(1.5...3))*ld(\(slot)))*(\(partials.joined(separator: "+")))"
            )
        }
        var sides: [[(time: String, sound: String)]] = [[], []]
        for (index, ratio) in ratios.enumerated() { sides[index % 2].append(tube(&g, ratio, slot: index)) }
        func sum(_ tubes: [(time: String, sound: String)]) -> String {
            (tubes.map(\.time) + [tubes.map(\.sound).joined(separator: "+")]).joined(separator: ";")
        }
        let (left, right) = (sides[0], sides[1])
        let leftSide = g.place(g.expression(sum(left)), at: 0.3)
        let rightSide = g.place(g.expression(sum(right)), at: 0.7)
        return g.chain([g.mix([leftSide, rightSide], weights: [1, 1])], "aecho=0.8:0.5:40|70:0.3|0.2")
    }

    /// Many voices: noise in speech formant bands, each pulsing at its own syllable rate, three to a side.
    static func crowd(_ g: inout EffectGraph) -> String {
        let formants: [Double] = [500, 800, 1250, 2300, 650, 1600]
        var voices: [String] = []
        for formant in formants {
            let centre = EffectGraph.number(formant * g.value(0.85...1.15))
            voices.append(
                g.chain(
                    [g.noise("pink")],
                    "bandpass=f=\(centre):width_type=q:w=\(g.pick(2.2...3.2)),"
                        + "tremolo=f=\(g.pick(3...6.5)):d=0.9,tremolo=f=\(g.pick(0.6...1.8)):d=0.5"))
        }
        let left = g.mix(Array(voices[0..<3]), weights: [1, 1, 1])
        let right = g.mix(Array(voices[3..<6]), weights: [1, 1, 1])
        return g.chain([g.stereo(left, right)], "lowpass=f=4000,highpass=f=150")
    }

    /// A low flickering roar with crackles (sparse noise peaks) in each channel and a few sharp pops.
    static func fire(_ g: inout EffectGraph) -> String {
        let roar = g.chain(
            [g.noise("brown")], "lowpass=f=\(g.pick(300...450)),tremolo=f=\(g.pick(0.5...0.9)):d=0.4")
        let crackleThreshold = g.pick(0.9995...0.9998)
        let ring = g.pick(1200...2400)
        func crackles(_ g: inout EffectGraph) -> String {
            g.chain(
                [g.noise("white")],
                "aeval=exprs='val(0)*gt(abs(val(0)),\(crackleThreshold))',bandpass=f=\(ring):width_type=q:w=0.8")
        }
        let crackling = g.stereo(crackles(&g), crackles(&g))
        let pops = g.chain(
            [g.noise("white")],
            "aeval=exprs='val(0)*gt(abs(val(0)),\(g.pick(0.99993...0.99997)))',highpass=f=3000,"
                + "aecho=0.6:0.4:7:0.4")
        return g.mix([g.place(roar, at: 0.5), crackling, g.place(pops, at: g.value(0.3...0.7))], weights: [1, 1.2, 1])
    }

    /// Claps every several seconds (the first early): a short bright crack and a long low roll that rumbles away.
    static func thunder(_ g: inout EffectGraph) -> String {
        let period = g.value(6...9)
        let first = min(g.value(0.3...1.2), g.duration * 0.2)
        let time = "st(0,mod(t+\(EffectGraph.number(period - first)),\(EffectGraph.number(period))))"
        let roll =
            "\(time);val(0)*(0.08+(1-exp(-ld(0)*8))*exp(-ld(0)*\(g.pick(0.5...0.9)))"
            + "*(0.6+0.4*sin(2*PI*\(g.pick(0.9...1.8))*ld(0))*sin(2*PI*\(g.pick(0.3...0.7))*ld(0)+1)))"
        func rumble(_ g: inout EffectGraph) -> String {
            g.chain([g.noise("brown")], "lowpass=f=180,lowpass=f=250,aeval=exprs='\(roll)'")
        }
        let body = g.stereo(rumble(&g), rumble(&g))
        let crack = g.chain(
            [g.noise("white")],
            "bandpass=f=1500:w=2000,aeval=exprs='\(time);val(0)*exp(-ld(0)*6)*(1-exp(-ld(0)*40))'")
        return g.mix([body, g.place(crack, at: g.value(0.3...0.7))], weights: [1, 0.15])
    }

    /// A small mechanism: a woody tick with a bright edge at a steady pace, single or doubled like a clock's tock.
    static func click(_ g: inout EffectGraph) -> String {
        let every = g.value(0.45...0.9)
        let offset = EffectGraph.number(every - 0.15)
        let gap = g.pick(0.05...0.09)
        let second = g.value(0...1) < 0.5 ? 0.6 : 0
        let time = "st(0,mod(t+\(offset),\(EffectGraph.number(every))))"
        let tone = g.expression(
            "\(time);exp(-ld(0)*300)*sin(2*PI*\(g.pick(1800...3200))*ld(0))"
                + "+\(EffectGraph.number(second))*gt(ld(0),\(gap))*exp(-max(ld(0)-\(gap),0)*350)"
                + "*sin(2*PI*\(g.pick(1200...2000))*ld(0))")
        let edge = g.chain([g.noise("white")], "aeval=exprs='\(time);val(0)*exp(-ld(0)*700)',highpass=f=1000")
        return g.place(g.mix([tone, edge], weights: [1, 0.5]), at: g.value(0.4...0.6))
    }

    /// Firing pulses at an idling engine's rate, wavering a little, driving filtered noise and a low hum.
    static func engine(_ g: inout EffectGraph) -> String {
        let rate = g.pick(28...45)
        let (wobble, depth) = (g.pick(0.15...0.4), g.pick(0.02...0.05))
        let pulses = g.expression(
            "st(0,\(rate)*t-\(rate)*\(depth)/(2*PI*\(wobble))*cos(2*PI*\(wobble)*t));st(1,mod(ld(0),1));"
                + "exp(-ld(1)*7)*(1-exp(-ld(1)*120))-0.2")
        let copies = g.split(pulses, 2)
        let grit = g.chain([g.noise("brown"), copies[0]], "amultiply,lowpass=f=\(g.pick(700...1100))")
        let hum = g.chain([copies[1]], "lowpass=f=300")
        return g.place(g.chain([g.mix([grit, hum], weights: [3, 1])], "highpass=f=25"), at: 0.5)
    }
}
