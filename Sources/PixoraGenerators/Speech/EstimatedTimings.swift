extension SpeechTimings {
    /// Word timings spread over the spoken length in proportion to each word's letters, for speech whose words
    /// were not timed (providers without timestamps, an uploaded voice-over): captions then follow the voice
    /// closely, if not to the syllable.
    public static func estimated(_ text: String, duration: Double) -> SpeechTimings {
        let words = text.split(whereSeparator: \.isWhitespace).map(String.init)
        guard !words.isEmpty, duration > 0 else { return SpeechTimings(duration: duration, words: []) }
        let lead = min(0.1, duration * 0.05)
        let span = max(duration - 2 * lead, 0.01)
        let weights = words.map { Double(max($0.count, 2)) + 1 }
        let total = weights.reduce(0, +)
        var time = lead
        var timings: [WordTiming] = []
        for (word, weight) in zip(words, weights) {
            let length = span * weight / total
            timings.append(
                WordTiming(
                    word: word, start: (time * 1000).rounded() / 1000,
                    end: ((time + length * 0.9) * 1000).rounded() / 1000))
            time += length
        }
        return SpeechTimings(duration: duration, words: timings)
    }
}
