import Foundation

extension MediaCheck {
    /// RMS level (dB) of a file's first audio stream in a narrow band around `frequency`, per `window` seconds;
    /// silence reads -200. Tells apart tones mixed into one track (a voice, a bed, an effect) by where each sounds.
    public static func bandLevels(of url: URL, frequency: Int, window: Double = 1) async throws -> [Double] {
        let output = try await ToolRunner.run(
            .ffmpeg,
            [
                "-hide_banner", "-nostdin", "-nostats", "-i", url.path, "-map", "0:a:0", "-af",
                "aresample=48000,pan=mono|c0=c0,bandpass=f=\(frequency):width_type=q:w=25,"
                    + "asetnsamples=n=\(Int((window * 48000).rounded())):p=0,astats=metadata=1:reset=1,"
                    + "ametadata=print:key=lavfi.astats.Overall.RMS_level",
                "-f", "null", "-",
            ])
        return output.errorLines.compactMap { line in
            guard let range = line.range(of: "RMS_level=") else { return nil }
            let value = Double(line[range.upperBound...]) ?? -200
            return value.isFinite ? value : -200
        }
    }
}
