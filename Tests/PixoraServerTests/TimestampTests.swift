import Foundation
import PixoraAPI
import Testing

@Suite("Timestamps in API bodies")
struct TimestampTests {
    @Test(
        "millisecond timestamps format as ISO 8601 in UTC, matching Foundation's formatter",
        arguments: [Int64(0), 1, 999, 1_000, 951_782_400_123, 1_795_320_835_758, -1])
    func iso8601(millis: Int64) {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        #expect(millis.iso8601 == formatter.string(from: Date(timeIntervalSince1970: Double(millis) / 1000)))
        #expect(Date(milliseconds: millis).milliseconds == millis)
    }
}
