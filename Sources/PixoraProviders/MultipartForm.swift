import Foundation

/// A `multipart/form-data` body (RFC 7578): text fields and files, in the order added.
struct MultipartForm: Sendable {
    let boundary = "pixora-\(UUID().uuidString)"
    private(set) var body = Data()

    var contentType: String { "multipart/form-data; boundary=\(boundary)" }

    mutating func add(_ name: String, _ value: String) {
        body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n".utf8))
        body.append(Data("\(value)\r\n".utf8))
    }

    mutating func add(_ name: String, file: Data, filename: String, type: String) {
        body.append(
            Data(
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"; filename=\"\(filename)\"\r\nContent-Type: \(type)\r\n\r\n"
                    .utf8))
        body.append(file)
        body.append(Data("\r\n".utf8))
    }

    /// The body with its closing delimiter.
    var finished: Data { body + Data("--\(boundary)--\r\n".utf8) }
}
