import PixoraCore

/// Where an image generator sets the key phrase, so a picture composited on top (the user's character) can stay
/// clear of it.
public enum KeyPhraseSide: String, Sendable {
    /// The phrase stands in the top half, starting at the left or ending at the right edge.
    case left, right
    /// The phrase is centred across the top.
    case centre
}

/// Image generators that know where their key phrase goes.
public protocol KeyPhrasePlacing: ImageGenerator {
    func keyPhraseSide(for request: ImageRequest) -> KeyPhraseSide
}

extension ProceduralImageGenerator: KeyPhrasePlacing {
    /// The same choice `Illustration` makes: landscape titles sit on the side the seeded layout mirrors to (the
    /// first draw of the same random stream); portrait and square titles are centred at the top.
    public func keyPhraseSide(for request: ImageRequest) -> KeyPhraseSide {
        let width = Double(max(request.width, 1))
        let height = Double(max(request.height, 1))
        let illustration = Illustration(request: request)
        var random = SeededRandom(seed: illustration.seed, label: "procedural-image|\(request.visual)")
        let layout = IllustrationLayout(
            width: width, height: height, style: illustration.style, mirrored: random.unit() < 0.5)
        switch layout.titleAnchor {
        case .start: return .left
        case .end: return .right
        case .middle: return .centre
        }
    }
}
