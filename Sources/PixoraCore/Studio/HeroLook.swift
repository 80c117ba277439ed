/// The look the studio's `hero` step fixes for every later picture of a project: colours, style, mood and the
/// main subject. Image generators draw each scene in it, so the pictures of one project belong together.
public struct HeroLook: Codable, Sendable, Hashable {
    /// What each colour of `palette` paints, in order.
    public static let paletteRoles = [
        "skyTop", "skyBottom", "far", "mid", "near", "accent", "highlight", "ink", "paper",
    ]

    /// `#rrggbb` colours, one per entry of `paletteRoles`.
    public var palette: [String]
    public var style: VisualStyle
    /// Sets the light of the pictures (stars at night, clouds by day) whatever each scene's own mood.
    public var mood: Mood
    /// The subject drawn in every picture: a motif name or a keyword such as "bee".
    public var motif: String
    /// Composition of the hero shot; part of every picture's layout, so choosing another variation recomposes.
    public var seed: UInt64

    public init(palette: [String], style: VisualStyle, mood: Mood, motif: String, seed: UInt64) {
        self.palette = palette
        self.style = style
        self.mood = mood
        self.motif = motif
        self.seed = seed
    }

    /// Field-level problems, empty when the look can be drawn.
    public func validate() -> [DocumentIssue] {
        var issues: [DocumentIssue] = []
        if palette.count != Self.paletteRoles.count {
            issues.append(
                .init(
                    "palette",
                    "must have \(Self.paletteRoles.count) colours (\(Self.paletteRoles.joined(separator: ", "))), "
                        + "got \(palette.count)"))
        }
        for (index, colour) in palette.enumerated() where Self.rgb(colour) == nil {
            issues.append(.init("palette[\(index)]", "must be a colour written #rrggbb, got '\(colour)'"))
        }
        if motif.count > 60 { issues.append(.init("motif", "is \(motif.count) characters; at most 60 are allowed")) }
        return issues
    }

    /// `#rrggbb` (case-insensitive) as `0xRRGGBB`; nil for anything else.
    public static func rgb(_ text: String) -> UInt32? {
        guard text.count == 7, text.first == "#", text.dropFirst().allSatisfy(\.isHexDigit) else { return nil }
        return UInt32(text.dropFirst(), radix: 16)
    }
}
