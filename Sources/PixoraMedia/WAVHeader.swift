import Foundation

/// The format and length of a PCM WAV file, read from its RIFF chunks (no external tool needed).
public struct WAVHeader: Sendable, Equatable {
    public var sampleRate: Int
    public var channels: Int
    public var bitsPerSample: Int
    public var dataBytes: Int

    public var duration: Double {
        Double(dataBytes) / Double(sampleRate * channels * max(bitsPerSample / 8, 1))
    }

    public init(contentsOf url: URL) throws {
        let data = try Data(contentsOf: url, options: .mappedIfSafe)
        func u32(_ at: Int) -> Int {
            Int(data[at]) | Int(data[at + 1]) << 8 | Int(data[at + 2]) << 16 | Int(data[at + 3]) << 24
        }
        func u16(_ at: Int) -> Int { Int(data[at]) | Int(data[at + 1]) << 8 }
        guard data.count >= 12, data.prefix(4) == Data("RIFF".utf8), data[8..<12] == Data("WAVE".utf8) else {
            throw MediaError.unreadableOutput(tool: "wav", detail: "\(url.lastPathComponent) is not a RIFF/WAVE file")
        }
        var offset = 12
        var format: (Int, Int, Int)?
        while offset + 8 <= data.count {
            let id = String(decoding: data[offset..<offset + 4], as: UTF8.self)
            var size = u32(offset + 4)
            if id == "fmt " && offset + 24 <= data.count {
                format = (u16(offset + 10), u32(offset + 12), u16(offset + 22))
            } else if id == "data", let (channels, rate, bits) = format {
                // Streamed WAVs (flite, ffmpeg to a pipe) may leave the size as 0 or 0xFFFFFFFF: use what is there.
                let available = data.count - offset - 8
                if size == 0 || size > available { size = available }
                self.sampleRate = rate
                self.channels = channels
                self.bitsPerSample = bits
                self.dataBytes = size
                return
            }
            offset += 8 + size + (size & 1)
        }
        throw MediaError.unreadableOutput(tool: "wav", detail: "\(url.lastPathComponent) has no fmt/data chunk")
    }
}
