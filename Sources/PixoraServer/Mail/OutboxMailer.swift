import Foundation
import Logging

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes each mail as an `.eml` file into a folder, for servers without SMTP (development, first start).
public struct OutboxMailer: Mailer {
    public let folder: URL
    public let from: String
    let logger: Logger

    public init(folder: URL, from: String, logger: Logger) {
        self.folder = folder
        self.from = from
        self.logger = logger
    }

    public func send(_ mail: Mail) async throws {
        let now = Date()
        let message = try MailMessage(mail: mail, from: from, date: now)
        let name = "\(Self.fileTimestamp(now))-\(String(format: "%08x", UInt32.random(in: .min ... .max))).eml"
        let destination = folder.appendingPathComponent(name)
        do {
            // The files hold sign-in and reset links: only the server's user may read them.
            try FileManager.default.createDirectory(
                at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw MailError.outboxFailed(path: folder.path, reason: "\(error)")
        }
        // A dot-name without the .eml extension: whoever watches the folder never picks up a half-written mail.
        let temporary = folder.appendingPathComponent(".\(name).partial")
        do {
            try Self.writeNew(Data(message.text.utf8), to: temporary)
            guard rename(temporary.path, destination.path) == 0 else { throw POSIXFailure(operation: "rename") }
        } catch {
            _ = unlink(temporary.path)
            throw MailError.outboxFailed(path: destination.path, reason: "\(error)")
        }
        // Never the body: it holds secret links.
        logger.info(
            "mail written to outbox",
            metadata: ["to": "\(mail.to)", "subject": "\(mail.subject)", "file": "\(destination.path)"])
    }

    /// Creates `url` with mode 0600 from the start (no moment where others could open it), writes and syncs it.
    private static func writeNew(_ data: Data, to url: URL) throws {
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw POSIXFailure(operation: "open") }
        defer { _ = close(descriptor) }
        try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < buffer.count {
                let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw POSIXFailure(operation: "write")
                }
                offset += written
            }
        }
        // The rename must not become visible before the content is on disk.
        guard fsync(descriptor) == 0 else { throw POSIXFailure(operation: "fsync") }
    }

    /// `20250304-090500` in UTC, so names sort by time on every machine.
    static func fileTimestamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        return formatter.string(from: date)
    }
}

/// A failed system call with the reason `errno` gives.
private struct POSIXFailure: Error, CustomStringConvertible {
    let operation: String
    let reason = String(cString: strerror(errno))
    var description: String { "\(operation) failed: \(reason)" }
}
