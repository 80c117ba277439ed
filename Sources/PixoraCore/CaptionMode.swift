/// How captions are shown: a whole phrase at a time, or a few words at a time with the spoken word highlighted
/// (the karaoke style of short-video apps).
public enum CaptionMode: String, NamedChoice {
    case phrase, words

    public var label: String {
        switch self {
        case .phrase: "Phrase by phrase"
        case .words: "Word by word, highlighted"
        }
    }
}
