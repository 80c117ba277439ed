import PixoraCore

/// Makes room for scenes whose real narration runs longer than planned. Plans are laid out from estimated speech
/// (`SpeakingRate`), which is off by up to a second per scene either way; lengthening the scenes that run over and
/// leaving the others as planned adds up every overrun (a 20 s plan made a 23 s video). Taking the overrun from
/// the scenes that have room keeps the plan's total whenever the whole narration fits.
enum SceneRoom {
    /// Lengths in whole frames: each at least its need; the plan's total kept while the others' room lasts.
    static func balanced(planned: [Double], needs: [Double], fps: Int) -> [Double] {
        let rate = Double(fps)
        var lengths = zip(planned, needs).map { max($0, $1) }
        let overrun = zip(planned, needs).reduce(0) { $0 + max($1.1 - $1.0, 0) }
        let room = zip(planned, needs).map { max($0 - $1, 0) }
        let spare = room.reduce(0, +)
        guard overrun > 0, spare > 0 else { return lengths }
        let taken = min(overrun, spare)
        for index in lengths.indices where room[index] > 0 {
            // In proportion to each scene's room; rounded to frames, never below the scene's need.
            let shortened = planned[index] - taken * room[index] / spare
            lengths[index] = max((shortened * rate).rounded() / rate, needs[index])
        }
        return lengths
    }
}
