import Foundation

/// The keys requests are signed with, from `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and the optional
/// `AWS_SESSION_TOKEN`, the names every S3 tool reads. `description` hides the secret and the token.
public struct S3Credentials: Sendable, Equatable, CustomStringConvertible {
    public let accessKeyID: String
    public let secretAccessKey: String
    public let sessionToken: String?

    public init(accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
    }

    public init(environment: [String: String]) throws(S3Error) {
        let read = { (name: String) in
            environment[name]?.trimmingCharacters(in: .whitespacesAndNewlines).nonEmpty
        }
        guard let key = read("AWS_ACCESS_KEY_ID"), let secret = read("AWS_SECRET_ACCESS_KEY") else {
            throw .missingCredentials
        }
        self.init(accessKeyID: key, secretAccessKey: secret, sessionToken: read("AWS_SESSION_TOKEN"))
    }

    public var description: String {
        "access key \(accessKeyID), secret ****" + (sessionToken == nil ? "" : ", session token ****")
    }
}

extension String {
    fileprivate var nonEmpty: String? { isEmpty ? nil : self }
}
