import Foundation
import Hummingbird
import NIOCore
import PixoraCore

/// The browser studio: the static files of `Web/` (HTML, CSS, ES modules, no build step), served at `/`.
/// The files are listed once at start-up and looked up by their exact path, so no file path is ever built from
/// a request. Any other page path (`/dashboard`, `/videos/…`, `/reset-password?token=…`) gets `index.html`,
/// whose router shows the page; `/api/`, the operational endpoints and missing assets are left to the router.
public struct WebStudio: Sendable {
    struct File: Sendable {
        var url: URL
        var type: String
        var size: Int
        var etag: String
    }

    let files: [String: File]
    let index: File?
    let root: URL?
    /// With `PIXORA_WEB_DIR` the folder is listed again on every request, so edits and new files show at once.
    let live: Bool

    static let types = [
        "html": "text/html; charset=utf-8", "css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8",
        "json": "application/json", "svg": "image/svg+xml", "png": "image/png", "ico": "image/x-icon",
        "webmanifest": "application/manifest+json", "txt": "text/plain; charset=utf-8",
    ]

    /// Paths the SPA fallback never answers: the API, share links' public pages and the operational endpoints.
    static let reserved = [
        "/api/", "/s/", "/healthz", "/readyz", "/metrics", "/openapi.json", "/openapi.yaml", "/mcp",
    ]

    /// `PIXORA_WEB_DIR` (for working on the studio without rebuilding), else the files bundled with the server.
    public static func from(configuration: Configuration) -> WebStudio {
        if let folder = configuration.text("PIXORA_WEB_DIR") {
            return WebStudio(root: URL(fileURLWithPath: folder, isDirectory: true), live: true)
        }
        return WebStudio(root: Bundle.module.resourceURL?.appendingPathComponent("Web", isDirectory: true))
    }

    public init(root: URL?, live: Bool = false) {
        self.root = root
        self.live = live
        var files: [String: File] = [:]
        if let root,
            let walker = FileManager.default.enumerator(
                at: root, includingPropertiesForKeys: [.isRegularFileKey, .fileSizeKey, .contentModificationDateKey])
        {
            let base = root.standardizedFileURL.path
            for case let url as URL in walker {
                guard
                    let values = try? url.resourceValues(forKeys: [
                        .isRegularFileKey, .fileSizeKey, .contentModificationDateKey,
                    ]),
                    values.isRegularFile == true, let type = Self.types[url.pathExtension.lowercased()]
                else { continue }
                let path = String(url.standardizedFileURL.path.dropFirst(base.count))
                let size = values.fileSize ?? 0
                let stamp = Int(values.contentModificationDate?.timeIntervalSince1970 ?? 0)
                files[path.hasPrefix("/") ? path : "/" + path] = File(
                    url: url, type: type, size: size, etag: "\"\(size)-\(stamp)\"")
            }
        }
        self.files = files
        index = files["/index.html"]
    }

    /// The file for a GET path: an exact file, or `index.html` for a page path (no extension, not reserved).
    func file(for path: String) -> File? {
        if live { return WebStudio(root: root).file(for: path) }
        if let file = files[path] { return file }
        guard Self.reserved.allSatisfy({ !path.hasPrefix($0) }) else { return nil }
        let last = path.split(separator: "/").last ?? ""
        return last.contains(".") ? nil : index
    }
}

/// Answers GET and HEAD for the studio's files before the API router; everything else goes on.
struct WebStudioMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let studio: WebStudio
    let io = FileIO()

    /// Scripts and styles from this origin only; media may be blob: URLs made by the editor's preview.
    static let policy =
        "default-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; style-src 'self' 'unsafe-inline'; "
        + "script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"

    func handle(
        _ request: Request, context: AppRequestContext, next: (Request, AppRequestContext) async throws -> Response
    ) async throws -> Response {
        guard request.method == .get || request.method == .head, let file = studio.file(for: request.uri.path) else {
            return try await next(request, context)
        }
        var headers: HTTPFields = [
            .contentType: file.type, .eTag: file.etag, .cacheControl: "no-cache",
            .init("Content-Security-Policy")!: Self.policy, .init("X-Content-Type-Options")!: "nosniff",
            .init("Referrer-Policy")!: "same-origin",
        ]
        if request.headers[.ifNoneMatch] == file.etag {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentLength] = String(file.size)
        if request.method == .head { return Response(status: .ok, headers: headers) }
        return Response(
            status: .ok, headers: headers, body: try await io.loadFile(path: file.url.path, context: context))
    }
}
