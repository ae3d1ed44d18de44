/// Text made safe for XML and HTML element content and quoted attribute values: `&`, `<`, `>`,
/// `"` and `'` as references (the portal's pages and the pain.008 files).
public enum MarkupEscaping {
    /// The escaped text.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
