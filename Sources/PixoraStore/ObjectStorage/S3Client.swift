import AsyncHTTPClient
import Foundation
import Logging
import NIOCore

/// A small client for S3-compatible object stores on AsyncHTTPClient and `SigV4Signer`: objects are put streamed
/// from a file (multipart above `multipartThreshold`), read whole or by byte range as a stream, listed by prefix,
/// deleted, and lent out through short-lived presigned URLs. Requests that get a 5xx or no answer are retried with
/// exponential backoff; error answers become `S3Error`s that say what to fix. Headers are never logged.
public struct S3Client: Sendable {
    public struct Retry: Sendable {
        public var attempts = 4
        public var baseDelay = 0.25
        public var maximumDelay = 4.0
        public init(attempts: Int = 4, baseDelay: Double = 0.25, maximumDelay: Double = 4.0) {
            self.attempts = attempts
            self.baseDelay = baseDelay
            self.maximumDelay = maximumDelay
        }
    }

    /// What HEAD and a listing tell about an object.
    public struct ObjectInfo: Sendable, Equatable {
        public let key: String
        public let size: Int
        public let etag: String?
        public let contentType: String?
    }

    /// An object (or a range of it) being read: its headers, and the body still to stream.
    public struct Download: Sendable {
        /// The bytes this answer carries.
        public let length: Int
        /// The whole object's size (from `Content-Range` for a range).
        public let totalSize: Int
        public let range: ClosedRange<Int>?
        public let contentType: String?
        public let etag: String?
        public let body: HTTPClientResponse.Body
    }

    public let location: S3Location
    public let credentials: S3Credentials
    public var retry = Retry()
    /// Files at least this large are sent as a multipart upload, `partSize` bytes a part (S3's minimum part is
    /// 5 MiB, its maximum count 10,000).
    public var multipartThreshold = 64 << 20
    public var partSize = 16 << 20
    let signer: SigV4Signer
    let now: @Sendable () -> Date
    let logger: Logger

    /// One client for the process: connections are pooled across requests. Reads time out when the store goes
    /// silent, not after a fixed total, so a long video can stream.
    static let http: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: .seconds(5), read: .seconds(60))
        configuration.decompression = .disabled
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }()

    public init(
        location: S3Location, credentials: S3Credentials, now: @escaping @Sendable () -> Date = { Date() },
        logger: Logger = Logger(label: "pixora.storage")
    ) {
        self.location = location
        self.credentials = credentials
        self.now = now
        self.logger = logger
        signer = SigV4Signer(
            accessKeyID: credentials.accessKeyID, secretAccessKey: credentials.secretAccessKey,
            sessionToken: credentials.sessionToken, region: location.region)
    }

    // MARK: Objects

    /// Stores a file under `key`, streamed from disk; a multipart upload when the file is large.
    public func put(file: URL, key: String, contentType: String = "application/octet-stream") async throws {
        let size = try Self.size(of: file)
        if size >= multipartThreshold {
            try await putMultipart(file: file, size: size, key: key, contentType: contentType)
            return
        }
        let response = try await send(
            "PUT", key: key, headers: [("Content-Type", contentType)], payload: .unsigned,
            body: { .stream(FileChunks(url: file, offset: 0, length: size), length: .known(Int64(size))) })
        try await expect(response, key: key)
    }

    /// Stores bytes held in memory (small objects: probes, manifests), with their hash signed.
    public func put(data: Data, key: String, contentType: String = "application/octet-stream") async throws {
        let response = try await send(
            "PUT", key: key, headers: [("Content-Type", contentType)], payload: .of(data),
            body: { .bytes(ByteBuffer(bytes: data)) })
        try await expect(response, key: key)
    }

    /// Opens an object, or the byte range `range` of it, for streaming. The caller must read or drop `body`.
    public func get(key: String, range: ClosedRange<Int>? = nil) async throws -> Download {
        var headers: [(String, String)] = []
        if let range { headers.append(("Range", "bytes=\(range.lowerBound)-\(range.upperBound)")) }
        let response = try await send("GET", key: key, headers: headers, payload: .empty)
        guard response.status.code == 200 || response.status.code == 206 else {
            throw try await failure(response, key: key)
        }
        let length = response.headers.first(name: "content-length").flatMap { Int($0) } ?? 0
        var total = length
        var served: ClosedRange<Int>?
        // Some servers answer a range with 200 and Content-Range; the header, not the status, says what came.
        if let text = response.headers.first(name: "content-range") {
            // bytes FIRST-LAST/TOTAL
            let numbers = text.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
            if numbers.count == 3 {
                served = numbers[0]...numbers[1]
                total = numbers[2]
            }
        }
        return Download(
            length: length, totalSize: total, range: served,
            contentType: response.headers.first(name: "content-type"), etag: response.headers.first(name: "etag"),
            body: response.body)
    }

    /// Copies an object (or a range) into a file, chunk by chunk; the file is replaced only when all arrived.
    @discardableResult
    public func download(key: String, range: ClosedRange<Int>? = nil, to file: URL) async throws -> Int {
        let object = try await get(key: key, range: range)
        let partial = file.deletingLastPathComponent().appendingPathComponent(".\(UUID().uuidString).part")
        guard FileManager.default.createFile(atPath: partial.path, contents: nil) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: partial.path])
        }
        var written = 0
        do {
            let handle = try FileHandle(forWritingTo: partial)
            defer { try? handle.close() }
            for try await buffer in object.body {
                try handle.write(contentsOf: buffer.readableBytesView)
                written += buffer.readableBytes
            }
            guard written == object.length else {
                throw S3Error.malformedAnswer("\(key) ended after \(written) of \(object.length) bytes")
            }
            _ = try? FileManager.default.removeItem(at: file)
            try FileManager.default.moveItem(at: partial, to: file)
        } catch {
            try? FileManager.default.removeItem(at: partial)
            throw error
        }
        return written
    }

    /// The object's size and type, or nil when there is no such object.
    public func head(key: String) async throws -> ObjectInfo? {
        let response = try await send("HEAD", key: key, payload: .empty)
        if response.status.code == 404 { return nil }
        guard response.status.code == 200 else { throw try await failure(response, key: key) }
        return ObjectInfo(
            key: key, size: response.headers.first(name: "content-length").flatMap { Int($0) } ?? 0,
            etag: response.headers.first(name: "etag"), contentType: response.headers.first(name: "content-type"))
    }

    /// Deletes an object; deleting one that is not there is not an error (S3 answers 204 either way).
    public func delete(key: String) async throws {
        let response = try await send("DELETE", key: key, payload: .empty)
        if response.status.code == 404 {
            // Some servers answer NoSuchKey; a missing bucket is still an error.
            let error = try await failure(response, key: key)
            if case .noSuchKey = error { return }
            throw error
        }
        try await expect(response, key: key)
    }

    /// Every object whose key starts with `prefix`, in key order, page after page.
    public func list(prefix: String) async throws -> [ObjectInfo] {
        var found: [ObjectInfo] = []
        var token: String?
        repeat {
            var query = [("list-type", "2"), ("prefix", prefix)]
            if let token { query.append(("continuation-token", token)) }
            let response = try await send("GET", query: query, payload: .empty)
            guard response.status.code == 200 else { throw try await failure(response, key: nil) }
            let xml = String(buffer: try await response.body.collect(upTo: 16 << 20))
            for entry in S3XML.blocks("Contents", in: xml) {
                guard let key = S3XML.value("Key", in: entry) else {
                    throw S3Error.malformedAnswer("a listing entry without a key")
                }
                found.append(
                    ObjectInfo(
                        key: key, size: S3XML.value("Size", in: entry).flatMap { Int($0) } ?? 0,
                        etag: S3XML.value("ETag", in: entry), contentType: nil))
            }
            let truncated = S3XML.value("IsTruncated", in: xml) == "true"
            token = truncated ? S3XML.value("NextContinuationToken", in: xml) : nil
            if truncated && token == nil { throw S3Error.malformedAnswer("a truncated listing without a token") }
        } while token != nil
        return found
    }

    /// Deletes every object under `prefix` (a video's folder); returns how many there were.
    @discardableResult
    public func deleteAll(prefix: String) async throws -> Int {
        let objects = try await list(prefix: prefix)
        for object in objects { try await delete(key: object.key) }
        return objects.count
    }

    /// A URL that lets whoever holds it GET the object for `expires` seconds, with no other credential.
    public func presignedGET(key: String, expires: Int = 300, query: [(String, String)] = []) throws -> URL {
        try signer.presign(method: "GET", url: location.url(key: key, query: query), expires: expires, date: now())
    }

    static func size(of file: URL) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: file.path)
        return (attributes[.size] as? NSNumber)?.intValue ?? 0
    }
}
