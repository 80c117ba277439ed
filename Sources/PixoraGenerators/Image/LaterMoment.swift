import Foundation

/// How a scene's end frame differs from its start frame: the same place, subject and colours a moment later. The
/// hero moves away from the title and comes closer, and the light warms, so a morph from one frame to the other
/// reads as motion rather than as a cut between two pictures.
enum LaterMoment {
    /// How far the hero travels, as a fraction of the canvas's short side.
    static let travel = 0.07
    /// How much closer the hero comes.
    static let growth = 1.16
    /// Degrees the hero turns by.
    static let turn = 7.0

    /// The hero's centre and size at the end: moved away from the title (never onto it) and larger, kept inside
    /// the frame.
    static func hero(at centre: CanvasPoint, size: Double, layout: IllustrationLayout) -> (CanvasPoint, Double) {
        let title = CanvasPoint(x: layout.titleBox.midX, y: layout.titleBox.midY)
        var dx = centre.x - title.x
        var dy = centre.y - title.y
        let length = (dx * dx + dy * dy).squareRoot()
        if length > 0 {
            dx /= length
            dy /= length
        } else {
            dy = 1
        }
        let grown = size * growth
        let half = grown / 2
        let reach = travel * layout.unit
        let x = min(max(centre.x + dx * reach, half), layout.width - half)
        let y = min(max(centre.y + dy * reach, half), layout.height - half)
        return (CanvasPoint(x: x, y: y), grown)
    }

    /// The light later on: the sky takes on some of the disc's glow and the ground some of the accent.
    static func light(_ palette: MoodPalette) -> MoodPalette {
        var later = palette
        later.skyTop = palette.skyTop.mixed(with: palette.disc, 0.14)
        later.skyBottom = palette.skyBottom.mixed(with: palette.accent, 0.12)
        later.far = palette.far.mixed(with: palette.accent, 0.08)
        return later
    }
}
