import PixoraCore
import Testing

@Suite("PIXORA_RETENTION")
struct RetentionTests {
    @Test(
        "durations in days, hours, minutes or seconds, and forever",
        arguments: [
            ("7d", Retention.seconds(604_800)), ("36h", .seconds(129_600)), ("90m", .seconds(5_400)),
            ("60s", .seconds(60)), ("forever", .forever), (" 2S ", .seconds(2)),
        ])
    func parses(text: String, retention: Retention) throws {
        #expect(Retention(parsing: text) == retention)
        #expect(try Configuration(environment: ["PIXORA_RETENTION": text]).retention("PIXORA_RETENTION") == retention)
    }

    @Test("the default is 7 days; forever never expires")
    func defaults() throws {
        #expect(try Configuration(environment: [:]).retention("PIXORA_RETENTION") == .seconds(604_800))
        #expect(Retention.forever.expiry(after: 1000) == nil)
        #expect(Retention.seconds(2).expiry(after: 1000) == 3000)
    }

    @Test(
        "anything else stops the start with a clear message", arguments: ["7", "d", "0s", "-1d", "7w", "1.5h", "never"])
    func refuses(text: String) {
        #expect(Retention(parsing: text) == nil)
        #expect {
            try Configuration(environment: ["PIXORA_RETENTION": text])
        } throws: { error in
            "\(error)".contains(
                "PIXORA_RETENTION must be a whole number followed by d, h, m or s (such as 7d, 36h, 90m, 60s), or forever"
            )
        }
    }
}
