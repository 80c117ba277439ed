import Foundation

extension EditorState {
    public static let maximumClips = 60
    public static let clipDurationRange: ClosedRange<Double> = 0.5...120
    public static let canvasSideRange: ClosedRange<Int> = 128...3840

    /// Every field-level problem, each with its path; empty when the document can be rendered.
    public func validate() -> [DocumentIssue] {
        var issues: [DocumentIssue] = []
        func add(_ path: String, _ message: String) { issues.append(DocumentIssue(path, message)) }

        if version != Self.currentVersion {
            add(
                "version",
                "unsupported editor state version \(version); this Pixora reads version \(Self.currentVersion)")
        }
        for (name, side) in [("canvas.width", canvas.width), ("canvas.height", canvas.height)] {
            if !Self.canvasSideRange.contains(side) || side % 2 != 0 {
                add(name, "must be an even number of pixels between 128 and 3840, got \(side)")
            }
        }
        if !(1...60).contains(canvas.fps) { add("canvas.fps", "must be between 1 and 60, got \(canvas.fps)") }
        if !HexColor.isValid(background) { add("background", HexColor.rule(background)) }

        if clips.isEmpty { add("clips", "must contain at least one clip") }
        if clips.count > Self.maximumClips {
            add("clips", "has \(clips.count) clips; at most \(Self.maximumClips) are allowed")
        }
        var clipIds = Set<String>()
        for (index, clip) in clips.enumerated() {
            let path = "clips[\(index)]"
            if !Identifier.isValid(clip.id) {
                add("\(path).id", Identifier.rule)
            } else if !clipIds.insert(clip.id).inserted {
                add("\(path).id", "duplicate clip id '\(clip.id)'")
            }
            if !Self.clipDurationRange.contains(clip.duration) {
                add("\(path).duration", "must be between 0.5 and 120 seconds, got \(clip.duration.formatted)")
            }
            if clip.trimIn < 0 || !clip.trimIn.isFinite {
                add("\(path).trimIn", "must be 0 or more, got \(clip.trimIn.formatted)")
            }
            if clip.asset.ext != "mp4" { add("\(path).asset", "must be a video asset (.mp4), got .\(clip.asset.ext)") }
            if let look = clip.look { issues += look.issues(at: "\(path).look") }
        }
        if let look { issues += look.issues(at: "look") }

        let cuts = max(clips.count - 1, 0)
        if transitions.count != cuts {
            add(
                "transitions",
                "must have one transition per cut: \(cuts) for \(clips.count) clips, got \(transitions.count)")
        } else {
            for (index, transition) in transitions.enumerated() {
                let limit = Transition.longest(between: clips[index].duration, and: clips[index + 1].duration)
                if transition.kind != .cut && (transition.duration <= 0 || transition.duration > limit) {
                    add(
                        "transitions[\(index)].duration",
                        "must be more than 0 and at most \(limit.formatted) s (half the shorter of clips \(index) and \(index + 1), at most 3 s), got \(transition.duration.formatted)"
                    )
                }
            }
        }

        let total = issues.isEmpty ? duration : .infinity
        validateText(captions.style, at: "captions.style", into: &issues)
        for (index, cue) in captions.cues.enumerated() {
            validateSpan(
                start: cue.start, end: cue.end, text: cue.text, total: total, at: "captions.cues[\(index)]",
                into: &issues)
            issues += cue.wordIssues(at: "captions.cues[\(index)].words")
        }
        var overlayIds = Set<String>()
        for (index, overlay) in overlays.enumerated() {
            let path = "overlays[\(index)]"
            if !Identifier.isValid(overlay.id) {
                add("\(path).id", Identifier.rule)
            } else if !overlayIds.insert(overlay.id).inserted {
                add("\(path).id", "duplicate overlay id '\(overlay.id)'")
            }
            validateSpan(
                start: overlay.start, end: overlay.end, text: overlay.text, total: total, at: path, into: &issues)
            if !(0...1).contains(overlay.x) {
                add("\(path).x", "must be between 0 and 1 (fraction of the width), got \(overlay.x.formatted)")
            }
            if !(0...1).contains(overlay.y) {
                add("\(path).y", "must be between 0 and 1 (fraction of the height), got \(overlay.y.formatted)")
            }
            validateText(overlay.style, at: "\(path).style", into: &issues)
            if let animation = overlay.animation {
                issues += animation.issues(at: "\(path).animation", span: overlay.end - overlay.start)
            }
        }

        for (name, track) in audio.namedTracks {
            if !AudioTrack.volumeRange.contains(track.volume) {
                add("audio.\(name).volume", "must be between 0 and 4, got \(track.volume.formatted)")
            }
            for (index, segment) in track.segments.enumerated() {
                validateSegment(segment, total: total, at: "audio.\(name).segments[\(index)]", into: &issues)
            }
        }

        if !(-30...(-5)).contains(output.loudness) {
            add("output.loudness", "must be between -30 and -5 LUFS, got \(output.loudness.formatted)")
        }
        if !(-9...0).contains(output.truePeak) {
            add("output.truePeak", "must be between -9 and 0 dBTP, got \(output.truePeak.formatted)")
        }
        if !(0...51).contains(output.crf) { add("output.crf", "must be between 0 and 51, got \(output.crf)") }
        return issues
    }

    private func validateSpan(
        start: Double, end: Double, text: String, total: Double, at path: String, into issues: inout [DocumentIssue]
    ) {
        if start < 0 || !start.isFinite {
            issues.append(.init("\(path).start", "must be 0 or more, got \(start.formatted)"))
        }
        if !(end > start) {
            issues.append(.init("\(path).end", "must be after start (\(start.formatted)), got \(end.formatted)"))
        }
        if end > total + 0.001 {
            issues.append(
                .init("\(path).end", "is \(end.formatted) s, past the end of the video (\(total.formatted) s)"))
        }
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            issues.append(.init("\(path).text", "must not be empty"))
        } else if text.codePointCount > 300 {
            issues.append(.init("\(path).text", "is \(text.codePointCount) characters; at most 300 are allowed"))
        }
    }

    private func validateText(_ style: TextStyle, at path: String, into issues: inout [DocumentIssue]) {
        if !(0.015...0.25).contains(style.size) {
            issues.append(
                .init(
                    "\(path).size",
                    "must be between 0.015 and 0.25 (fraction of the canvas height), got \(style.size.formatted)"))
        }
        if !(0...0.3).contains(style.outline) {
            issues.append(
                .init(
                    "\(path).outline",
                    "must be between 0 and 0.3 (fraction of the font size), got \(style.outline.formatted)"))
        }
        if !(0...1).contains(style.boxOpacity) {
            issues.append(.init("\(path).boxOpacity", "must be between 0 and 1, got \(style.boxOpacity.formatted)"))
        }
        for (name, color) in [
            ("color", style.color), ("outlineColor", style.outlineColor), ("boxColor", style.boxColor),
        ]
        where !HexColor.isValid(color) {
            issues.append(.init("\(path).\(name)", HexColor.rule(color)))
        }
    }

    private func validateSegment(
        _ segment: AudioSegment, total: Double, at path: String, into issues: inout [DocumentIssue]
    ) {
        if segment.asset.ext != "wav" {
            issues.append(.init("\(path).asset", "must be an audio asset (.wav), got .\(segment.asset.ext)"))
        }
        if segment.start < 0 || !segment.start.isFinite {
            issues.append(.init("\(path).start", "must be 0 or more, got \(segment.start.formatted)"))
        } else if segment.start >= total {
            issues.append(
                .init(
                    "\(path).start",
                    "is \(segment.start.formatted) s, at or past the end of the video (\(total.formatted) s)"))
        }
        if !(segment.duration > 0) || segment.duration > 600 {
            issues.append(
                .init(
                    "\(path).duration", "must be more than 0 and at most 600 seconds, got \(segment.duration.formatted)"
                ))
        }
        if segment.trimIn < 0 {
            issues.append(.init("\(path).trimIn", "must be 0 or more, got \(segment.trimIn.formatted)"))
        }
        if !AudioTrack.volumeRange.contains(segment.volume) {
            issues.append(.init("\(path).volume", "must be between 0 and 4, got \(segment.volume.formatted)"))
        }
        if segment.fadeIn < 0 || segment.fadeOut < 0 || segment.fadeIn + segment.fadeOut > segment.duration + 0.001 {
            issues.append(
                .init(
                    "\(path).fadeIn",
                    "fades must be 0 or more and fit in the segment (fadeIn + fadeOut ≤ duration \(segment.duration.formatted))"
                ))
        }
    }
}

/// `#RRGGBB` colours.
public enum HexColor {
    public static func isValid(_ text: String) -> Bool {
        text.count == 7 && text.first == "#" && text.dropFirst().allSatisfy(\.isHexDigit)
    }

    static func rule(_ text: String) -> String { "must be a colour like #1A2B3C, got '\(text)'" }

    /// Red, green, blue in 0…255; black for an invalid colour.
    public static func components(_ text: String) -> (Int, Int, Int) {
        guard isValid(text), let value = Int(text.dropFirst(), radix: 16) else { return (0, 0, 0) }
        return ((value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff)
    }
}
