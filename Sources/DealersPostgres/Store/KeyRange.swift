/// The keys under a folder prefix as a range of the byte-ordered primary key: `users` is
/// `["users/", "users0")` (`0` follows `/` in ASCII), `""` is every key. A scan walks the index
/// in pages (keyset pagination): each page starts after the last key of the one before.
struct KeyRange {
    /// The first key that may be under the prefix, or `nil` for every key.
    let lower: String?
    /// The first key past the prefix, or `nil` for no bound.
    let upper: String?

    init(prefix: String) {
        let trimmed = prefix.hasSuffix("/") ? String(prefix.dropLast()) : prefix
        if trimmed.isEmpty {
            lower = nil
            upper = nil
        } else {
            lower = trimmed + "/"
            upper = trimmed + "0"
        }
    }

    /// The `WHERE` clause of a page and its parameters: keys in range, after `last` when given.
    func condition(after last: String?) -> (sql: String, values: [String]) {
        var parts: [String] = []
        var values: [String] = []
        if let last {
            values.append(last)
            parts.append("key > $\(values.count)")
        } else if let lower {
            values.append(lower)
            parts.append("key >= $\(values.count)")
        }
        if let upper {
            values.append(upper)
            parts.append("key < $\(values.count)")
        }
        return (parts.isEmpty ? "true" : parts.joined(separator: " AND "), values)
    }
}
