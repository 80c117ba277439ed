import Foundation

/// The last pass over a filled template: a topic that brings its own punctuation ("…sunset?", "bees,") must not
/// leave "sunset?." or "bees,." behind, nor spaces before a mark.
enum SentenceTidy {
    static func tidy(_ text: String) -> String {
        var result = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        result = result.replacingOccurrences(of: #"\s+([.,!?;:])"#, with: "$1", options: .regularExpression)
        result = result.replacingOccurrences(of: #"([,;])(?=\p{L})"#, with: "$1 ", options: .regularExpression)
        // A run of marks keeps the strongest: a question, then an exclamation, then a full stop.
        guard let regex = try? NSRegularExpression(pattern: #"[.,!?;:]{2,}"#) else { return result }
        let nsText = result as NSString
        var output = ""
        var last = 0
        for match in regex.matches(in: result, range: NSRange(location: 0, length: nsText.length)) {
            output += nsText.substring(with: NSRange(location: last, length: match.range.location - last))
            let run = nsText.substring(with: match.range)
            output += ["?", "!", ".", ":", ";", ","].first { run.contains($0) } ?? String(run.prefix(1))
            last = match.range.location + match.range.length
        }
        output += nsText.substring(from: last)
        return output
    }
}
