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
            guard trimmed.hasSuffix(">"), open < trimmed.index(before: trimmed.endIndex) else {
                throw .invalidAddress(text)
            }
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
    var domain: String {
        let scalars = address.unicodeScalars
        return String(scalars[scalars.index(after: scalars.lastIndex(of: "@")!)...])
    }

    /// The mailbox as a header value: plain ASCII, the display name quoted or RFC 2047-encoded when it needs to be.
    var headerValue: String {
        guard let displayName else { return address }
        return "\(HeaderText.phrase(displayName)) <\(address)>"
    }

    /// Deliberately simple: one `@`, something either side, nothing that has a meaning in headers or SMTP commands.
    /// Checked scalar by scalar: `>` followed by a combining mark is one Character that equals no character listed.
    private static func isPlausible(_ address: String) -> Bool {
        let scalars = Array(address.unicodeScalars)
        guard let at = scalars.firstIndex(of: "@"), at > 0, at < scalars.count - 1,
            !scalars[(at + 1)...].contains("@")
        else { return false }
        return !scalars.contains { $0.properties.isWhitespace || "<>()[],;:\\\"".unicodeScalars.contains($0) }
    }
}
