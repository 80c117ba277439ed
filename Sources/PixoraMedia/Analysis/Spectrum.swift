import Foundation

/// Magnitude spectra of short audio windows: a Hann window and an in-place radix-2 FFT, set up once per size.
struct Spectrum: Sendable {
    let size: Int
    private let window: [Double]
    private let cosines: [Double]
    private let sines: [Double]
    private let reversed: [Int]

    init(size: Int) {
        precondition(size > 1 && size & (size - 1) == 0, "the FFT size must be a power of two")
        self.size = size
        window = (0..<size).map { 0.5 - 0.5 * cos(2 * Double.pi * Double($0) / Double(size)) }
        cosines = (0..<size / 2).map { cos(-2 * Double.pi * Double($0) / Double(size)) }
        sines = (0..<size / 2).map { sin(-2 * Double.pi * Double($0) / Double(size)) }
        let bits = size.trailingZeroBitCount
        reversed = (0..<size).map { index in
            var result = 0
            for bit in 0..<bits where index & (1 << bit) != 0 { result |= 1 << (bits - 1 - bit) }
            return result
        }
    }

    /// Magnitudes of bins 0..<size/2 of `samples` (exactly `size` of them), windowed.
    func magnitudes(_ samples: [Double]) -> [Double] {
        var real = [Double](repeating: 0, count: size)
        var imaginary = [Double](repeating: 0, count: size)
        for index in 0..<size { real[reversed[index]] = samples[index] * window[index] }
        var span = 1
        while span < size {
            let stride = size / (span * 2)
            for start in Swift.stride(from: 0, to: size, by: span * 2) {
                for offset in 0..<span {
                    let (c, s) = (cosines[offset * stride], sines[offset * stride])
                    let (i, j) = (start + offset, start + offset + span)
                    let tr = real[j] * c - imaginary[j] * s
                    let ti = real[j] * s + imaginary[j] * c
                    real[j] = real[i] - tr
                    imaginary[j] = imaginary[i] - ti
                    real[i] += tr
                    imaginary[i] += ti
                }
            }
            span *= 2
        }
        return (0..<size / 2).map { (real[$0] * real[$0] + imaginary[$0] * imaginary[$0]).squareRoot() }
    }
}
