import Foundation

/// Where a user's character picture stands in a scene's picture: at the bottom, on one side, as large as the box
/// allows without distorting it. Its top stays below mid-height, where the key phrase never goes.
public struct CharacterPlacement: Codable, Sendable, Hashable {
    public enum Side: String, Codable, Sendable { case left, right }

    public var side: Side
    /// Largest share of the canvas's height and width the character may take.
    public var maximumHeight: Double
    public var maximumWidth: Double
    /// Gap to the bottom edge and to the side, as shares of the canvas's height and width.
    public var bottomMargin: Double
    public var sideMargin: Double

    public init(side: Side, maximumHeight: Double, maximumWidth: Double, bottomMargin: Double, sideMargin: Double) {
        self.side = side
        self.maximumHeight = maximumHeight
        self.maximumWidth = maximumWidth
        self.bottomMargin = bottomMargin
        self.sideMargin = sideMargin
    }

    /// The default for a canvas: 46 % of the height (so its top is below the middle), and a width cap that keeps a
    /// wide character from covering the whole bottom of a portrait frame.
    public static func standard(width: Int, height: Int, side: Side) -> CharacterPlacement {
        let ratio = Double(width) / Double(max(height, 1))
        let widthShare = ratio > 1.15 ? 0.34 : (ratio < 0.87 ? 0.55 : 0.42)
        return CharacterPlacement(
            side: side, maximumHeight: 0.46, maximumWidth: widthShare, bottomMargin: 0.03, sideMargin: 0.05)
    }

    /// The character's rectangle in pixels (even sizes) on a `canvas`-sized picture.
    public func frame(canvasWidth: Int, canvasHeight: Int, characterWidth: Int, characterHeight: Int)
        -> (x: Int, y: Int, width: Int, height: Int)
    {
        let boxWidth = Double(canvasWidth) * maximumWidth
        let boxHeight = Double(canvasHeight) * maximumHeight
        let scale = min(boxWidth / Double(max(characterWidth, 1)), boxHeight / Double(max(characterHeight, 1)))
        let width = max(2, Int((Double(characterWidth) * scale / 2).rounded(.down)) * 2)
        let height = max(2, Int((Double(characterHeight) * scale / 2).rounded(.down)) * 2)
        let gap = Int((Double(canvasWidth) * sideMargin).rounded())
        let x = side == .left ? gap : canvasWidth - gap - width
        let y = canvasHeight - Int((Double(canvasHeight) * bottomMargin).rounded()) - height
        return (x, y, width, height)
    }
}

/// Composites a character picture (PNG with alpha) onto a scene's picture with ffmpeg, over a soft shadow.
public enum CharacterComposite {
    /// Bumped whenever the output for the same inputs changes (part of the composited picture's content key).
    public static let version = 1

    public static func composite(
        picture: URL, character: URL, placement: CharacterPlacement, to output: URL
    ) async throws {
        async let base = MediaProbe.probeAsset(picture)
        async let figure = MediaProbe.probeAsset(character)
        guard let canvas = try await base.video, let canvasWidth = canvas.width, let canvasHeight = canvas.height,
            let person = try await figure.video, let personWidth = person.width, let personHeight = person.height
        else {
            throw MediaError.unreadableOutput(tool: "ffprobe", detail: "no picture size for the character composite")
        }
        let frame = placement.frame(
            canvasWidth: canvasWidth, canvasHeight: canvasHeight, characterWidth: personWidth,
            characterHeight: personHeight)
        // The shadow is the character's alpha, darkened, blurred and offset down-right: it lifts the cut-out off
        // the illustration without a hard outline. It is padded first so the blur is not clipped at its box.
        let blur = max(2, frame.height / 40)
        let offset = max(2, frame.height / 60)
        let shadow = (x: frame.x - blur * 2 + offset, y: frame.y - blur * 2 + offset)
        let graph = [
            "[1:v]scale=\(frame.width):\(frame.height):flags=lanczos,format=rgba,split[figure][cast]",
            "[cast]colorchannelmixer=rr=0:rg=0:rb=0:gr=0:gg=0:gb=0:br=0:bg=0:bb=0:aa=0.45,"
                + "pad=iw+\(blur * 4):ih+\(blur * 4):\(blur * 2):\(blur * 2):color=black@0,format=yuva420p,"
                + "boxblur=luma_radius=0:chroma_radius=0:alpha_radius=\(blur),format=rgba[shadow]",
            "[0:v]format=rgba[base]",
            // Blended in RGB: overlay's default (yuv420) would shift every colour of the illustration a little.
            "[base][shadow]overlay=x=\(shadow.x):y=\(shadow.y):format=rgb[shaded]",
            "[shaded][figure]overlay=x=\(frame.x):y=\(frame.y):format=rgb,format=rgb24[out]",
        ].joined(separator: ";")
        try await AtomicFile.write(to: output) { temporary in
            try await ToolRunner.run(
                .ffmpeg,
                [
                    "-hide_banner", "-nostdin", "-nostats", "-loglevel", "error", "-y", "-i", picture.path, "-i",
                    character.path, "-filter_complex", graph, "-map", "[out]", "-frames:v", "1", "-c:v", "png",
                    "-f", "image2", "-update", "1", "-fflags", "+bitexact", "-flags", "+bitexact", temporary.path,
                ])
        }
    }
}
