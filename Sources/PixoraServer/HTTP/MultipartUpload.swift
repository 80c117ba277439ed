import Foundation
import Hummingbird
import MultipartKit
import NIOCore
import PixoraCore

/// A `multipart/form-data` body received part by part: file parts stream to files in a scratch folder (never
/// whole in memory), text parts are kept as strings. Only the part names the route lists are accepted, each at
/// most once and within its own size limit, so a client cannot fill the disk or the memory.
struct MultipartUpload {
    /// What a route accepts: file parts with their byte limits, text parts with their character limits.
    struct Rules {
        var files: [String: Int64]
        var texts: [String: Int]
    }

    struct File {
        var url: URL
        var size: Int64
        /// The client's file name, cleaned for display: never used to build a path.
        var name: String?
    }

    var files: [String: File] = [:]
    var texts: [String: String] = [:]

    /// Reads the whole body into `folder`. Throws an `APIError` naming the part for a malformed body (400), an
    /// unknown or repeated part (422), a part over its limit (413).
    static func receive(_ request: Request, rules: Rules, into folder: URL) async throws -> MultipartUpload {
        let boundary = try boundary(request.headers[.contentType])
        let parser = MultipartParser(boundary: boundary)
        let state = ReceiveState(rules: rules, folder: folder)
        parser.onHeader = { field, value in state.header(field, value) }
        parser.onBody = { buffer in state.body(&buffer) }
        parser.onPartComplete = { state.complete() }
        defer { state.closeAll() }
        for try await chunk in request.body {
            do {
                try parser.execute(chunk)
            } catch {
                // The parser's only error is a syntax error, and its type is private.
                throw APIError(.badRequest, .invalidMultipart, "the multipart body is malformed")
            }
            if let problem = state.problem { throw problem }
        }
        if let problem = state.problem { throw problem }
        guard state.finished else {
            throw APIError(.badRequest, .invalidMultipart, "the multipart body ended before its closing boundary")
        }
        return MultipartUpload(files: state.files, texts: state.texts)
    }

    /// The boundary of a `multipart/form-data` content type; 415 for another type, 400 without a boundary.
    static func boundary(_ contentType: String?) throws -> String {
        let parts = (contentType ?? "").split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.first?.lowercased() == "multipart/form-data" else {
            throw APIError(.unsupportedMediaType, .unsupportedMediaType, "send the upload as multipart/form-data")
        }
        for parameter in parts.dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2, pair[0].lowercased() == "boundary" else { continue }
            let value = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            // RFC 2046: 1–70 characters.
            guard (1...70).contains(value.count), value.allSatisfy({ $0.isASCII && !$0.isNewline }) else { break }
            return value
        }
        throw APIError(.badRequest, .invalidMultipart, "the multipart content type has no valid boundary")
    }

    /// `name` and `filename` of a `Content-Disposition: form-data` header.
    static func disposition(_ value: String) -> (name: String?, filename: String?) {
        var name: String?
        var filename: String?
        for item in value.split(separator: ";").dropFirst() {
            let pair = item.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2 else { continue }
            let text =
                pair[1].hasPrefix("\"") && pair[1].hasSuffix("\"") && pair[1].count >= 2
                ? String(pair[1].dropFirst().dropLast()) : pair[1]
            switch pair[0].lowercased() {
            case "name": name = text
            case "filename": filename = text
            default: break
            }
        }
        return (name, filename)
    }
}

/// The parser's callbacks cannot throw: they record the first problem, which `receive` throws after the chunk.

private final class ReceiveState {
    let rules: MultipartUpload.Rules
    let folder: URL
    var files: [String: MultipartUpload.File] = [:]
    var texts: [String: String] = [:]
    var problem: APIError?
    var finished = false
    private var name: String?
    private var filename: String?
    private var handle: FileHandle?
    private var fileURL: URL?
    private var size: Int64 = 0
    private var text = Data()
    private var started = false

    init(rules: MultipartUpload.Rules, folder: URL) {
        self.rules = rules
        self.folder = folder
    }

    func header(_ field: String, _ value: String) {
        guard problem == nil, field.lowercased() == "content-disposition" else { return }
        let parsed = MultipartUpload.disposition(value)
        name = parsed.name
        filename = parsed.filename
    }

    func body(_ buffer: inout ByteBuffer) {
        guard problem == nil else { return }
        if !started { start() }
        guard problem == nil else { return }
        let count = Int64(buffer.readableBytes)
        size += count
        guard let name else { return }
        if let limit = rules.files[name] {
            guard size <= limit else {
                problem = APIError(
                    .contentTooLarge, .payloadTooLarge, "'\(name)' is larger than \(Self.megabytes(limit)) MB")
                return
            }
            do {
                try handle?.write(contentsOf: buffer.readableBytesView)
            } catch {
                problem = APIError(.serviceUnavailable, .unavailable, "cannot store the upload: the disk refused it")
            }
        } else if let limit = rules.texts[name] {
            guard size <= Int64(limit) * 4 else {
                problem = APIError.validation([DocumentIssue(name, "is longer than \(limit) characters")])
                return
            }
            text.append(contentsOf: buffer.readableBytesView)
        }
        buffer.moveReaderIndex(forwardBy: buffer.readableBytes)
    }

    func complete() {
        guard problem == nil else { return }
        if !started { start() }
        guard problem == nil, let name else { return }
        if rules.files[name] != nil {
            try? handle?.close()
            handle = nil
            if let fileURL {
                files[name] = .init(url: fileURL, size: size, name: filename.map(Self.displayName))
            }
        } else {
            guard let value = String(data: text, encoding: .utf8) else {
                problem = APIError.validation([DocumentIssue(name, "is not UTF-8 text")])
                return
            }
            texts[name] = value
        }
        reset()
        finished = true
    }

    /// A part's headers are complete once its first body bytes (or its end) arrive.
    private func start() {
        started = true
        finished = false
        guard let name else {
            problem = APIError(.badRequest, .invalidMultipart, "a part has no Content-Disposition name")
            return
        }
        guard rules.files[name] != nil || rules.texts[name] != nil else {
            let known = (Array(rules.files.keys) + Array(rules.texts.keys)).sorted().joined(separator: ", ")
            problem = APIError.validation([DocumentIssue(String(name.prefix(40)), "is not a known part; send \(known)")]
            )
            return
        }
        guard files[name] == nil, texts[name] == nil else {
            problem = APIError.validation([DocumentIssue(name, "was sent twice")])
            return
        }
        if rules.files[name] != nil {
            let url = folder.appendingPathComponent("part-\(files.count + 1)")
            guard FileManager.default.createFile(atPath: url.path, contents: nil),
                let opened = try? FileHandle(forWritingTo: url)
            else {
                problem = APIError(.serviceUnavailable, .unavailable, "cannot store the upload")
                return
            }
            fileURL = url
            handle = opened
        }
    }

    private func reset() {
        name = nil
        filename = nil
        fileURL = nil
        size = 0
        text = Data()
        started = false
    }

    func closeAll() {
        try? handle?.close()
        handle = nil
    }

    static func megabytes(_ bytes: Int64) -> String { String(bytes / 1_000_000) }

    /// The last path component, without control characters, at most 120 characters.
    static func displayName(_ name: String) -> String {
        let last = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        return String(String(last.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }).prefix(120))
    }
}

extension MultipartUpload {
    /// A client's file name cleaned for display, as a received part's is (for uploads that arrive another way).
    static func displayName(_ name: String) -> String { ReceiveState.displayName(name) }
}
