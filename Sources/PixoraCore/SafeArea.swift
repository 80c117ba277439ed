/// The part of the frame that on-screen text keeps to, as fractions of the canvas: the rest may be covered by a
/// player's interface or cut off by a screen.
///
/// - 9:16: short-video apps draw the caption, account name, sound ticker and progress bar over the bottom of the
///   frame and a column of buttons on the right. Published creator guides measure, on 1080×1920, TikTok's bottom
///   320–460 px (17–24 %), Instagram Reels' 310–450 px (16–23 %), the top 120–250 px and the right 120–180 px
///   (socaptions.com "TikTok safe zones 2026", blitzcutai.com "Best caption placement", 2026). Text stays above the
///   bottom 20 %, below the top 10 %, and 12 % from the sides (centred text, so both sides clear the buttons).
/// - 16:9: EBU R 95's graphics-safe area (90 % of width and height, 5 % margins); captions sit higher, 8 % from
///   the bottom, above a desktop player's progress bar and controls.
/// - 1:1 (feeds): 6 % margins, 10 % at the bottom where feeds put their progress bar and sound icon.
public struct SafeArea: Sendable, Hashable {
    public var top: Double
    public var bottom: Double
    public var left: Double
    public var right: Double

    public init(top: Double, bottom: Double, left: Double, right: Double) {
        self.top = top
        self.bottom = bottom
        self.left = left
        self.right = right
    }

    public init(_ canvas: Canvas) {
        if canvas.height > canvas.width {
            self.init(top: 0.10, bottom: 0.20, left: 0.12, right: 0.12)
        } else if canvas.width > canvas.height {
            self.init(top: 0.05, bottom: 0.08, left: 0.05, right: 0.05)
        } else {
            self.init(top: 0.06, bottom: 0.10, left: 0.06, right: 0.06)
        }
    }
}
