/// One bar of a piece as the performers see it: where it starts, which chord sounds, where it sits in its phrase.
struct Bar: Sendable, Hashable {
    /// Bar number from the start of the piece.
    var index: Int
    var phrase: Int
    /// Position inside the four-bar phrase, 0...3.
    var position: Int
    var isPhraseEnd: Bool
    /// First tick of the bar.
    var start: Int
    var beats: Int
    var ticksPerBeat: Int
    /// Pitch classes of the chord, root first.
    var chord: [Int]

    var length: Int { beats * ticksPerBeat }
    var end: Int { start + length }

    /// The tick `beat` beats into the bar.
    func tick(_ beat: Double) -> Int {
        start + Int((beat * Double(ticksPerBeat)).rounded())
    }

    func ticks(_ beats: Double) -> Int {
        Int((beats * Double(ticksPerBeat)).rounded())
    }
}
