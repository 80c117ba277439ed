import Foundation

@testable import PixoraMedia

/// The samples of a 16-bit PCM WAV, read from its `data` chunk.
struct PCM {
    let channels: Int
    let samples: [Int16]

    init(_ file: URL) throws {
        let header = try WAVHeader(contentsOf: file)
        let data = try Data(contentsOf: file)
        channels = header.channels
        samples = data.suffix(header.dataBytes).withUnsafeBytes { Array($0.bindMemory(to: Int16.self)) }
    }

    /// The channels averaged, as −1 … 1.
    var mono: [Double] {
        stride(from: 0, to: samples.count - channels + 1, by: channels).map { start in
            (0..<channels).reduce(0.0) { $0 + Double(samples[start + $1]) } / Double(channels) / 32768
        }
    }

    static func rms(_ values: ArraySlice<Double>) -> Double {
        (values.reduce(0) { $0 + $1 * $1 } / Double(max(values.count, 1))).squareRoot()
    }
}

/// What a sound is like, measured: the share of its energy in each octave band and how much its loudness moves.
struct SoundProfile: CustomStringConvertible {
    /// Upper edges of the bands in Hz (the last runs to Nyquist).
    static let edges: [Double] = [125, 250, 500, 1000, 2000, 4000, 8000, 24000]
    static let frame = 4096
    static let sampleRate = 48000.0

    /// Fraction of the energy in each band (sums to 1).
    var shares: [Double]
    /// Standard deviation of the 50 ms levels in dB (steady textures are low, pulses and swells high).
    var movement: Double

    init(_ samples: [Double]) throws {
        var energy = [Double](repeating: 0, count: Self.edges.count)
        let spectrum = Spectrum(size: Self.frame)
        let bands = (0..<Self.frame / 2).map { bin in
            Self.edges.firstIndex { Double(bin) * Self.sampleRate / Double(Self.frame) < $0 } ?? Self.edges.count - 1
        }
        for start in stride(from: 0, to: samples.count - Self.frame + 1, by: Self.frame) {
            for (bin, magnitude) in spectrum.magnitudes(Array(samples[start..<start + Self.frame])).enumerated() {
                energy[bands[bin]] += magnitude * magnitude
            }
        }
        let total = max(energy.reduce(0, +), .leastNonzeroMagnitude)
        shares = energy.map { $0 / total }

        // 50 ms blocks away from the fades; silence counts as −60 dB so a pause reads as movement, not infinity.
        let block = 2400
        let levels = stride(from: block, to: samples.count - 2 * block, by: block).map { start in
            max(20 * log10(max(PCM.rms(samples[start..<start + block]), 1e-9)), -60)
        }
        let mean = levels.reduce(0, +) / Double(levels.count)
        movement = (levels.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(levels.count)).squareRoot()
    }

    /// The share of energy in bands `range` (indices into `edges`).
    func share(_ range: Range<Int>) -> Double { shares[range].reduce(0, +) }

    /// Band shares in dB (floored at −40) and movement, compared as one vector.
    func distance(to other: SoundProfile) -> Double {
        func decibels(_ share: Double) -> Double { max(10 * log10(max(share, 1e-12)), -40) }
        let spectral = zip(shares, other.shares).reduce(0) { $0 + pow(decibels($1.0) - decibels($1.1), 2) }
        return (spectral + pow(movement - other.movement, 2)).squareRoot()
    }

    var description: String {
        shares.map { String(format: "%.3f", $0) }.joined(separator: " ") + String(format: " movement %.1f dB", movement)
    }
}
