/// User text made safe inside markup (SVG, HTML), in element content and in quoted attribute values alike.
public enum MarkupText {
    /// Control characters go first (the shared single-line rule: XML 1.0 forbids most of them, and rsvg-convert
    /// rejects a whole picture for one), then the five characters markup gives meaning to. `&#39;` is the
    /// apostrophe both HTML and XML read; SVG writes the XML name. Scalar by scalar: a combining mark after `<` or `"`
    /// makes one Character that compares unequal to either, and would slip through unescaped.
    public static func escaped(_ text: String, apostrophe: String = "&#39;") -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in TextSanitizer.singleLine(text).unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += apostrophe
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
