import Foundation

/// An sRGB colour with components in 0...1, written into the SVG as `#rrggbb`.
struct Colour: Sendable, Hashable, CustomStringConvertible {
    var red: Double
    var green: Double
    var blue: Double

    init(red: Double, green: Double, blue: Double) {
        self.red = min(max(red, 0), 1)
        self.green = min(max(green, 0), 1)
        self.blue = min(max(blue, 0), 1)
    }

    /// `0xRRGGBB`, the way designers write palettes.
    init(_ hex: UInt32) {
        self.init(
            red: Double((hex >> 16) & 0xff) / 255, green: Double((hex >> 8) & 0xff) / 255,
            blue: Double(hex & 0xff) / 255)
    }

    static let white = Colour(0xffffff)
    static let black = Colour(0x000000)

    var description: String {
        let channels = [red, green, blue].map { Int(($0 * 255).rounded()) }
        let digits = Array("0123456789abcdef")
        return "#" + channels.map { "\(digits[$0 >> 4])\(digits[$0 & 15])" }.joined()
    }

    /// `amount` of the way from this colour to `other`.
    func mixed(with other: Colour, _ amount: Double) -> Colour {
        Colour(
            red: red + (other.red - red) * amount, green: green + (other.green - green) * amount,
            blue: blue + (other.blue - blue) * amount)
    }

    func lighter(_ amount: Double) -> Colour { mixed(with: .white, amount) }
    func darker(_ amount: Double) -> Colour { mixed(with: .black, amount) }

    /// Relative luminance (WCAG), used to choose light or dark type over a background.
    var luminance: Double {
        func linear(_ channel: Double) -> Double {
            channel <= 0.040_45 ? channel / 12.92 : pow((channel + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
    }

    /// Scales the distance from grey: above 1 makes the colour more vivid, below 1 more muted.
    func saturated(by factor: Double) -> Colour {
        let grey = 0.299 * red + 0.587 * green + 0.114 * blue
        return Colour(
            red: grey + (red - grey) * factor, green: grey + (green - grey) * factor,
            blue: grey + (blue - grey) * factor)
    }
}

extension Colour {
    /// The same lightness and saturation at a hue turned by `degrees` (HSL), for palettes that keep their
    /// harmony in other colours.
    func rotatedHue(by degrees: Double) -> Colour {
        let high = max(red, green, blue)
        let low = min(red, green, blue)
        let lightness = (high + low) / 2
        let chroma = high - low
        guard chroma > 0 else { return self }
        let saturation = chroma / (1 - abs(2 * lightness - 1))
        var hue: Double
        if high == red {
            hue = ((green - blue) / chroma).truncatingRemainder(dividingBy: 6)
        } else if high == green {
            hue = (blue - red) / chroma + 2
        } else {
            hue = (red - green) / chroma + 4
        }
        hue = (hue * 60 + degrees).truncatingRemainder(dividingBy: 360)
        if hue < 0 { hue += 360 }
        let c = (1 - abs(2 * lightness - 1)) * saturation
        let x = c * (1 - abs((hue / 60).truncatingRemainder(dividingBy: 2) - 1))
        let m = lightness - c / 2
        let (r, g, b): (Double, Double, Double) =
            switch hue {
            case ..<60: (c, x, 0)
            case ..<120: (x, c, 0)
            case ..<180: (0, c, x)
            case ..<240: (0, x, c)
            case ..<300: (x, 0, c)
            default: (c, 0, x)
            }
        return Colour(red: r + m, green: g + m, blue: b + m)
    }
}
