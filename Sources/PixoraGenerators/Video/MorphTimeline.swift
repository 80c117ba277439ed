/// When a morph holds, blends and settles, in frames of the finished clip, and the ffmpeg expressions for it.
/// The start picture is held for the first fifth, blended into the end picture with a smoothstep weight over the
/// middle three fifths, and the end picture is held for the last fifth.
struct MorphTimeline {
    let frames: Int
    /// The last frame that is purely the start picture (blend weight 0).
    let blendStart: Int
    /// The first frame that is purely the end picture (blend weight 1).
    let blendEnd: Int

    init(duration: Double, fps: Int) {
        frames = max(Int((duration * Double(fps)).rounded()), 2)
        let last = Double(frames - 1)
        blendStart = Int((last * 0.2).rounded())
        blendEnd = max(Int((last * 0.8).rounded()), blendStart + 1)
    }

    /// Linear progress through the clip (0 at the first frame, 1 at the last) of frame `n`.
    func progress(_ n: String) -> String { "(\(n)/\(frames - 1))" }

    /// The end picture's weight at frame `n`: smoothstep, so the blend eases in and out instead of starting and
    /// stopping abruptly.
    func weight(_ n: String) -> String {
        let s = "clip((\(n)-\(blendStart))/\(blendEnd - blendStart),0,1)"
        return "(\(s)*\(s)*(3-2*\(s)))"
    }

    /// Presentation times (in frames) that make xfade's linear fade follow `weight`: xfade takes its progress from
    /// the first input's timestamps, so the blended frames are stamped along the smoothstep curve and restamped
    /// evenly afterwards. Keeps the blend in ffmpeg's compiled fade instead of a per-pixel expression (≈ 10× slower).
    var warpedTimestamps: String {
        "if(between(N,\(blendStart),\(blendEnd)),\(blendStart)+\(weight("N"))*\(blendEnd - blendStart),N)"
    }
}
