import PixoraCore

/// An axis-aligned box on the canvas.
struct CanvasBox: Sendable, Hashable {
    var x: Double
    var y: Double
    var width: Double
    var height: Double

    var maxX: Double { x + width }
    var maxY: Double { y + height }
    var midX: Double { x + width / 2 }
    var midY: Double { y + height / 2 }

    /// A square of side `size` centred on `centre`.
    init(centre: CanvasPoint, size: Double) {
        self.init(x: centre.x - size / 2, y: centre.y - size / 2, width: size, height: size)
    }

    init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    /// How much of this box's area lies inside `other`, from 0 to 1.
    func overlap(with other: CanvasBox) -> Double {
        let w = max(0, min(maxX, other.maxX) - max(x, other.x))
        let h = max(0, min(maxY, other.maxY) - max(y, other.y))
        return width * height > 0 ? w * h / (width * height) : 0
    }
}

/// Where things go on a canvas of a given shape: the title's box, the hero motif, the accents and the horizon.
/// Landscape frames put title and hero side by side; portrait and square frames stack them.
struct IllustrationLayout: Sendable {
    enum Shape: Sendable { case landscape, portrait, square }
    enum Anchor: String, Sendable { case start, middle, end }

    let width: Double
    let height: Double
    let shape: Shape
    /// The title stays inside this box, which ends well above `captionTop`.
    let titleBox: CanvasBox
    let titleAnchor: Anchor
    let hero: CanvasPoint
    let heroSize: Double
    let accentSize: Double
    /// Candidate centres for accent motifs (the illustration picks among them by seed).
    let accentSlots: [CanvasPoint]
    let horizon: Double
    /// Captions are burnt into the bottom 22% of the frame; nothing textual goes below this line.
    let captionTop: Double
    /// Height of the cinematic letterbox bars (0 for other styles).
    let letterbox: Double

    /// Shorter side of the canvas: the unit for sizes that must look the same in every shape.
    var unit: Double { min(width, height) }

    init(width: Double, height: Double, style: VisualStyle, mirrored: Bool) {
        self.width = width
        self.height = height
        let ratio = width / height
        shape = ratio > 1.15 ? .landscape : (ratio < 0.87 ? .portrait : .square)
        captionTop = height * 0.78
        letterbox = style == .cinematic ? height * (shape == .landscape ? 0.06 : 0.035) : 0
        // Ken Burns motion crops up to ~8 % of a side (KenBurnsVideoGenerator), so the title keeps 10 % margins.
        let top = max(height * (shape == .landscape ? 0.11 : 0.1), letterbox + height * 0.035)

        switch shape {
        case .landscape:
            let boxWidth = width * 0.45
            titleBox = CanvasBox(
                x: mirrored ? width * 0.9 - boxWidth : width * 0.1, y: top, width: boxWidth, height: height * 0.5 - top)
            titleAnchor = mirrored ? .end : .start
            hero = CanvasPoint(x: width * (mirrored ? 0.28 : 0.72), y: height * 0.47)
            heroSize = min(height * 0.56, width * 0.36)
            accentSize = height * 0.22
            let side: (Double) -> Double = { mirrored ? 1 - $0 : $0 }
            accentSlots = [
                CanvasPoint(x: width * side(0.92), y: height * 0.2),
                CanvasPoint(x: width * side(0.3), y: height * 0.66),
                CanvasPoint(x: width * side(0.53), y: height * 0.7), CanvasPoint(x: width * side(0.9), y: height * 0.7),
                CanvasPoint(x: width * side(0.12), y: height * 0.68),
            ]
            horizon = height * 0.66
        case .portrait:
            titleBox = CanvasBox(x: width * 0.1, y: top, width: width * 0.8, height: height * 0.31 - top)
            titleAnchor = .middle
            hero = CanvasPoint(x: width * 0.5, y: height * 0.52)
            heroSize = width * 0.66
            accentSize = width * 0.27
            accentSlots = [
                CanvasPoint(x: width * 0.2, y: height * 0.36), CanvasPoint(x: width * 0.8, y: height * 0.69),
                CanvasPoint(x: width * 0.82, y: height * 0.35), CanvasPoint(x: width * 0.18, y: height * 0.7),
            ]
            horizon = height * 0.63
        case .square:
            titleBox = CanvasBox(x: width * 0.1, y: top, width: width * 0.8, height: height * 0.31 - top)
            titleAnchor = .middle
            hero = CanvasPoint(x: width * 0.5, y: height * 0.54)
            heroSize = height * 0.42
            accentSize = height * 0.2
            accentSlots = [
                CanvasPoint(x: width * 0.17, y: height * 0.47), CanvasPoint(x: width * 0.83, y: height * 0.66),
                CanvasPoint(x: width * 0.83, y: height * 0.44), CanvasPoint(x: width * 0.17, y: height * 0.68),
            ]
            horizon = height * 0.67
        }
    }

    /// Largest and smallest title sizes in pixels for this shape.
    var titleSizeRange: (minimum: Double, maximum: Double) {
        switch shape {
        case .landscape: (unit * 0.04, height * 0.12)
        case .portrait: (unit * 0.045, height * 0.07)
        case .square: (unit * 0.04, height * 0.095)
        }
    }
}
