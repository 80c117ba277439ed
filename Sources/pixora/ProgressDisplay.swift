import Foundation
import PixoraPipeline
import Synchronization

/// Shows generation progress on stderr: a redrawn bar with per-scene status on a terminal,
/// plain lines when stderr is a file or pipe, nothing when quiet.
final class ProgressDisplay: Sendable {
    private let quiet: Bool
    private let screen: Mutex<Screen>

    init(quiet: Bool) {
        self.quiet = quiet
        screen = Mutex(Screen(interactive: isatty(FileHandle.standardError.fileDescriptor) == 1))
    }

    func handle(_ event: ProgressEvent) {
        guard !quiet else { return }
        screen.withLock { $0.handle(event) }
    }

    func finish() {
        guard !quiet else { return }
        screen.withLock { $0.finish() }
    }
}

/// What the display has shown so far; only touched under the display's lock.
private struct Screen {
    let interactive: Bool
    var stage: GenerationStage?
    var fraction = 0.0
    var parts: [Int: [ScenePart: PartStatus]] = [:]
    var lastPrintedDecile = -1
    var drawn = false
    var notices: Set<String> = []

    init(interactive: Bool) { self.interactive = interactive }

    mutating func handle(_ event: ProgressEvent) {
        let stageChanged = event.stage != stage
        stage = event.stage
        fraction = max(fraction, event.fraction)
        if let index = event.sceneIndex, let part = event.part, let status = event.status {
            parts[index, default: [:]][part] = status
        }
        // A stand-in (a provider's fallback, flite for a Piper voice) is said once, above the bar.
        if let notice = event.notice, notices.insert(notice).inserted {
            write((interactive && drawn ? "\r\u{1B}[2K" : "") + "note: \(notice)\n")
        }
        if interactive {
            draw()
        } else if stageChanged || (event.status.map { [.done, .reused, .failed].contains($0) } ?? false) {
            write("[\(percent)] \(event.message)\n")
        } else if event.stage == .rendering, Int(event.fraction * 10) > lastPrintedDecile {
            lastPrintedDecile = Int(event.fraction * 10)
            write("[\(percent)] rendering\n")
        }
    }

    func finish() {
        if interactive && drawn { write("\r\u{1B}[2K") }
    }

    private var percent: String { String(format: "%3d%%", Int((fraction * 100).rounded(.down))) }

    private mutating func draw() {
        let width = 24
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let scenes = parts.keys.sorted().map { index -> String in
            let status = parts[index] ?? [:]
            let marks = [ScenePart.voice, .image, .clip].map { part -> String in
                switch status[part] {
                case .done?, .reused?: return "✓"
                case .working?: return "…"
                case .failed?: return "✗"
                default: return "·"
                }
            }.joined()
            return "\(index + 1):\(marks)"
        }.joined(separator: " ")
        write("\r\u{1B}[2K\(bar) \(percent) \(stage?.rawValue ?? "")  \(scenes)")
        drawn = true
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
