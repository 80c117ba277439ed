import Foundation
import PixoraCore

/// An ffmpeg lavfi source list and filtergraph that synthesize one effect, built with seeded choices.
/// Every random choice comes from `SeededRandom` or from `anoisesrc`'s own seed, so the same request gives the same
/// graph text and the same samples.
struct EffectGraph {
    static let sampleRate = 48_000

    var random: SeededRandom
    let duration: Double
    /// `-f lavfi -i <source>` inputs, in order.
    private(set) var sources: [String] = []
    /// Filter chains joined with `;`.
    private(set) var chains: [String] = []
    private var labels = 0

    init(seed: UInt64, kind: SoundEffectKind, duration: Double) {
        random = SeededRandom(seed: seed, label: "sound-effect.\(kind.rawValue)")
        self.duration = duration
    }

    /// A seeded number in `range`, written with four decimals so the graph text is stable.
    mutating func pick(_ range: ClosedRange<Double>) -> String {
        Self.number(random.unit(range))
    }

    mutating func value(_ range: ClosedRange<Double>) -> Double {
        random.unit(range)
    }

    static func number(_ value: Double) -> String { String(format: "%.4f", value) }

    /// Mono noise of a colour (white, pink, brown) with its own seed; returns its label.
    mutating func noise(_ colour: String, amplitude: Double = 1) -> String {
        let seed = random.next() % UInt64(Int32.max)
        return source(
            "anoisesrc=c=\(colour):r=\(Self.sampleRate):a=\(Self.number(amplitude)):seed=\(seed):d=\(length)")
    }

    /// Mono samples computed by an ffmpeg expression of `t`; returns its label.
    mutating func expression(_ expression: String) -> String {
        source("aevalsrc=exprs='\(expression)':s=\(Self.sampleRate):d=\(length)")
    }

    /// Appends `filters` applied to the `inputs` labels; returns the new label.
    @discardableResult
    mutating func chain(_ inputs: [String], _ filters: String) -> String {
        labels += 1
        let label = "[f\(labels)]"
        chains.append(inputs.joined() + filters + label)
        return label
    }

    /// `count` copies of `input` (a label can feed only one filter).
    mutating func split(_ input: String, _ count: Int) -> [String] {
        labels += 1
        let copies = (1...count).map { "[s\(labels)_\($0)]" }
        chains.append(input + "asplit=\(count)" + copies.joined())
        return copies
    }

    /// Sums `inputs` with `weights`, without amix's normalisation (the level is set afterwards).
    mutating func mix(_ inputs: [String], weights: [Double]) -> String {
        let list = weights.map(Self.number).joined(separator: " ")
        return chain(inputs, "amix=inputs=\(inputs.count):normalize=0:weights=\(list)")
    }

    /// A mono signal placed in the stereo field (0 left … 1 right).
    mutating func place(_ input: String, at position: Double) -> String {
        let left = Self.number(cos(position * .pi / 2))
        let right = Self.number(sin(position * .pi / 2))
        return chain([input], "pan=stereo|c0=\(left)*c0|c1=\(right)*c0")
    }

    /// Two mono signals as the left and right channels.
    mutating func stereo(_ left: String, _ right: String) -> String {
        // aeval leaves its layout unnamed, which join cannot map.
        let sides = [left, right].map { chain([$0], "aformat=channel_layouts=mono") }
        return chain(sides, "join=inputs=2:channel_layout=stereo")
    }

    /// A second and a bit more than asked, so filters that delay (echo) still fill the end before the cut.
    private var length: String { Self.number(duration + 1) }

    private mutating func source(_ description: String) -> String {
        sources.append(description)
        return "[\(sources.count - 1):a]"
    }

    /// The complete `-filter_complex` text whose output `[mix]` is `output`.
    func filtergraph(output: String, finish: String) -> String {
        (chains + ["\(output)\(finish)[mix]"]).joined(separator: ";")
    }
}
