import Foundation
import PixoraCore

/// The public page of a share link: a player, the title and the card tags link previews read (Open Graph, Twitter).
/// Self-contained (inline style, no script), so it needs nothing of the studio and shows nothing of the owner.
struct SharePage {
    /// What the page shows; every URL is absolute, built on the configured public URL.
    struct Content {
        var title: String
        var pageURL: String
        var videoURL: String
        var thumbnailURL: String?
        var durationSeconds: Double?
        var canvas: Canvas?
    }

    /// No scripts at all; media and pictures from this server only; the inline style block.
    static let policy =
        "default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'; base-uri 'none'; "
        + "form-action 'none'; frame-ancestors 'none'"

    static func html(_ content: Content) -> String {
        let title = MarkupText.escaped(content.title)
        let description = MarkupText.escaped(Self.description(content.durationSeconds))
        let video = MarkupText.escaped(content.videoURL)
        var meta = [
            property("og:type", "video.other"), property("og:site_name", "Pixora"), property("og:title", title),
            property("og:description", description), property("og:url", MarkupText.escaped(content.pageURL)),
            property("og:video", video), property("og:video:secure_url", video),
            property("og:video:type", "video/mp4"),
        ]
        if let canvas = content.canvas {
            meta += [property("og:video:width", "\(canvas.width)"), property("og:video:height", "\(canvas.height)")]
        }
        let poster = content.thumbnailURL.map { MarkupText.escaped($0) }
        let posterAttribute = poster.map { " poster=\"\($0)\"" } ?? ""
        if let poster { meta += [property("og:image", poster), name("twitter:image", poster)] }
        meta += [
            name("twitter:card", poster == nil ? "summary" : "summary_large_image"), name("twitter:title", title),
            name("twitter:description", description),
        ]
        let ratio = content.canvas.map { "\($0.width) / \($0.height)" } ?? "16 / 9"
        return document(
            title: title, head: meta.joined(separator: "\n"),
            body: """
                <main>
                <div class="frame" style="aspect-ratio: \(ratio)">
                <video controls playsinline preload="metadata" src="\(video)"\(posterAttribute)>
                <a href="\(video)">Download the video</a></video>
                </div>
                <h1><bdi>\(title)</bdi></h1>
                <p>\(description)</p>
                </main>
                """)
    }

    /// The page for a link that does not open: the same words for an unknown and a revoked link.
    static func error(status: Int) -> String {
        let (heading, text) =
            switch status {
            case 410: ("This link has expired", "The video is no longer shared here.")
            case 429: ("Too many requests", "Please wait a moment and try again.")
            default: ("Link not found", "This link does not exist or is no longer shared.")
            }
        return document(
            title: heading, head: "",
            body: "<main><h1>\(heading)</h1><p>\(text)</p></main>")
    }

    static func description(_ seconds: Double?) -> String {
        guard let seconds, seconds > 0 else { return "A video made with Pixora." }
        return "A \(Int(seconds.rounded()))-second video made with Pixora."
    }

    private static func property(_ key: String, _ value: String) -> String {
        "<meta property=\"\(key)\" content=\"\(value)\">"
    }

    private static func name(_ key: String, _ value: String) -> String {
        "<meta name=\"\(key)\" content=\"\(value)\">"
    }

    private static func document(title: String, head: String, body: String) -> String {
        """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="robots" content="noindex">
        <meta name="referrer" content="no-referrer">
        <title>\(title) · Pixora</title>
        \(head)
        <style>
        :root { color-scheme: light dark; font-family: system-ui, sans-serif; }
        body { margin: 0; background: #111; color: #eee; }
        main { max-width: 960px; margin: 0 auto; padding: 16px; }
        .frame { max-height: 80vh; margin: 0 auto; background: #000; display: flex; justify-content: center; }
        video { width: 100%; height: 100%; max-height: 80vh; }
        h1 { font-size: 1.4rem; margin: 16px 0 4px; overflow-wrap: anywhere; }
        p { margin: 0; color: #aaa; }
        </style>
        </head>
        <body>
        \(body)
        </body>
        </html>

        """
    }
}
