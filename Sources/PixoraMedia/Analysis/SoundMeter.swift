import Foundation

/// Measures mono 16 kHz PCM as it streams in, 10 ms at a time: per second a `SoundWindow`, and the onset
/// envelope's autocorrelation (what the tempo is read from). Holds four seconds of envelope, never the audio.
struct SoundMeter {
    static let sampleRate = 16_000
    static let hop = 160
    static let hopsPerSecond = sampleRate / hop
    /// Beat periods looked at, in hops: 180 BPM (0.33 s) … 60 BPM (1 s), with a margin for interpolation.
    static let lags = 30...105

    private let spectrum = Spectrum(size: 512)
    private var history = [Double](repeating: 0, count: 512)
    private var previousSpectrum: [Double] = []
    private var hops = 0

    private var energies: [Double] = []
    private var crossings: [Double] = []
    private var flatnessSum = 0.0
    /// Onset strength per hop, the last four seconds.
    private var onsets: [Double] = []

    private(set) var windows: [SoundWindow] = []
    /// One autocorrelation over `lags` per window, kept to sum the music windows' ones at the end.
    private(set) var correlations: [[Double]] = []

    /// Adds one hop of 160 little-endian 16-bit samples.
    mutating func add(_ bytes: UnsafeRawBufferPointer) {
        var samples = [Double](repeating: 0, count: Self.hop)
        var sumSquares = 0.0
        var crossingCount = 0
        for index in 0..<Self.hop {
            let value = Double(Int16(littleEndian: bytes.loadUnaligned(fromByteOffset: index * 2, as: Int16.self)))
            let sample = value / 32768
            samples[index] = sample
            sumSquares += sample * sample
            if index > 0, (sample >= 0) != (samples[index - 1] >= 0) { crossingCount += 1 }
        }
        history.removeFirst(Self.hop)
        history.append(contentsOf: samples)
        let magnitudes = spectrum.magnitudes(history)
        let compressed = magnitudes.map { log(1 + 100 * $0) }
        var flux = 0.0
        if !previousSpectrum.isEmpty {
            for bin in compressed.indices { flux += max(0, compressed[bin] - previousSpectrum[bin]) }
        }
        previousSpectrum = compressed
        let power = magnitudes.map { $0 * $0 + 1e-12 }
        let geometric = exp(power.reduce(0) { $0 + log($1) } / Double(power.count))
        flatnessSum += geometric / (power.reduce(0, +) / Double(power.count))

        energies.append(sumSquares / Double(Self.hop))
        crossings.append(Double(crossingCount) / Double(Self.hop))
        onsets.append(flux)
        if onsets.count > 4 * Self.hopsPerSecond { onsets.removeFirst() }
        hops += 1
        if energies.count == Self.hopsPerSecond { closeWindow() }
    }

    /// Closes a last partial second (at least a quarter of one) and gives the last seconds the rhythm measured
    /// over the end.
    mutating func finish() {
        if energies.count >= Self.hopsPerSecond / 4 { closeWindow() }
        if let latest {
            while rhythmAssigned < windows.count { assignRhythm(latest, to: rhythmAssigned) }
        }
    }

    /// Seconds before this one have their regularity and autocorrelation.
    private var rhythmAssigned = 0
    private var latest: (zero: Double, values: [Double])?
    /// The onset envelope of the last four seconds belongs to the second two before the newest: so the rhythm a
    /// second is judged by is centred on it, and speech right after music is not taken for the music's beat.
    private static let rhythmDelay = 2

    private mutating func assignRhythm(_ correlation: (zero: Double, values: [Double]), to index: Int) {
        let regularity = correlation.zero > 1e-9 ? (correlation.values.max() ?? 0) / correlation.zero : 0
        windows[index].regularity = max(0, regularity)
        correlations[index] = correlation.values
        rhythmAssigned = index + 1
    }

    private mutating func closeWindow() {
        let count = Double(energies.count)
        let mean = energies.reduce(0, +) / count
        let lowShare = Double(energies.filter { $0 < 0.5 * mean }.count) / count
        let meanCrossing = crossings.reduce(0, +) / count
        let spread = (crossings.reduce(0) { $0 + ($1 - meanCrossing) * ($1 - meanCrossing) } / count).squareRoot()
        let correlation = autocorrelation()
        let end = Double(hops) / Double(Self.hopsPerSecond)
        windows.append(
            SoundWindow(
                start: end - count / Double(Self.hopsPerSecond), end: end,
                level: 10 * log10(max(mean, 1e-12)), lowEnergyShare: lowShare, crossingSpread: spread,
                flatness: flatnessSum / count, regularity: 0))
        correlations.append([])
        latest = correlation
        if windows.count > Self.rhythmDelay { assignRhythm(correlation, to: windows.count - 1 - Self.rhythmDelay) }
        energies.removeAll(keepingCapacity: true)
        crossings.removeAll(keepingCapacity: true)
        flatnessSum = 0
    }

    /// Autocorrelation of the mean-removed onset envelope at lag 0 and over `lags`.
    private func autocorrelation() -> (zero: Double, values: [Double]) {
        let mean = onsets.reduce(0, +) / Double(max(onsets.count, 1))
        let centred = onsets.map { $0 - mean }
        let zero = centred.reduce(0) { $0 + $1 * $1 }
        let values = Self.lags.map { lag -> Double in
            guard lag < centred.count else { return 0 }
            var sum = 0.0
            for index in lag..<centred.count { sum += centred[index] * centred[index - lag] }
            // Scaled to the full length so short lags and long ones compare fairly.
            return sum * Double(centred.count) / Double(centred.count - lag)
        }
        return (zero, values)
    }
}
