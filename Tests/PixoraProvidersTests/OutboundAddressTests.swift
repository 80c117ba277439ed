import PixoraProviders
import Testing

@Suite("Outgoing calls: which addresses a user's URL may reach")
struct OutboundAddressTests {
    @Test(
        "private, loopback, link-local, CGNAT, unique-local and other special addresses are refused",
        arguments: [
            "127.0.0.1", "127.8.9.10", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254",
            "100.64.0.1", "100.127.255.254", "0.0.0.0", "224.0.0.1", "255.255.255.255", "198.18.0.1", "::1", "::",
            "fe80::1", "fd00:ec2::254", "fc00::1", "ff02::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1",
            "64:ff9b::a9fe:a9fe", "2001:db8::1",
        ])
    func refused(address: String) {
        #expect(OutboundAddress.refusal(address) != nil, "\(address)")
    }

    @Test(
        "public addresses pass",
        arguments: ["93.184.216.34", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:4700::1111", "::ffff:8.8.8.8"])
    func allowed(address: String) {
        #expect(OutboundAddress.refusal(address) == nil, "\(address)")
    }

    @Test("a name resolves before it is judged; a literal is itself")
    func resolves() async throws {
        #expect(try await OutboundAddress.resolve("127.0.0.1") == ["127.0.0.1"])
        let local = try await OutboundAddress.resolve("localhost")
        #expect(local.contains("127.0.0.1") || local.contains("::1"))
        #expect(local.allSatisfy { OutboundAddress.refusal($0) != nil })
    }
}
