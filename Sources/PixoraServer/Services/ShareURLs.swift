/// The absolute addresses of one share link: its page, its video and its thumbnail.
struct ShareURLs: Sendable {
    var page: String
    var video: String
    var thumbnail: String

    /// `base` is the configured public URL (`PIXORA_PUBLIC_URL`), with or without a final slash.
    init(base: String, token: String) {
        var base = base
        while base.hasSuffix("/") { base.removeLast() }
        page = "\(base)/s/\(token)"
        video = page + "/video.mp4"
        thumbnail = page + "/thumbnail.jpg"
    }
}
