import Foundation
import PixoraCore

/// The filters that grade one clip with its `Look`, inside the render's single filtergraph. Presets scale their
/// parameters with the intensity (0 is each filter's identity, so no filter is written at all); a LUT is read from
/// a file already blended with the identity table (`CubeLUT.blended`).
public enum LookFilter {
    /// Filter steps for `look`; `lutPath` is the (blended) table file when the look is a LUT.
    public static func steps(_ look: Look?, lutPath: String?) -> [String] {
        guard let look, !look.isIdentity else { return [] }
        if look.lut != nil {
            guard let lutPath else { return [] }
            return ["lut3d=file=\(FilterArgument.escaped(lutPath)):interp=tetrahedral"]
        }
        let i = look.intensity
        switch look.preset ?? .none {
        case .none:
            return []
        case .warm:
            return [balance(shadows: (0.08, 0, -0.08), midtones: (0.1, 0.02, -0.1), highlights: (0.05, 0, -0.06), i)]
        case .cool:
            return [balance(shadows: (-0.08, 0, 0.08), midtones: (-0.1, 0.01, 0.1), highlights: (-0.05, 0, 0.06), i)]
        case .bw:
            return ["hue=s=\(n(1 - i))", "eq=contrast=\(n(1 + 0.1 * i))"]
        case .vintage:
            // A sepia matrix mixed 40% into the picture, then a faded, warm, flatter tone.
            let s = 0.4 * i
            let sepia: [(String, Double, Double)] = [
                ("rr", 0.393, 1), ("rg", 0.769, 0), ("rb", 0.189, 0), ("gr", 0.349, 0), ("gg", 0.686, 1),
                ("gb", 0.168, 0), ("br", 0.272, 0), ("bg", 0.534, 0), ("bb", 0.131, 1),
            ]
            let mixer = sepia.map { "\($0.0)=\(n($0.2 + ($0.1 - $0.2) * s))" }.joined(separator: ":")
            return [
                "colorchannelmixer=\(mixer)",
                "eq=contrast=\(n(1 - 0.12 * i)):brightness=\(n(0.03 * i)):saturation=\(n(1 - 0.25 * i))",
            ]
        case .tealOrange:
            return [
                balance(shadows: (-0.1, 0.02, 0.12), midtones: (0.02, 0, -0.02), highlights: (0.12, 0.02, -0.12), i),
                "eq=saturation=\(n(1 + 0.15 * i))",
            ]
        case .highContrast:
            return ["eq=contrast=\(n(1 + 0.35 * i)):saturation=\(n(1 + 0.2 * i))"]
        }
    }

    typealias Shift = (r: Double, g: Double, b: Double)

    static func balance(shadows: Shift, midtones: Shift, highlights: Shift, _ i: Double) -> String {
        let parts = [("s", shadows), ("m", midtones), ("h", highlights)].flatMap { range, shift in
            [("r\(range)", shift.r), ("g\(range)", shift.g), ("b\(range)", shift.b)]
        }
        return "colorbalance=" + parts.filter { $0.1 != 0 }.map { "\($0.0)=\(n($0.1 * i))" }.joined(separator: ":")
    }
}
