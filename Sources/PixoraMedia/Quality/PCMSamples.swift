import Foundation

/// A WAV's samples as numbers (−1…1), one array per channel. Generated voices and music are 16-bit PCM WAVs,
/// read here directly; any other encoding is converted by ffmpeg first.
public struct PCMSamples: Sendable {
    public var sampleRate: Int
    public var channels: [[Float]]

    public var duration: Double { Double(channels.first?.count ?? 0) / Double(max(sampleRate, 1)) }

    public static func read(_ url: URL) async throws -> PCMSamples {
        let header = try? WAVHeader(contentsOf: url)
        if let header, header.bitsPerSample == 16, header.channels > 0 { return try decode(url, header) }
        let converted = FileManager.default.temporaryDirectory.appendingPathComponent(
            "pixora-pcm-\(UUID().uuidString).wav")
        defer { try? FileManager.default.removeItem(at: converted) }
        try await ToolRunner.run(
            .ffmpeg,
            [
                "-hide_banner", "-nostdin", "-loglevel", "error", "-y", "-i", url.path, "-c:a", "pcm_s16le",
                converted.path,
            ])
        return try decode(converted, try WAVHeader(contentsOf: converted))
    }

    static func decode(_ url: URL, _ header: WAVHeader) throws -> PCMSamples {
        let data = try Data(contentsOf: url, options: .mappedIfSafe)
        // The data chunk is the last `dataBytes` before any trailing chunk; WAVHeader found where it starts.
        guard let start = dataStart(data) else {
            throw MediaError.unreadableOutput(tool: "wav", detail: "\(url.lastPathComponent) has no data chunk")
        }
        let count = min(header.dataBytes, data.count - start) / 2 / header.channels
        var channels = Array(repeating: [Float](repeating: 0, count: count), count: header.channels)
        data.withUnsafeBytes { raw in
            for frame in 0..<count {
                for channel in 0..<header.channels {
                    let at = start + (frame * header.channels + channel) * 2
                    let value = Int16(bitPattern: UInt16(raw[at]) | UInt16(raw[at + 1]) << 8)
                    channels[channel][frame] = Float(value) / 32768
                }
            }
        }
        return PCMSamples(sampleRate: header.sampleRate, channels: channels)
    }

    static func dataStart(_ data: Data) -> Int? {
        var offset = 12
        while offset + 8 <= data.count {
            let id = String(decoding: data[offset..<offset + 4], as: UTF8.self)
            if id == "data" { return offset + 8 }
            let size =
                Int(data[offset + 4]) | Int(data[offset + 5]) << 8 | Int(data[offset + 6]) << 16
                | Int(data[offset + 7]) << 24
            offset += 8 + size + (size & 1)
        }
        return nil
    }

    /// RMS level in dBFS of each `window`-second block of all channels (−120 for digital silence).
    func windowLevels(window: Double) -> [Double] {
        let size = max(Int(window * Double(sampleRate)), 1)
        let count = channels.first?.count ?? 0
        return stride(from: 0, to: count, by: size).map { from in
            let to = min(from + size, count)
            var sum: Double = 0
            for channel in channels {
                for index in from..<to { sum += Double(channel[index] * channel[index]) }
            }
            let mean = sum / Double((to - from) * channels.count)
            return mean > 0 ? max(10 * log10(mean), -120) : -120
        }
    }
}
