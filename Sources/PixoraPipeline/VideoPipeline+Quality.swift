import Foundation
import PixoraCore
import PixoraGenerators
import PixoraMedia

/// The quality gate in the pipeline: each asset made now is checked before anything uses it; one that fails is
/// discarded and made again (`QualityGate`). Assets found in the cache were checked when they were made.
extension VideoPipeline {
    /// Synthesizes `request` into `wav` until the voice passes its check; `retried` hears why each retry happened.
    func checkedSpeech(
        _ request: SpeechRequest, wav: AssetRef, what: String, retried: (String) -> Void
    ) async throws -> SpeechTimings {
        var attempt = 0
        while true {
            let timings = try await makeSpeech(request, wav: wav, publishing: false)
            let url = try store.url(for: wav)
            let result = try await quality.timed(.voice) {
                try await VoiceQuality.check(url, speaking: QualityGate.speakingRange(request))
            }
            if result.passed {
                try await store.publish(wav)
                return timings
            }
            store.discard(wav)
            attempt += 1
            guard attempt <= quality.retries else {
                throw QualityCheckFailed(what: what, attempts: attempt, reasons: result.reasons)
            }
            retried(result.summary ?? "failed check")
        }
    }

    /// Checks a clip just made for `request`, with its `frames` when the generator measured them as it encoded;
    /// nil when it passed, else the result (the clip is then discarded).
    func rejectedClip(
        _ clip: AssetRef, _ request: ClipRequest, frames: ClipFrames? = nil
    ) async throws -> QualityResult<ClipMeasurement>? {
        let expected = ClipExpectation(
            width: request.width, height: request.height, fps: request.fps, duration: request.duration)
        return try await rejectedClip(clip, expected, frames: frames)
    }

    /// Checks a clip just made against `expected`; nil when it passed, else the result (the clip is discarded).
    func rejectedClip(
        _ clip: AssetRef, _ expected: ClipExpectation, frames: ClipFrames? = nil
    ) async throws -> QualityResult<ClipMeasurement>? {
        let url = try store.url(for: clip)
        if frames != nil { quality.clock.addMeasuredWhileEncoding(seconds: expected.duration) }
        let result = try await quality.timed(.clip) {
            try await ClipQuality.check(url, against: expected, frames: frames)
        }
        if result.passed { return nil }
        store.discard(clip)
        return result
    }

    /// Checks a music track just made; nil when it loops cleanly, else the result (the track is then discarded).
    func rejectedMusic(_ track: AssetRef) async throws -> QualityResult<MusicLoopMeasurement>? {
        let url = try store.url(for: track)
        let result = try await quality.timed(.music) { try await MusicLoopQuality.check(url) }
        if result.passed { return nil }
        store.discard(track)
        return result
    }

    /// A render measured against its EditorState.
    func renderCheck(_ result: RenderResult, _ state: EditorState) async throws -> QualityResult<RenderMeasurement> {
        try await quality.timed(.render) {
            try await RenderQuality.check(result.output, against: state, sounding: result.loudness != nil)
        }
    }

    /// Checks a render against its EditorState; a failure removes the file and fails with the measurements.
    func checkRender(_ result: RenderResult, _ state: EditorState) async throws {
        let check = try await renderCheck(result, state)
        if !check.passed { try reject(result, check) }
    }

    /// Removes a render that failed its check and fails with the measurements.
    func reject(_ result: RenderResult, _ check: QualityResult<RenderMeasurement>) throws -> Never {
        try? FileManager.default.removeItem(at: result.output)
        if let thumbnail = result.thumbnail { try? FileManager.default.removeItem(at: thumbnail) }
        throw QualityCheckFailed(what: "the render", attempts: 1, reasons: check.reasons)
    }
}
