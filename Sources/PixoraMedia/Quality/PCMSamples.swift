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
        let width = header.channels
        let count = min(header.dataBytes, data.count - start) / 2 / width
        // Each channel is filled through its own buffer in one pass over the interleaved samples: no nested
        // array is written element by element (a uniqueness check and a bounds check per sample otherwise).
        let channels = data.withUnsafeBytes { raw in
            (0..<width).map { channel in
                [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
                    var at = start + channel * 2
                    for frame in 0..<count {
                        let value = Int16(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: Int16.self))
                        buffer[frame] = Float(value) / 32768
                        at += 2 * width
                    }
                    initialized = count
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
        var sums = [Double](repeating: 0, count: (count + size - 1) / size)
        for channel in channels {
            channel.withUnsafeBufferPointer { samples in
                for block in sums.indices {
                    var sum: Double = 0
                    for index in block * size..<min(block * size + size, count) {
                        sum += Double(samples[index] * samples[index])
                    }
                    sums[block] += sum
                }
            }
        }
        return sums.indices.map { block in
            let mean = sums[block] / Double((min(block * size + size, count) - block * size) * channels.count)
            return mean > 0 ? max(10 * log10(mean), -120) : -120
        }
    }
}
