import PixoraCore

extension SubtitleDocument {
    /// Where an overlay is drawn (its centre, in pixels): where the user put it, moved only as far as needed for
    /// its whole wrapped block, outline or box included, to lie inside the safe area. A block taller or wider than
    /// the safe area is centred in it.
    func position(of overlay: TextOverlay, lineWidth: Double, safe: SafeArea) -> (x: Int, y: Int) {
        let (w, h) = (Double(state.canvas.width), Double(state.canvas.height))
        let size = (overlay.style.size * h).rounded()
        let extent = TextExtent(overlay.text, lineWidth: lineWidth)
        let border = overlay.style.box ? max(size * 0.25, 4) : overlay.style.outline * size
        // DejaVu's line height is about 1.17 font sizes; 1.2 leaves a little to spare.
        let halfWidth = extent.width * size / 2 + border
        let halfHeight = Double(extent.lines) * size * 1.2 / 2 + border
        func clamped(_ value: Double, _ low: Double, _ high: Double) -> Double {
            low > high ? (low + high) / 2 : min(max(value, low), high)
        }
        let x = clamped(overlay.x * w, safe.left * w + halfWidth, w * (1 - safe.right) - halfWidth)
        let y = clamped(overlay.y * h, safe.top * h + halfHeight, h * (1 - safe.bottom) - halfHeight)
        return (Int(x.rounded()), Int(y.rounded()))
    }
}
