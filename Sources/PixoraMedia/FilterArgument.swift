/// A value (a file name above all) written into an ffmpeg filtergraph as one filter option, whatever it holds.
///
/// ffmpeg unescapes a graph twice: the graph parser reads each filter's arguments up to `[ ] , ;` and removes one
/// level of quotes and backslashes, then the filter's option parser splits those at `:` and removes another. A value
/// quoted for only one level (as this code once did) is cut at its first `:` and broken by any `'`. So the value is
/// backslash-escaped for the option parser (`\ ' :`), then the result again for the graph parser
/// (`\ ' [ ] , ;`); the whitespace ffmpeg trims from the ends of a token at both levels is escaped too.
public enum FilterArgument {
    public static func escaped(_ value: String) -> String {
        backslashed(backslashed(value, special: "\\': \t\n\r"), special: "\\'[],; \t\n\r")
    }

    private static func backslashed(_ text: String, special: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            if special.unicodeScalars.contains(scalar) { result += "\\" }
            result.unicodeScalars.append(scalar)
        }
        return result
    }
}
