/// The keys under a folder prefix as a range of the byte-ordered primary key: `users` is
/// `["users/", "users0")` (`0` follows `/` in ASCII), `""` is every key. A scan walks the index
/// in pages (keyset pagination): each page starts after the last key of the one before.
struct KeyRange {
    /// The first key that may be under the prefix, or `nil` for every key.
    let lower: String?
    /// The first key past the prefix, or `nil` for no bound.
    let upper: String?
    /// The prefix as a folder (`users/`), `""` for every key.
    let folder: String
    /// The key column the condition names.
    let column: String

    init(prefix: String, column: String = "key") {
        self.column = column
        let trimmed = prefix.hasSuffix("/") ? String(prefix.dropLast()) : prefix
        folder = trimmed.isEmpty ? "" : trimmed + "/"
        if trimmed.isEmpty {
            lower = nil
            upper = nil
        } else {
            lower = trimmed + "/"
            upper = trimmed + "0"
        }
    }

    /// The `WHERE` clause of a page and its parameters: keys in range, after `last` when given;
    /// its parameters are numbered from `firstParameter` (`$1` unless the statement has others first).
    func condition(after last: String?, firstParameter: Int = 1) -> (sql: String, values: [String]) {
        var parts: [String] = []
        var values: [String] = []
        if let last {
            values.append(last)
            parts.append("\(column) > $\(values.count + firstParameter - 1)")
        } else if let lower {
            values.append(lower)
            parts.append("\(column) >= $\(values.count + firstParameter - 1)")
        }
        if let upper {
            values.append(upper)
            parts.append("\(column) < $\(values.count + firstParameter - 1)")
        }
        return (parts.isEmpty ? "true" : parts.joined(separator: " AND "), values)
    }
}
