import Foundation

/// Decides whether an upload can be a remix project's sample video: ffprobe must find moving pictures, and the
/// end of the declared length must decode (a cut-off upload is refused at once instead of failing its analysis
/// later). The caller checks the length against its own limit.
public enum SampleVideoCheck {
    /// Returns the probe of an acceptable sample; throws `UploadError` otherwise.
    public static func check(_ file: URL) async throws -> UploadProbe {
        let probe = try await UploadProbe.inspect(file)
        guard probe.kind == .video, let info = probe.info else {
            throw UploadError.wrongKind(expected: .video, found: probe.kind)
        }
        let decoded = try await decodedEnd(file, declared: info.duration)
        // Containers round their lengths; a second short of the declared end is still a whole file.
        guard decoded >= info.duration - 1 else {
            throw UploadError.truncated(declared: info.duration, decoded: decoded)
        }
        return probe
    }

    /// The time of the last picture that decodes in the final two seconds of the declared length (0 when none).
    static func decodedEnd(_ file: URL, declared: Double) async throws -> Double {
        let start = max(0, declared - 2)
        let output = try await NeutralName.withLink(to: file) { link in
            try await ToolRunner.run(
                .ffprobe,
                [
                    "-v", "error", "-read_intervals", "\(start)%", "-select_streams", "v:0", "-show_entries",
                    "frame=best_effort_timestamp_time", "-of", "csv=p=0", link.path,
                ])
        }
        let times = output.standardOutput.split(separator: "\n").compactMap {
            Double($0.trimmingCharacters(in: CharacterSet(charactersIn: ", \r")))
        }
        return times.max() ?? 0
    }
}
