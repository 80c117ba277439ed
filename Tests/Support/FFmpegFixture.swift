import Foundation

/// Media files made by ffmpeg for tests: the arguments after `-y`, the output last. Throws with ffmpeg's words.
public func ffmpegFixture(_ arguments: [String], to output: URL) async throws {
    let (status, text) = try await runTool(
        "/usr/bin/ffmpeg", ["-v", "error", "-y"] + arguments + [output.path], errors: true)
    guard status == 0 else { throw FixtureFailure("ffmpeg \(arguments.joined(separator: " ")): \(text)") }
}

/// A sample video with hard cuts at known times: one solid colour per shot, 320×240 at 25 fps, with a 440 Hz tone.
public func sampleVideoFixture(shots: [(seconds: Double, colour: String)], to output: URL) async throws {
    var arguments: [String] = []
    for shot in shots {
        arguments += [
            "-f", "lavfi", "-i",
            "testsrc2=s=320x240:r=25:d=\(shot.seconds),hue=s=0,"
                + "drawbox=c=\(shot.colour)@0.85:t=fill",
        ]
    }
    let total = shots.reduce(0) { $0 + $1.seconds }
    arguments += ["-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=\(total)"]
    let inputs = (0..<shots.count).map { "[\($0):v]" }.joined()
    arguments += [
        "-filter_complex", "\(inputs)concat=n=\(shots.count):v=1:a=0[v]", "-map", "[v]", "-map", "\(shots.count):a",
        "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest",
    ]
    try await ffmpegFixture(arguments, to: output)
}

public struct FixtureFailure: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
