import AsyncHTTPClient
import Foundation
import NIOCore

extension S3Client {
    /// Uploads a large file in `partSize` parts, each streamed from its range of the file. On any failure the
    /// upload is aborted, so the store keeps no orphan parts (which it would bill for).
    func putMultipart(file: URL, size: Int, key: String, contentType: String) async throws {
        let upload = try await createMultipartUpload(key: key, contentType: contentType)
        do {
            var parts: [(number: Int, etag: String)] = []
            var offset = 0
            while offset < size {
                let length = min(partSize, size - offset)
                let number = parts.count + 1
                let etag = try await uploadPart(
                    file: file, offset: offset, length: length, key: key, upload: upload, number: number)
                parts.append((number, etag))
                offset += length
            }
            try await completeMultipartUpload(key: key, upload: upload, parts: parts)
        } catch {
            try? await abortMultipartUpload(key: key, upload: upload)
            throw error
        }
    }

    func createMultipartUpload(key: String, contentType: String) async throws -> String {
        let response = try await send(
            "POST", key: key, query: [("uploads", "")], headers: [("Content-Type", contentType)], payload: .empty)
        guard response.status.code == 200 else { throw try await failure(response, key: key) }
        let xml = String(buffer: try await response.body.collect(upTo: 1 << 20))
        guard let id = S3XML.value("UploadId", in: xml), !id.isEmpty else {
            throw S3Error.malformedAnswer("a multipart upload without an UploadId")
        }
        return id
    }

    func uploadPart(file: URL, offset: Int, length: Int, key: String, upload: String, number: Int)
        async throws -> String
    {
        let response = try await send(
            "PUT", key: key, query: [("partNumber", String(number)), ("uploadId", upload)], payload: .unsigned,
            body: { .stream(FileChunks(url: file, offset: offset, length: length), length: .known(Int64(length))) })
        guard response.status.code == 200 else { throw try await failure(response, key: key) }
        _ = try await response.body.collect(upTo: 1 << 20)
        guard let etag = response.headers.first(name: "etag") else {
            throw S3Error.malformedAnswer("part \(number) of \(key) was stored without an ETag")
        }
        return etag
    }

    func completeMultipartUpload(key: String, upload: String, parts: [(number: Int, etag: String)]) async throws {
        let document =
            "<CompleteMultipartUpload>"
            + parts.map { "<Part><PartNumber>\($0.number)</PartNumber><ETag>\(S3XML.escape($0.etag))</ETag></Part>" }
            .joined() + "</CompleteMultipartUpload>"
        let data = Data(document.utf8)
        let response = try await send(
            "POST", key: key, query: [("uploadId", upload)], headers: [("Content-Type", "application/xml")],
            payload: .of(data), body: { .bytes(ByteBuffer(bytes: data)) })
        guard response.status.code == 200 else { throw try await failure(response, key: key) }
        // S3 may answer 200 and then report a failure in the body.
        let xml = String(buffer: try await response.body.collect(upTo: 1 << 20))
        if xml.contains("<Error>") {
            throw Self.error(
                status: 200, code: S3XML.value("Code", in: xml) ?? "", message: S3XML.value("Message", in: xml) ?? "",
                key: key, client: self)
        }
    }

    func abortMultipartUpload(key: String, upload: String) async throws {
        let response = try await send("DELETE", key: key, query: [("uploadId", upload)], payload: .empty)
        try await expect(response, key: key)
    }
}
