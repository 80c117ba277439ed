import NIOCore
import PixoraCore
import Prometheus

/// Video-list answers kept as the bytes they were sent as, each under the owner's list stamp
/// (`Database.videoListStamp`) at the time it was read. An entry is used only while the stamp is unchanged, so any
/// write to the user's videos, from this process or another one sharing the database, retires it. Dashboards poll
/// the list; an unchanged list then costs no database read, no row decoding and no JSON.
///
/// Bounded: at most `capacity` entries (`BoundedMemo`) and no answer larger than `largestBody`.
final class ListCache: Sendable {
    struct Entry: Sendable {
        var stamp: Int64
        var body: ByteBuffer
    }

    let largestBody: Int
    private let entries: BoundedMemo<String, Entry>
    private let hits: Counter
    private let misses: Counter

    /// Counts its lookups in `registry` as `pixora_video_list_cache_lookups_total{result="hit"|"miss"}`.
    init(registry: PrometheusCollectorRegistry, capacity: Int = 4096, largestBody: Int = 256 * 1024) {
        entries = BoundedMemo(capacity: capacity)
        self.largestBody = largestBody
        let descriptor = MetricNameDescriptor(
            metricName: "pixora_video_list_cache_lookups", unitName: "total",
            helpText: "Video lists answered from the cache (hit) or read (miss)")
        hits = registry.makeCounter(descriptor: descriptor, labels: [("result", "hit")])
        misses = registry.makeCounter(descriptor: descriptor, labels: [("result", "miss")])
    }

    /// The stored answer for `key`, if it was stored under `stamp`.
    func body(for key: String, stamp: Int64) -> ByteBuffer? {
        let entry = entries.value(for: key)
        let body = entry?.stamp == stamp ? entry?.body : nil
        (body == nil ? misses : hits).increment()
        return body
    }

    func store(_ body: ByteBuffer, for key: String, stamp: Int64) {
        guard body.readableBytes <= largestBody else { return }
        entries.remember(Entry(stamp: stamp, body: body), for: key)
    }
}
