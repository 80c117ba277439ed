import Foundation

/// One typed edit of an EditorState, as the timeline, the assistant and the API send it (`{"op": "trimClip", …}`).
/// Clip and cut indexes count from 0; cut `i` joins clips `i` and `i + 1`. Only the fields of the operation's
/// kind are read.
public struct EditorOperation: Codable, Sendable, Hashable {
    public enum Kind: String, NamedChoice {
        case moveClip, removeClip, trimClip, splitClip
        case setTransition, setAllTransitions
        case setTrackVolume, setClipVolume, setDucking
        case setCaptions
        case addOverlay, updateOverlay, removeOverlay
        case addEffect, moveEffect, removeEffect
        case setLook, setClipLook, clearLook, setOverlayAnimation
    }

    public enum Track: String, NamedChoice {
        case voice, music, effects
    }

    public var op: Kind
    public var from: Int?
    public var to: Int?
    public var clip: Int?
    public var cut: Int?
    public var trimIn: Double?
    public var duration: Double?
    public var volume: Double?
    public var kind: TransitionKind?
    public var track: Track?
    public var enabled: Bool?
    public var style: TextStylePatch?
    /// `setCaptions`: a line at a time, or word by word with the spoken word highlighted.
    public var mode: CaptionMode?
    public var overlay: OverlayDraft?
    public var id: String?
    public var text: String?
    public var start: Double?
    public var end: Double?
    public var x: Double?
    public var y: Double?
    /// `splitClip`: seconds from the clip's start where the second part begins.
    public var at: Double?
    /// `moveEffect`, `removeEffect`: index into `audio.effects.segments`.
    public var effect: Int?
    /// `addEffect`: the sound (.wav).
    public var asset: AssetRef?
    /// `setLook`, `setClipLook`: the colour grade.
    public var look: Look?
    /// `setOverlayAnimation`, `updateOverlay`: how the text enters and leaves.
    public var animation: OverlayAnimation?

    public init(_ op: Kind) { self.op = op }

    public static func moveClip(from: Int, to: Int) -> Self {
        with(.moveClip) {
            $0.from = from
            $0.to = to
        }
    }
    public static func removeClip(_ clip: Int) -> Self { with(.removeClip) { $0.clip = clip } }
    public static func trimClip(_ clip: Int, trimIn: Double? = nil, duration: Double? = nil) -> Self {
        with(.trimClip) {
            $0.clip = clip
            $0.trimIn = trimIn
            $0.duration = duration
        }
    }
    /// Splits clip `clip` (or the clip whose id is `id`) `at` seconds after its start.
    public static func splitClip(_ clip: Int, at: Double) -> Self {
        with(.splitClip) {
            $0.clip = clip
            $0.at = at
        }
    }
    public static func splitClip(id: String, at: Double) -> Self {
        with(.splitClip) {
            $0.id = id
            $0.at = at
        }
    }
    public static func setTransition(_ cut: Int, kind: TransitionKind? = nil, duration: Double? = nil) -> Self {
        with(.setTransition) {
            $0.cut = cut
            $0.kind = kind
            $0.duration = duration
        }
    }
    public static func setAllTransitions(kind: TransitionKind? = nil, duration: Double? = nil) -> Self {
        with(.setAllTransitions) {
            $0.kind = kind
            $0.duration = duration
        }
    }
    public static func setTrackVolume(_ track: Track, _ volume: Double) -> Self {
        with(.setTrackVolume) {
            $0.track = track
            $0.volume = volume
        }
    }
    public static func setClipVolume(_ clip: Int, _ volume: Double) -> Self {
        with(.setClipVolume) {
            $0.clip = clip
            $0.volume = volume
        }
    }
    public static func setDucking(_ enabled: Bool) -> Self { with(.setDucking) { $0.enabled = enabled } }
    public static func setCaptions(
        enabled: Bool? = nil, style: TextStylePatch? = nil, mode: CaptionMode? = nil
    ) -> Self {
        with(.setCaptions) {
            $0.enabled = enabled
            $0.style = style
            $0.mode = mode
        }
    }
    public static func addOverlay(_ overlay: OverlayDraft) -> Self { with(.addOverlay) { $0.overlay = overlay } }
    public static func removeOverlay(_ id: String) -> Self { with(.removeOverlay) { $0.id = id } }
    public static func addEffect(_ asset: AssetRef, start: Double, duration: Double, volume: Double = 1) -> Self {
        with(.addEffect) {
            $0.asset = asset
            $0.start = start
            $0.duration = duration
            $0.volume = volume
        }
    }
    public static func moveEffect(_ effect: Int, start: Double) -> Self {
        with(.moveEffect) {
            $0.effect = effect
            $0.start = start
        }
    }
    public static func removeEffect(_ effect: Int) -> Self { with(.removeEffect) { $0.effect = effect } }
    public static func setLook(_ look: Look) -> Self { with(.setLook) { $0.look = look } }
    public static func setClipLook(_ clip: Int, _ look: Look) -> Self {
        with(.setClipLook) {
            $0.clip = clip
            $0.look = look
        }
    }
    /// Clears clip `clip`'s own look (it follows the whole video's again), or without a clip the whole video's.
    public static func clearLook(clip: Int? = nil) -> Self { with(.clearLook) { $0.clip = clip } }
    public static func setOverlayAnimation(_ id: String, _ animation: OverlayAnimation) -> Self {
        with(.setOverlayAnimation) {
            $0.id = id
            $0.animation = animation
        }
    }

    static func with(_ kind: Kind, _ set: (inout Self) -> Void) -> Self {
        var operation = Self(kind)
        set(&operation)
        return operation
    }
}

/// Some fields of a text style; the others stay as they are.
public struct TextStylePatch: Codable, Sendable, Hashable {
    public var font: FontFamily?
    public var size: Double?
    public var bold: Bool?
    public var color: String?
    public var outlineColor: String?
    public var outline: Double?
    public var box: Bool?
    public var boxColor: String?
    public var boxOpacity: Double?

    public init(size: Double? = nil, color: String? = nil, box: Bool? = nil) {
        self.size = size
        self.color = color
        self.box = box
    }

    public func applied(to style: TextStyle) -> TextStyle {
        var style = style
        if let font { style.font = font }
        if let size { style.size = size }
        if let bold { style.bold = bold }
        if let color { style.color = color.uppercased() }
        if let outlineColor { style.outlineColor = outlineColor.uppercased() }
        if let outline { style.outline = outline }
        if let box { style.box = box }
        if let boxColor { style.boxColor = boxColor.uppercased() }
        if let boxOpacity { style.boxOpacity = boxOpacity }
        return style
    }
}

/// A text overlay to add; the id is made when missing, the position defaults to the top centre.
public struct OverlayDraft: Codable, Sendable, Hashable {
    public var id: String?
    public var text: String
    public var start: Double
    public var end: Double
    public var x: Double?
    public var y: Double?
    public var style: TextStylePatch?
    public var animation: OverlayAnimation?

    public init(text: String, start: Double, end: Double, x: Double? = nil, y: Double? = nil) {
        self.text = text
        self.start = start
        self.end = end
        self.x = x
        self.y = y
    }
}

/// What applying operations did: the new document and one sentence per change, for people.
public struct EditResult: Sendable, Hashable {
    public var state: EditorState
    public var changes: [String]
}
