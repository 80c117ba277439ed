import Foundation
import PixoraGenerators
import Synchronization

/// The procedural picture generator behind a gate: the first `passing` pictures go through, later ones wait until
/// the gate opens (or their task is cancelled). Counts the pictures started and finished per scene visual, so a
/// test sees what a pause discarded and what a resume made again. Its version is random, so the shared asset cache
/// never holds its pictures from an earlier run.
final class GatedImageGenerator: ImageGenerator {
    let id = "test.gated-procedural"
    let version = Int.random(in: 1_000...Int(Int32.max))
    private let inner = ProceduralImageGenerator()
    private let passing: Int
    private let state = Mutex<(open: Bool, waiting: Int, started: [String: Int], finished: [String: Int])>(
        (false, 0, [:], [:]))

    init(passing: Int) { self.passing = passing }

    func makeImage(_ request: ImageRequest, to output: URL) async throws {
        let held = state.withLock { state in
            state.started[Self.name(request), default: 0] += 1
            let held = !state.open && state.started.values.reduce(0, +) > passing
            if held { state.waiting += 1 }
            return held
        }
        if held {
            defer { state.withLock { $0.waiting -= 1 } }
            while !state.withLock({ $0.open }) { try await Task.sleep(for: .milliseconds(20)) }
        }
        try await inner.makeImage(request, to: output)
        state.withLock { $0.finished[Self.name(request), default: 0] += 1 }
    }

    /// One scene's picture: its visual and seed.
    static func name(_ request: ImageRequest) -> String { "\(request.visual)#\(request.seed)" }

    func open() { state.withLock { $0.open = true } }
    var waiting: Int { state.withLock { $0.waiting } }
    var started: [String: Int] { state.withLock { $0.started } }
    var finished: [String: Int] { state.withLock { $0.finished } }
}
