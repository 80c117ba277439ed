import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Which addresses an outgoing call to a user-given URL may reach. Private networks, loopback, link-local (and
/// so the cloud metadata service at 169.254.169.254), CGNAT, unique-local IPv6 and the other special-purpose
/// ranges are refused, judged on the resolved address that is then connected to, so a name that resolves to a
/// public address when checked and a private one later (DNS rebinding) cannot get through.
public enum OutboundAddress {
    /// Why `address` (an IPv4 or IPv6 literal) may not be called; nil when it is a public address.
    public static func refusal(_ address: String) -> String? {
        if let v4 = ipv4(address) { return refusal(v4: v4) }
        guard let v6 = ipv6(address) else { return "not an IP address" }
        let mapped = v6.prefix(10).allSatisfy { $0 == 0 } && v6[10] == 0xFF && v6[11] == 0xFF
        let nat64 = v6.prefix(12).elementsEqual([0, 0x64, 0xFF, 0x9B, 0, 0, 0, 0, 0, 0, 0, 0])
        if mapped || nat64 { return refusal(v4: Array(v6[12...])) }
        if v6.allSatisfy({ $0 == 0 }) { return "the unspecified address" }
        if v6.prefix(15).allSatisfy({ $0 == 0 }) && v6[15] == 1 { return "a loopback address" }
        if v6[0] == 0xFE && v6[1] & 0xC0 == 0x80 { return "a link-local address" }
        if v6[0] & 0xFE == 0xFC { return "a unique-local address" }
        if v6[0] == 0xFF { return "a multicast address" }
        if v6[0] == 0x20 && v6[1] == 0x01 && v6[2] == 0x0D && v6[3] == 0xB8 { return "a documentation address" }
        return nil
    }

    static func refusal(v4 b: [UInt8]) -> String? {
        switch (b[0], b[1]) {
        case (0, _): return "a 'this network' address"
        case (10, _), (172, 16...31), (192, 168): return "a private address"
        case (100, 64...127): return "a shared (CGNAT) address"
        case (127, _): return "a loopback address"
        case (169, 254): return "a link-local or cloud metadata address"
        case (192, 0) where b[2] == 0 || b[2] == 2: return "a special-purpose address"
        case (198, 18...19): return "a benchmarking address"
        case (198, 51) where b[2] == 100, (203, 0) where b[2] == 113: return "a documentation address"
        case (224...239, _): return "a multicast address"
        case (240...255, _): return "a reserved address"
        default: return nil
        }
    }

    static func ipv4(_ text: String) -> [UInt8]? {
        var address = in_addr()
        guard inet_pton(AF_INET, text, &address) == 1 else { return nil }
        return withUnsafeBytes(of: &address) { Array($0) }
    }

    static func ipv6(_ text: String) -> [UInt8]? {
        var address = in6_addr()
        guard inet_pton(AF_INET6, text, &address) == 1 else { return nil }
        return withUnsafeBytes(of: &address) { Array($0) }
    }

    /// Whether `host` is an IP literal rather than a name.
    public static func isLiteral(_ host: String) -> Bool { ipv4(host) != nil || ipv6(host) != nil }

    /// The addresses `host` resolves to (the literal itself for an IP), as text, IPv4 first.
    public static func resolve(_ host: String) async throws -> [String] {
        if isLiteral(host) { return [host] }
        return try await Task.detached {
            var hints = addrinfo()
            hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
            var list: UnsafeMutablePointer<addrinfo>?
            let status = getaddrinfo(host, nil, &hints, &list)
            guard status == 0, let first = list else {
                throw ResolveFailure(host: host, reason: String(cString: gai_strerror(status)))
            }
            defer { freeaddrinfo(first) }
            var found: [String] = []
            var next: UnsafeMutablePointer<addrinfo>? = first
            while let entry = next {
                var buffer = [CChar](repeating: 0, count: Int(NI_MAXHOST))
                if getnameinfo(
                    entry.pointee.ai_addr, entry.pointee.ai_addrlen, &buffer, socklen_t(buffer.count), nil, 0,
                    NI_NUMERICHOST) == 0
                {
                    let text = String(cString: buffer)
                    if !found.contains(text) { found.append(text) }
                }
                next = entry.pointee.ai_next
            }
            return found.sorted { ipv4($0) != nil && ipv4($1) == nil }
        }.value
    }

    struct ResolveFailure: Error, CustomStringConvertible {
        var host: String
        var reason: String
        var description: String { "could not resolve \(host): \(reason)" }
    }
}
