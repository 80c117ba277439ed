/// A syllable count good enough to time speech: vowel groups, less a silent final "e". Speech length follows
/// syllables more closely than words ("photosynthesis" takes five times as long as "sun").
enum Syllables {
    static func count<Word: StringProtocol>(_ word: Word) -> Int {
        let lower = word.lowercased()
        // A digit is read as a word of about one syllable ("2", "10" as "ten"); a number's digits each count.
        let digits = lower.filter(\.isNumber).count
        let letters = lower.filter { $0.isLetter && $0.isASCII }
        guard !letters.isEmpty else { return max(digits, lower.contains(where: \.isLetter) ? 1 : 0) }
        var groups = 0
        var previousVowel = false
        for letter in letters {
            let vowel = "aeiouy".contains(letter)
            if vowel && !previousVowel { groups += 1 }
            previousVowel = vowel
        }
        if letters.hasSuffix("e") && !letters.hasSuffix("le") && !letters.hasSuffix("ee") && groups > 1 {
            groups -= 1
        }
        return max(groups, 1) + digits
    }
}
