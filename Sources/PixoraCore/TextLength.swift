extension StringProtocol {
    /// Length as JSON Schema's `maxLength` counts it: Unicode code points, not grapheme clusters, so a limit in
    /// the API document and the check in the code agree on combining marks and emoji sequences.
    public var codePointCount: Int { unicodeScalars.count }
}
