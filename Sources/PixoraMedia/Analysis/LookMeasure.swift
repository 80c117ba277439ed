import Foundation

/// The look of a sample in a few numbers, from its palette and shots: what the style and mood rules read.
struct LookMeasure: Sendable {
    /// Share-weighted HSL saturation and lightness of the palette, 0…1.
    var saturation: Double
    var lightness: Double
    /// Share-weighted red minus blue of the palette, −1…1: above 0 warm, below cool.
    var warmth: Double
    /// Palette colours holding at least 8% of the picture.
    var significantColours: Int
    /// Duration-weighted mean brightness and motion of the shots.
    var brightness: Double
    var motion: Double
    /// Spread of the palette's lightness (standard deviation): contrast between the main colours.
    var contrast: Double

    init(palette: [SampleAnalysis.PaletteColour], shots: [SampleAnalysis.Shot]) {
        var (saturation, lightness, warmth, total) = (0.0, 0.0, 0.0, 0.0)
        var lightnesses: [(Double, Double)] = []
        for colour in palette {
            guard let rgb = Self.rgb(colour.hex) else { continue }
            let (high, low) = (max(rgb.0, rgb.1, rgb.2), min(rgb.0, rgb.1, rgb.2))
            let l = (high + low) / 2
            let s = high == low ? 0 : (high - low) / (1 - abs(2 * l - 1))
            saturation += s * colour.share
            lightness += l * colour.share
            warmth += (rgb.0 - rgb.2) * colour.share
            total += colour.share
            lightnesses.append((l, colour.share))
        }
        let scale = total > 0 ? 1 / total : 0
        self.saturation = saturation * scale
        self.lightness = lightness * scale
        self.warmth = warmth * scale
        let meanL = lightness * scale
        contrast = (lightnesses.reduce(0) { $0 + ($1.0 - meanL) * ($1.0 - meanL) * $1.1 } * scale).squareRoot()
        significantColours = palette.filter { $0.share >= 0.08 }.count
        let seconds = shots.reduce(0) { $0 + $1.duration }
        brightness = seconds > 0 ? shots.reduce(0) { $0 + $1.brightness * $1.duration } / seconds : 0
        motion = seconds > 0 ? shots.reduce(0) { $0 + $1.motion * $1.duration } / seconds : 0
    }

    static func rgb(_ hex: String) -> (Double, Double, Double)? {
        guard hex.count == 7, let value = Int(hex.dropFirst(), radix: 16) else { return nil }
        return (Double(value >> 16 & 255) / 255, Double(value >> 8 & 255) / 255, Double(value & 255) / 255)
    }
}
