import Foundation

/// A built-in colour grade.
public enum LookPreset: String, NamedChoice {
    case none, warm, cool, vintage, bw
    case tealOrange = "teal-orange"
    case highContrast = "high-contrast"
}

/// The colour grade of the whole video or of one clip: a preset or one of the user's `.cube` LUTs, blended with
/// the original picture by `intensity` (0 leaves the picture as it is, 1 applies the grade fully).
public struct Look: Codable, Sendable, Hashable {
    public var preset: LookPreset?
    /// An uploaded LUT (`<key>.cube`, see `POST /api/v1/luts`).
    public var lut: AssetRef?
    public var intensity: Double

    public init(preset: LookPreset, intensity: Double = 1) {
        self.preset = preset
        self.intensity = intensity
    }

    public init(lut: AssetRef, intensity: Double = 1) {
        self.lut = lut
        self.intensity = intensity
    }

    enum CodingKeys: String, CodingKey {
        case preset, lut, intensity
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        preset = try c.decodeIfPresent(LookPreset.self, forKey: .preset)
        lut = try c.decodeIfPresent(AssetRef.self, forKey: .lut)
        intensity = try c.decodeIfPresent(Double.self, forKey: .intensity) ?? 1
    }

    /// True when rendering this look changes no pixel.
    public var isIdentity: Bool { intensity <= 0 || (lut == nil && (preset ?? LookPreset.none) == LookPreset.none) }

    /// Field-level problems, with paths under `path`.
    public func issues(at path: String) -> [DocumentIssue] {
        var issues: [DocumentIssue] = []
        switch (preset, lut) {
        case (nil, nil): issues.append(.init("\(path).preset", "send a preset (\(LookPreset.allowedValues)) or a lut"))
        case (.some, .some): issues.append(.init("\(path).lut", "send a preset or a lut, not both"))
        default: break
        }
        if let lut, lut.ext != "cube" {
            issues.append(.init("\(path).lut", "must be a LUT asset (.cube), got .\(lut.ext)"))
        }
        if !intensity.isFinite || !(0...1).contains(intensity) {
            issues.append(.init("\(path).intensity", "must be between 0 and 1, got \(intensity.formatted)"))
        }
        return issues
    }

    /// Words for change lists: "the warm look at 80%".
    public var summary: String {
        let name = lut != nil ? "the uploaded LUT" : "the \(preset?.rawValue ?? "none") look"
        return intensity == 1 ? name : "\(name) at \(Int((intensity * 100).rounded()))%"
    }
}

extension EditorState {
    /// The look clip `index` is rendered with: its own when it has one, else the whole video's.
    public func look(ofClip index: Int) -> Look? { clips[index].look ?? look }

    /// Every LUT the document uses, once each.
    public var lookLUTs: [AssetRef] {
        var seen = Set<AssetRef>()
        return ([look] + clips.map(\.look)).compactMap { $0?.lut }.filter { seen.insert($0).inserted }
    }
}
