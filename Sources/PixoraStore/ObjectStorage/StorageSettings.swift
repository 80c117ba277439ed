import Foundation
import PixoraCore

/// Where media is kept, from `PIXORA_STORAGE` (and the AWS_* keys): the local folder unless it names a bucket.
public enum StorageSettings {
    /// The S3 client for `PIXORA_STORAGE`, or nil when media stays in the local folder. Throws when the URL or the
    /// credentials are unusable, so a node never starts writing media where its peers will not find it.
    public static func s3Client(_ configuration: Configuration) throws(S3Error) -> S3Client? {
        guard let text = configuration.text("PIXORA_STORAGE") else { return nil }
        let location = try S3Location(parsing: text)
        var environment: [String: String] = [:]
        for name in ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"] {
            environment[name] = configuration.text(name)
        }
        return S3Client(location: location, credentials: try S3Credentials(environment: environment))
    }

    /// True when media requests answer with a redirect to a presigned URL instead of streaming the bytes through.
    public static func redirects(_ configuration: Configuration) -> Bool {
        configuration.flag("PIXORA_STORAGE_REDIRECT") ?? false
    }
}
