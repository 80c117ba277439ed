/// An address as a header shows it (`Pixora <no-reply@pixora.local>` or `ann@example.com`), and the bare address SMTP needs.
struct Mailbox: Sendable, Equatable {
    var displayName: String?
    var address: String

    init(_ text: String) throws(MailError) {
        // A control character (CR, LF above all) in an address would let a caller add headers or SMTP commands.
        guard !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw .invalidAddress(text)
        }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let open = trimmed.lastIndex(of: "<") {
            guard trimmed.hasSuffix(">"), open < trimmed.index(before: trimmed.endIndex) else { throw .invalidAddress(text) }
            address = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
            var name = trimmed[..<open].trimmingCharacters(in: .whitespaces)
            if name.count >= 2, name.hasPrefix("\""), name.hasSuffix("\"") {
                name = String(name.dropFirst().dropLast()).replacingOccurrences(of: "\\\"", with: "\"")
                    .replacingOccurrences(of: "\\\\", with: "\\")
            }
            displayName = name.isEmpty ? nil : name
        } else {
            address = trimmed
            displayName = nil
        }
        guard Self.isPlausible(address) else { throw .invalidAddress(text) }
    }

    /// The part after the `@`, used to make Message-IDs unique to the sender.
    var domain: String { String(address[address.index(after: address.lastIndex(of: "@")!)...]) }

    /// The mailbox as a header value: plain ASCII, the display name quoted or RFC 2047-encoded when it needs to be.
    var headerValue: String {
        guard let displayName else { return address }
        return "\(HeaderText.phrase(displayName)) <\(address)>"
    }

    /// Deliberately simple: one `@`, something either side, nothing that has a meaning in headers or SMTP commands.
    private static func isPlausible(_ address: String) -> Bool {
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return false }
        return !address.contains { $0.isWhitespace || "<>()[],;:\\\"".contains($0) }
    }
}
