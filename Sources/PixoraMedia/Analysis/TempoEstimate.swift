import Foundation

/// The beat period from the onset envelope's autocorrelation summed over the music seconds. Each lag is weighted
/// by a bell over log-period centred on 120 BPM, one octave wide, because the envelope of a steady beat correlates
/// equally at one and two beats; people tap near 120 when they can choose.
enum TempoEstimate {
    static func bpm(correlations: [[Double]]) -> Double? {
        guard let length = correlations.first?.count, length > 2 else { return nil }
        var sum = [Double](repeating: 0, count: length)
        for values in correlations { for index in 0..<length { sum[index] += values[index] } }
        let lags = Array(SoundMeter.lags)
        let hopsPerSecond = Double(SoundMeter.hopsPerSecond)
        func weighted(_ index: Int) -> Double {
            let seconds = Double(lags[index]) / hopsPerSecond
            let octaves = log2(seconds / 0.5)
            return sum[index] * exp(-0.5 * octaves * octaves)
        }
        // Only periods inside 60…180 BPM; the margin lags serve the interpolation.
        let inside = lags.indices.filter { lags[$0] >= 33 && lags[$0] <= 100 }
        guard let best = inside.max(by: { weighted($0) < weighted($1) }), sum[best] > 0 else { return nil }
        var lag = Double(lags[best])
        if best > 0, best < length - 1 {
            let (left, centre, right) = (sum[best - 1], sum[best], sum[best + 1])
            let curvature = left - 2 * centre + right
            if curvature < 0 { lag += max(-0.5, min(0.5, 0.5 * (left - right) / curvature)) }
        }
        return (60 / (lag / hopsPerSecond) * 10).rounded() / 10
    }
}
